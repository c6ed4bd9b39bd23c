"""Vietnamese formatting of numbers, money, percentages and dates: the one module every page, PDF, Excel report
and service message uses, with one rounding rule (half up: 2,345 → 2,35; 66,666… → 66,67).

- numbers: "." groups thousands, "," marks decimals, no trailing zeros: 1234.5 → "1.234,5", 62.00 → "62";
- money: whole đồng, grouped: 1080000 → "1.080.000";
- percentages: a number and "%": 57.14 → "57,14%" (documents print the number alone: `number`);
- dates dd/mm/yyyy; a moment "HH:MM dd/mm/yyyy" in local (Vietnam) time.

Django's own localisation (USE_THOUSAND_SEPARATOR off) is left for form inputs; what people read is written here.
"""

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

ROUNDING = ROUND_HALF_UP


def number(value, places: int = 2) -> str:
    """1234.5 → "1.234,5"; 62.00 → "62"; rounded half up to `places` decimals."""
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUNDING)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"


def money(amount) -> str:
    """1080000 → "1.080.000" (whole đồng); None → ""."""
    if amount is None:
        return ""
    return number(amount, places=0)


def percent(value) -> str:
    """57.14 → "57,14%"."""
    return f"{number(value)}%"


def date(value) -> str:
    """A date → "05/12/2023"; a moment → "14:30 05/12/2023" in local time; None → ""."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value:%H:%M} {value:%d/%m/%Y}"
    return f"{value:%d/%m/%Y}" if value else ""


# The letters of Django's date format that pages use, as strftime directives (all numeric: no locale involved).
_DIRECTIVES = {"d": "%d", "m": "%m", "Y": "%Y", "H": "%H", "i": "%M", "s": "%S"}


@functools.cache
def _strftime(pattern: str) -> str:
    unknown = {ch for ch in pattern if ch.isalpha() and ch not in _DIRECTIVES}
    if unknown:
        raise ValueError(f"date_as writes only {' '.join(_DIRECTIVES)}, not {' '.join(sorted(unknown))}")
    return "".join(_DIRECTIVES.get(ch, "%%" if ch == "%" else ch) for ch in pattern)


def date_as(value, pattern: str = "d/m/Y") -> str:
    """A date or a moment (in local time) written with the numeric letters of Django's date format (d m Y H i s):
    date_as(moment, "d/m/Y H:i") → "05/12/2023 14:30"; None → "". What `|date` writes for these letters, a few
    times faster (no locale lookups, no per-letter dispatch), which shows on a page of a hundred dates. In
    templates: `{% load dates %}{{ value|vn_date:"d/m/Y H:i" }}`."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(_strftime(pattern))


SYSTEM = "Hệ thống"


def person_name(user) -> str:
    """How a person is named everywhere (header, audit trail, admin, pages, PDFs, emails): as Vietnamese names are
    written, family name first, from their staff row ("Trần Thị Thu Hà"), never from Django's first/last name
    split; the username for an account of no person (a technical superuser); "Hệ thống" for no account at all
    (a command, an import without a user). In templates: `{% load names %}{{ user|person_name }}`."""
    if user is None:
        return SYSTEM
    staff = getattr(user, "staff", None)
    if staff is not None and staff.full_name:
        return staff.full_name
    return user.get_username() if hasattr(user, "get_username") else str(user)
