"""How documents write dates, numbers and amounts (Nghị định 30/2020/NĐ-CP). Plain Python, no PDF library."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from awards.words import amount_in_words


def day_month_year(day: dt.date | None, *, year: int | None = None) -> str:
    """"ngày 05 tháng 12 năm 2023": leading zero for days under 10 and for months 1 and 2 only
    ("ngày 09 tháng 02 năm 2024", "ngày 15 tháng 7 năm 2023"). Without a date: blanks to fill by hand."""
    if day is None:
        return f"ngày      tháng      năm {year or ''}".rstrip()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: dt.date | None, *, year: int | None = None) -> str:
    """"Ninh Thuận, ngày 05 tháng 12 năm 2023"."""
    return f"{place}, {day_month_year(day, year=year)}"


def short_date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def money(amount) -> str:
    """1080000 → "1.080.000"."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".")


def money_words(amount) -> str:
    return amount_in_words(int(amount)) if amount is not None else ""


def percent(value) -> str:
    """Decimal("57.14") → "57,14"; Decimal("100.00") → "100"."""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def count2(n: int) -> str:
    """Counts in documents take two digits: 05 tập thể."""
    return f"{n:02d}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper(text: str) -> str:
    return (text or "").upper()
