"""The admin of the awards app, one module per area; importing this package registers them all."""

from awards.admin import awards, council, decisions, dossiers, history, scoring  # noqa: F401
