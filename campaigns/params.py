"""Values that come from a request (query strings, posted ids, `next` addresses), read in one place so that
garbage never reaches the database or a 500: a bad value reads as "none" and the page falls back to its default.

`str.isdigit()` is not enough: it accepts "²" and "١٢" (which int() refuses or reads) and numbers past the
database's integer range (an OverflowError on SQLite, an error on PostgreSQL)."""

from django.utils.http import url_has_allowed_host_and_scheme

MAX_ID = 2**63 - 1  # bigint on PostgreSQL, integer on SQLite


def parse_id(value) -> int | None:
    """A positive database id from a request value, or None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > 19 or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_int(value, *, low: int, high: int) -> int | None:
    """An integer within [low, high] from a request value, or None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > 19 or not text.isascii() or not text.lstrip("-").isdigit():
        return None
    number = int(text)
    return number if low <= number <= high else None


def safe_next(request, default: str) -> str:
    """A same-site path to go back to after a form: never another site, never something that is not a path
    (redirect() would try to reverse it as a view name)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (target.startswith("/") and not target.startswith("//") and "\\" not in target
            and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())):
        return target
    return default
