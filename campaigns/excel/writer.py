"""Writing tables the office can hand on: a title row naming the campaign, Vietnamese headers in a frozen row,
sensible widths, dates and amounts formatted, and text that a spreadsheet would run as a formula neutralised.

Workbooks are written in openpyxl's write-only mode: rows stream to disk, memory stays flat. Inside
`counting_rows(report, every=N)`, every table reports the rows written so far (over all its sheets) every N rows:
the progress bar of an export run by the worker (campaigns/excel/jobs.py)."""

import contextlib
import contextvars
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from campaigns.excel.normalise import neutralise

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
AMOUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"


@dataclass(frozen=True)
class Col:
    header: str
    width: int = 16
    kind: str = "text"  # text, date, datetime, amount, decimal, int, percent


class RowCounter:
    """The rows written into a workbook's tables; `report(rows)` is called every `every` rows."""

    def __init__(self, report, every: int):
        self.report, self.every, self.rows = report, max(1, every), 0

    def count(self):
        self.rows += 1
        if self.rows % self.every == 0:
            self.report(self.rows)


_counter: contextvars.ContextVar[RowCounter | None] = contextvars.ContextVar("excel_row_counter", default=None)


@contextlib.contextmanager
def counting_rows(report, *, every: int):
    """Tables made inside the block report the rows written, every `every` rows, through `report(rows)`."""
    token = _counter.set(RowCounter(report, every))
    try:
        yield
    finally:
        _counter.reset(token)


def new_workbook():
    import openpyxl  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

    return openpyxl.Workbook(write_only=True)


class Table:
    """One sheet: title rows, a frozen header row, then rows appended one by one."""

    def __init__(self, workbook, sheet_name, columns, *, title, subtitle="", validations=()):
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written
        from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written
        from openpyxl.utils import get_column_letter  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

        self.ws = ws = workbook.create_sheet(title=sheet_name[:31])
        self.columns = list(columns)
        self._cell = WriteOnlyCell
        first_data_row = 4 if subtitle else 3
        ws.freeze_panes = f"A{first_data_row}"
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        for column_index, allowed in validations:
            letter = get_column_letter(column_index + 1)
            dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True)
            dv.error = "Chọn một giá trị trong danh sách."
            dv.add(f"{letter}{first_data_row}:{letter}{first_data_row + 5000}")
            ws.data_validations.append(dv)
        title_cell = WriteOnlyCell(ws, value=neutralise(title))
        title_cell.font = Font(bold=True, size=14)
        ws.append([title_cell])
        if subtitle:
            sub = WriteOnlyCell(ws, value=neutralise(subtitle))
            sub.font = Font(italic=True)
            ws.append([sub])
        header_font = Font(bold=True)
        header_fill = PatternFill("solid", fgColor="DDE7F0")
        header_align = Alignment(wrap_text=True, vertical="center")
        headers = []
        for column in self.columns:
            cell = WriteOnlyCell(ws, value=neutralise(column.header))
            cell.font, cell.fill, cell.alignment = header_font, header_fill, header_align
            headers.append(cell)
        ws.append(headers)
        self._formats = [
            {"date": DATE_FORMAT, "datetime": DATETIME_FORMAT, "amount": AMOUNT_FORMAT, "decimal": DECIMAL_FORMAT,
             "int": "0", "percent": DECIMAL_FORMAT}.get(c.kind)
            for c in self.columns
        ]
        self.rows = 0
        self._counter = _counter.get()

    def append(self, values, *, bold=False):
        out = []
        for value, fmt in zip(values, self._formats):
            if isinstance(value, dt.datetime):

                if timezone.is_aware(value):
                    value = timezone.localtime(value)
                value = value.replace(tzinfo=None)
            elif isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif isinstance(value, str):
                value = neutralise(value)
            if (fmt and value is not None and not isinstance(value, str)) or bold:
                cell = self._cell(self.ws, value=value)
                if fmt and not isinstance(value, str):
                    cell.number_format = fmt
                if bold:
                    from openpyxl.styles import Font  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

                    cell.font = Font(bold=True)
                value = cell
            out.append(value)
        self.ws.append(out)
        self.rows += 1
        if self._counter is not None:
            self._counter.count()


def save(workbook, out=None):
    """Save to `out` (a path or a binary file); without it, return the bytes."""
    if out is None:
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    workbook.save(out)
    return None
