"""What an uploaded workbook is checked for before openpyxl parses any of it.

An .xlsx is a zip of XML parts, and its sizes are the sender's word. A 254 KB file whose one cell holds a few
hundred megabytes of the same letter unpacks at about 1000:1 and used to cost the import about 1 GB of memory;
openpyxl keeps every shared string, and its XML reader a whole cell, in memory. So, before parsing:

1. the archive's declared sizes: at most MAX_PARTS parts, none over MAX_PART_BYTES unpacked, all together under
   MAX_UNPACKED_BYTES, and no part over 1 MB packed more tightly than MAX_RATIO:1 (office files pack about 5–20:1;
   zip's reading stops at the declared size, so a part cannot unpack to more than it says);
2. the cells themselves, streamed: the worksheets and the shared strings are run through expat in 1 MB chunks
   (never a whole part in memory) and refused at the first text longer than MAX_CELL_CHARS characters, which is
   Excel's own limit for a cell, and so longer than any field of ours; a part declaring a DTD (entities) is
   refused too, since no office program writes one.

Each refusal is a Vietnamese message (the reader turns it into WorkbookRefused) saying what is wrong and what to do."""

import html
import re
import zipfile
from xml.parsers import expat

MAX_PARTS = 10_000
# A sheet of MAX_ROWS (50,000) staff rows unpacks to about 26 MB; wider layouts and long texts need more room.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # small parts may pack as tightly as they like
MAX_CELL_CHARS = 32_767
CHUNK = 1024 * 1024
SCANNED = re.compile(r"^xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)$", re.I)


class UnsafeWorkbook(ValueError):
    """The file must not be parsed; the message is the Vietnamese reason."""


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _mb(n: int) -> str:
    return _count(round(n / (1024 * 1024)))


def check_archive(source) -> None:
    """Check the zip's declared sizes and stream the cell text of every sheet; raise UnsafeWorkbook."""
    if hasattr(source, "seek"):
        source.seek(0)
    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise UnsafeWorkbook(f"Tệp Excel có {_count(len(infos))} phần, quá nhiều cho một sổ tính; hãy lưu lại tệp "
                                 "bằng Excel rồi tải lên lại.")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeWorkbook(
                    f"Tệp Excel bị nén bất thường (phần «{info.filename}» giải nén lớn gấp "
                    f"{_count(info.file_size // max(info.compress_size, 1))} lần), không phải tệp do Excel lưu. "
                    "Hãy mở tệp trong Excel, kiểm tra nội dung và lưu lại rồi tải lên lại.")
            if info.file_size > MAX_PART_BYTES:
                raise UnsafeWorkbook(
                    f"Tệp Excel khi giải nén có phần «{info.filename}» lớn {_mb(info.file_size)} MB, vượt giới hạn "
                    f"{_mb(MAX_PART_BYTES)} MB. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.")
        if total > MAX_UNPACKED_BYTES:
            raise UnsafeWorkbook(
                f"Tệp Excel khi giải nén lớn {_mb(total)} MB, vượt giới hạn {_mb(MAX_UNPACKED_BYTES)} MB. "
                "Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.")
        titles = _sheet_titles(archive)
        for info in infos:
            if SCANNED.match(info.filename) and not _surely_fine(archive, info.filename):
                _scan_cells(archive, info.filename, titles)
    if hasattr(source, "seek"):
        source.seek(0)


def _sheet_titles(archive) -> dict:
    """{part name: sheet title} from the workbook part and its relations (both small, and size-checked above)."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if rid and target:
            path = target.group(1).lstrip("/")
            targets[rid.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    titles = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name, rid = re.search(r'\bname="([^"]*)"', tag), re.search(r'\br:id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            titles[targets[rid.group(1)]] = html.unescape(name.group(1))
    return titles


# Where a cell of a sheet or a string of the shared table starts (written without a namespace prefix, as Excel,
# LibreOffice and openpyxl write them; a prefixed part is simply scanned by expat).
_CELL_START = re.compile(rb"<(?:c|si)[\s>/]")


def _surely_fine(archive, name) -> bool:
    """True when the part can hold neither a DTD nor a cell text over MAX_CELL_CHARS, told from its bytes alone
    in a few hundredths of a second: no «<!» anywhere, and never more than MAX_CELL_CHARS bytes from one cell's
    start to the next (a character takes at least one byte). False only means "not sure": expat then reads the
    part (_scan_cells), which decides and names the cell. About ten times faster than expat's handlers for every
    element of a 20,000-row sheet."""
    since = 0  # bytes since the last cell start, over chunk boundaries
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            if b"<!" in tail + chunk[:1] or b"<!" in chunk:
                return False
            tail = chunk[-1:]
            pieces = _CELL_START.split(chunk)
            since += len(pieces[0])
            if since > MAX_CELL_CHARS:
                return False
            if len(pieces) > 1:
                if max(map(len, pieces[1:])) > MAX_CELL_CHARS:
                    return False
                since = len(pieces[-1])
    return True


def _scan_cells(archive, name, titles) -> None:
    """Stream one part through expat; refuse the first text run longer than MAX_CELL_CHARS, and any DTD."""
    parser = expat.ParserCreate()
    parser.buffer_text = False
    state = {"length": 0, "cell": ""}

    def start(tag, attrs):
        local = tag.rsplit(":", 1)[-1]
        if local in ("c", "si"):  # a cell of a sheet, a string of the shared table (its rich-text runs add up)
            state["length"] = 0
            state["cell"] = attrs.get("r", "")

    def text(data):
        state["length"] += len(data)
        if state["length"] > MAX_CELL_CHARS:
            if name.lower().endswith("sharedstrings.xml"):
                where = "bảng chuỗi dùng chung"
            else:
                where = f"trang «{titles.get(name, name.rsplit('/', 1)[-1])}»"
                where += f", ô {state['cell']}" if state["cell"] else ""
            raise UnsafeWorkbook(
                f"Tệp Excel có một ô ({where}) dài hơn {_count(MAX_CELL_CHARS)} ký tự, giới hạn của một ô Excel và "
                "dài hơn mọi trường dữ liệu. Hãy kiểm tra lại ô đó rồi tải lên lại.")

    def doctype(*args):
        raise UnsafeWorkbook(
            "Tệp Excel có phần khai báo DTD (thực thể XML), không phải tệp do Excel lưu. "
            "Hãy mở tệp trong Excel, lưu lại rồi tải lên lại.")

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
