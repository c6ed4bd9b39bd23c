"""Turning a cell as offices type it into a clean Python value, or a Vietnamese reason why not.

Every parser takes the raw cell value (str, int, float, bool, datetime or None) and returns the clean value;
a bad value raises CellError with the reason, which the reader turns into an error for its sheet, row and column.
"""

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Characters Windows files carry in and around text: every Unicode space (NBSP, narrow NBSP, figure space,
# ideographic space…) counts as a space; zero-width characters and the BOM are dropped.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+", re.UNICODE)
# Anything that _SPACES would change: a space that is not a lone plain space, or one at either end.
_NEEDS_SPACING = re.compile(r"[^\S ]|  |^ | $")
# Text an exporter neutralised ("'=..."): reading it back gives the original text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell whose value cannot be used; the message is the Vietnamese reason."""


def clean_text(value) -> str:
    """NFC, no zero-width characters, every run of spaces (NBSP included) one plain space, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.strftime("%d/%m/%Y") if value.time() == dt.time(0) else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, dt.date):
        value = value.strftime("%d/%m/%Y")
    text = str(value)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = text.translate(_ZERO_WIDTH)
    if _NEEDS_SPACING.search(text):
        text = _SPACES.sub(" ", text).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]  # undo the exporter's neutralisation, so a round trip changes nothing
    return text


def fold(text: str) -> str:
    """A key for comparing labels and headers: clean, case-folded (diacritics kept: «Nữ» is not «Nụ»)."""
    return clean_text(text).casefold()


_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+$")


def parse_decimal(value) -> Decimal | None:
    """A number typed as a number, or as Vietnamese text: «1.234,5», «1.080.000», «98,5», «1 234»."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("Ô này cần một số, không phải giá trị đúng/sai.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError("Ô này cần một số nhưng đang chứa ngày tháng.")
    text = clean_text(value).replace(" ", "").removesuffix("%")
    if text == "":
        return None
    if _THOUSANDS_DOT.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    elif not _PLAIN.match(text):
        raise CellError(
            "Không đọc được số. Viết theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập "
            "phân (ví dụ 1.234,5)."
        )
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above only let digits through
        raise CellError("Không đọc được số.") from exc


def parse_int(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("Ô này cần một số nguyên.")
    return int(number)


def parse_year(value) -> int | None:
    year = parse_int(value)
    if year is not None and not 1900 <= year <= 2100:
        raise CellError("Năm phải có bốn chữ số, ví dụ 2023.")
    return year


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Serial numbers a date cell holds when its date format was lost (01/01/1920 – 31/12/2099).
_SERIAL_RANGE = (7306, 73415)


def parse_date(value, *, epoch=None) -> dt.date | None:
    """An Excel date, or text dd/mm/yyyy (also with «-» or «.»), or yyyy-mm-dd."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

            return from_excel(value, epoch or CALENDAR_WINDOWS_1900).date()
        raise CellError("Không đọc được ngày. Nhập ngày dạng dd/mm/yyyy, ví dụ 05/12/2023.")
    text = clean_text(value)
    if text == "":
        return None
    if m := _DATE_TEXT.match(text):
        day, month, year = map(int, m.groups())
    elif m := _ISO_DATE.match(text):
        year, month, day = map(int, m.groups())
    else:
        raise CellError("Không đọc được ngày. Nhập ngày dạng dd/mm/yyyy, ví dụ 05/12/2023.")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError(f"Ngày {day:02d}/{month:02d}/{year} không có trên lịch.") from exc


_TRUE = {"có", "co", "x", "đúng", "true", "1", "yes", "c"}
_FALSE = {"không", "khong", "sai", "false", "0", "no", "k"}


def parse_bool(value) -> bool | None:
    """«Có»/«Không» (also x, 1/0, TRUE/FALSE); empty gives None, which the importer reads as the default."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = fold(value)
    if key == "":
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("Ghi «Có» hoặc «Không».")


def choice_parser(choices):
    """A parser for a TextChoices: accepts the label («Nữ», «Hoàn thành xuất sắc nhiệm vụ») or the code
    («HTXSNV»), in any case; the error lists what is allowed."""
    lookup = {}
    for value, label in choices.choices:
        if value == "":
            continue
        lookup[fold(label)] = value
        lookup[fold(value)] = value
    allowed = ", ".join(f"«{label}»" for value, label in choices.choices if value != "")

    def parse(value):
        key = fold(value)
        if key == "":
            return None
        try:
            return lookup[key]
        except KeyError:
            raise CellError(f"Giá trị không có trong danh sách. Chọn một trong: {allowed}.") from None

    parse.allowed = [label for value, label in choices.choices if value != ""]
    return parse


def neutralise(value):
    """Text a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a
    leading apostrophe, so it is shown as text and never computed."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
