"""Fixtures of the hardening tests: the decisions area's world (appraised nominees, a meeting where all passed)."""

from tests.decisions.conftest import bang_khen, giay_khen, gk_world  # noqa: F401  (fixtures, re-exported)
