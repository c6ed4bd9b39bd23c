"""Opening an uploaded workbook safely and reading one sheet of a template's layout into clean rows.

What offices send is taken as it comes: the header row may sit under a title, columns may be in any order,
extra columns are ignored with a notice, empty and trailing rows are skipped, hidden sheets are ignored,
formula cells give their cached value. Everything wrong is collected (sheet, row, column, value, reason);
nothing stops at the first error."""

import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from campaigns.excel.normalise import CellError, clean_text, fold
from campaigns.excel.safety import UnsafeWorkbook, check_archive

HEADER_SEARCH_ROWS = 10
# Rows per sheet: the import keeps every row until all are checked (all or nothing), so this bounds its memory
# (README, "Excel in and out"): 2.5 times the 20,004 staff of a province-scale organisation.
MAX_ROWS = 50_000


class WorkbookRefused(Exception):
    """The file cannot be read as a workbook at all; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    value: str
    message: str

    def __str__(self):
        where = f"Trang «{self.sheet}»" if self.sheet else "Tệp"
        if self.row:
            where += f", dòng {self.row}"
        if self.column:
            where += f", cột «{self.column}»"
        value = f" (giá trị «{self.value}»)" if self.value not in ("", None) else ""
        return f"{where}{value}: {self.message}"


@dataclass
class Row:
    sheet: str
    number: int
    values: dict  # column key -> clean value (only columns present in the sheet)
    raw: dict  # column key -> the cell's value as read
    ok: bool = True

    def shown(self, key) -> str:
        """The cell's value as an error message shows it."""
        return display(self.raw.get(key))


@dataclass
class SheetData:
    name: str
    present: set = field(default_factory=set)  # column keys found in the header
    rows: list = field(default_factory=list)
    found: bool = False


def display(value) -> str:
    if value is None:
        return ""
    text = clean_text(value)
    return text if len(text) <= 80 else text[:77] + "…"


def open_workbook(source):
    """Open `source` (a path or a binary file object) read-only with cached formula values, or raise
    WorkbookRefused with a clear Vietnamese message."""
    import openpyxl  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

    if hasattr(source, "seek"):
        source.seek(0)
        head = source.read(8)
        source.seek(0)
    else:
        with open(source, "rb") as fh:
            head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRefused(
            "Tệp là định dạng Excel 97–2003 (.xls) hoặc được đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu "
            "nếu có và lưu lại dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại."
        )
    if not head.startswith(b"PK\x03\x04"):
        raise WorkbookRefused(
            "Tệp không phải là sổ tính Excel (.xlsx). Hãy tải mẫu trên trang này, điền dữ liệu và lưu dưới dạng .xlsx."
        )
    try:
        check_archive(source)
    except UnsafeWorkbook as exc:
        raise WorkbookRefused(str(exc)) from exc
    except Exception as exc:  # not a zip, a broken part: expat and zipfile raise their own errors
        raise WorkbookRefused(damaged_message()) from exc
    try:
        return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ParseError, ValueError, TypeError, OSError, EOFError) as exc:
        raise WorkbookRefused(damaged_message()) from exc
    except Exception as exc:  # openpyxl raises a zoo of exceptions for broken parts
        raise WorkbookRefused(damaged_message()) from exc


def damaged_message():
    return (
        "Tệp Excel bị hỏng hoặc không đầy đủ, không đọc được. Hãy mở tệp trong Excel, kiểm tra nội dung, lưu lại "
        "dưới dạng .xlsx rồi tải lên lại."
    )


def visible_sheets(workbook, report):
    """The workbook's visible sheets by folded name; hidden sheets are named in a notice and ignored."""
    sheets = {}
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            report.notice(f"Trang tính ẩn «{ws.title}» được bỏ qua.")
            continue
        # The sheet's <dimension> element is the writer's word; read-only openpyxl would stop at the row it names
        # and skip the rest silently. Without it every row is read, to the sheet's real end.
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        sheets[fold(ws.title)] = ws
    return sheets


def count_rows(ws) -> int:
    """The rows of a sheet, counted as «<row» tags in its XML without parsing it (a few hundredths of a second for
    20,000 rows): many writers (openpyxl's write-only mode among them) declare no dimension. The total of the
    import's progress bar, never trusted for reading; 0 when it cannot be counted."""
    count, tail = 0, b""
    try:
        with ws._get_source() as source:  # the sheet's XML in the archive (read-only worksheets have it)
            while chunk := source.read(1 << 20):
                data = tail + chunk
                count += data.count(b"<row")
                tail = data[-3:]  # shorter than the tag: never counted twice
    except Exception:  # noqa: BLE001 (a normal worksheet, or a damaged part that reading will report)
        return 0
    return count


def detect_layout(ws, layouts):
    """The layout whose headers a sheet's first rows hold (all its key columns, most required columns)."""
    best, best_score = None, 0
    for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        keys = {header_key(v) for v in cells if v is not None}
        for layout in layouts:
            names = {c.key: {header_key(h) for h in (c.header, *c.aliases)} for c in layout.columns}
            if not all(names[k] & keys for k in layout.key):
                continue
            score = sum(1 for c in layout.columns if c.required and names[c.key] & keys)
            if score > best_score:
                best, best_score = layout, score
    return best


def read_sheet(ws, layout, report, tick=None) -> SheetData:
    """Read a sheet of `layout` into rows of clean values; problems go into `report`. `tick()`, when given, is
    called once per data row read (the import's progress)."""
    data = SheetData(name=ws.title, found=True)
    headers = {}
    for column in layout.columns:
        for name in (column.header, *column.aliases):
            headers[header_key(name)] = column
    # Cells are built only when a column reads more than the value (a percentage's number format).
    needs_cells = any(column.kind == "percent" for column in layout.columns)
    value_of = (lambda cell: cell.value) if needs_cells else (lambda value: value)
    rows = ws.iter_rows(values_only=not needs_cells)
    header_row = None
    positions = {}
    try:
        for number, cells in enumerate(rows, start=1):
            if number > HEADER_SEARCH_ROWS:
                break
            found = {}
            for index, cell in enumerate(cells):
                column = headers.get(header_key(value_of(cell))) if value_of(cell) is not None else None
                if column is not None:
                    found.setdefault(column.key, []).append(index)
            if all(key in found for key in layout.key):
                header_row, header_cells = number, cells
                positions = found
                break
        if header_row is None:
            wanted = ", ".join(f"«{layout.column(k).header}»" for k in layout.key)
            report.error(ws.title, None, "", "", f"Không tìm thấy dòng tiêu đề (cần có các cột {wanted} trong {HEADER_SEARCH_ROWS} dòng đầu).")
            return data

        from openpyxl.utils import get_column_letter  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written

        for key, indexes in positions.items():
            if len(indexes) > 1:
                report.error(ws.title, header_row, layout.column(key).header, "",
                             "Cột này xuất hiện nhiều lần trong dòng tiêu đề; chỉ giữ một cột.")
        for column in layout.columns:
            if column.required and column.key not in positions:
                report.error(ws.title, header_row, column.header, "", "Thiếu cột bắt buộc này trong dòng tiêu đề.")
        known = {i for indexes in positions.values() for i in indexes}
        ignored = [f"«{clean_text(value_of(c))}» (cột {get_column_letter(i + 1)})"
                   for i, c in enumerate(header_cells) if i not in known and clean_text(value_of(c))]
        if ignored:
            report.notice(f"Trang «{ws.title}»: các cột không thuộc mẫu được bỏ qua: {', '.join(ignored)}.")
        if report.errors_in(ws.title):
            return data

        index_of = {key: indexes[0] for key, indexes in positions.items()}
        data.present = set(index_of)
        columns = [(layout.column(key), index) for key, index in index_of.items()]
        epoch = getattr(ws.parent, "epoch", None)
        for number, cells in enumerate(rows, start=header_row + 1):
            raw = {}
            for column, index in columns:
                if index >= len(cells):
                    continue
                cell = cells[index]
                value = cell.value if needs_cells else cell
                if isinstance(value, str) and clean_text(value) == "":
                    value = None
                if value is not None:
                    raw[column.key] = (value, cell if needs_cells else None)
            if not raw:
                continue  # an empty row, anywhere
            if len(data.rows) >= MAX_ROWS:
                report.error(ws.title, number, "", "", f"Trang có hơn {MAX_ROWS:,} dòng dữ liệu; hãy chia thành nhiều tệp.".replace(",", "."))
                break
            if tick is not None:
                tick()
            row = Row(sheet=ws.title, number=number, values={}, raw={})
            for column, _ in columns:
                value, cell = raw.get(column.key, (None, None))
                row.raw[column.key] = value
                try:
                    if value is None:
                        if column.required:
                            raise CellError("Ô bắt buộc, không được để trống.")
                        clean = column.empty
                    else:
                        clean = column.parse_cell(value, cell, epoch)
                except CellError as exc:
                    report.error(ws.title, number, column.header, display(value), str(exc))
                    row.ok = False
                    continue
                row.values[column.key] = clean
            data.rows.append(row)
    except WorkbookRefused:
        raise
    except Exception as exc:  # a damaged sheet part shows up only while streaming it
        raise WorkbookRefused(damaged_message()) from exc
    return data


def header_key(value) -> str:
    """Headers compare folded, without the «*» that marks a required column or a trailing «(bắt buộc)»."""
    key = fold(value)
    key = key.removesuffix("(bắt buộc)").strip().rstrip("*").strip()
    return key
