"""Vietnamese formatting of numbers, money and dates: one module, one rounding rule."""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone


def fmt_number(value, places=2) -> str:
    """1234.5 → "1.234,5"; 62.00 → "62" (Vietnamese separators, no trailing zeros)."""
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
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


def fmt_percent(value) -> str:
    return f"{fmt_number(value)}%"


def fmt_date(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value:%H:%M} {value:%d/%m/%Y}"
    return f"{value:%d/%m/%Y}" if value else ""
