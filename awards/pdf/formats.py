"""How documents write dates and counts (Nghị định 30/2020/NĐ-CP). Numbers, money and short dates come from
campaigns.formatting, like everywhere else. Plain Python, no PDF library."""

import datetime as dt

from awards.words import amount_in_words


def day_month_year(day: dt.date | None, *, year: int | None = None) -> str:
    """"ngày 05 tháng 12 năm 2023": leading zero for days under 10 and for months 1 and 2 only
    ("ngày 09 tháng 02 năm 2024", "ngày 15 tháng 7 năm 2023"). Without a date (a draft): "ngày … tháng … năm …",
    filled in by hand when signed (`year` is accepted for callers and not printed: the year is the signing's)."""
    if day is None:
        return "ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: dt.date | None, *, year: int | None = None) -> str:
    """"Ninh Thuận, ngày 05 tháng 12 năm 2023"."""
    return f"{place}, {day_month_year(day, year=year)}"


def money_words(amount) -> str:
    return amount_in_words(int(amount)) if amount is not None else ""


def count2(n: int) -> str:
    """Counts in documents take two digits: 05 tập thể."""
    return f"{n:02d}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper(text: str) -> str:
    return (text or "").upper()
