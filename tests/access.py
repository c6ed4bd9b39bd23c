"""The access matrix's vocabulary. Each area declares its URLs in `tests/<area>/access.py` as

    CASES = [Case("portal:dossier", kwargs=lambda w: {"pk": w.dossier_a.pk}, expect={...}), ...]

`expect` maps every actor of ACTORS to 200 (the page), 404, "login" (redirect to the login page), 302 (another
redirect), 403 (only where 404 would be wrong, e.g. the admin's own refusal) or 405. `w` is the world: data of
two units, built by `build_world()` (tests/test_access_matrix.py), so every denial is tested with data that
could leak. A URL of the project with no Case fails the suite."""

from dataclasses import dataclass, field
from typing import Callable

ACTORS = ["anonymous", "clerk", "head_a", "head_b", "director", "council", "staff"]


@dataclass
class Case:
    url_name: str
    kwargs: Callable = field(default=lambda w: {})
    expect: dict = field(default_factory=dict)
    method: str = "get"
    data: Callable | None = None
    campaign: Callable | None = None   # w -> the campaign of a campaign page (default: the world's one campaign)
