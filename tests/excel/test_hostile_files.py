"""Workbooks that lie or explode are read in full or refused before they cost anything: a sheet's <dimension>
is not trusted (every row is read, so all-or-nothing means every row), a part that unpacks far beyond its size,
a cell longer than Excel allows and a DTD are refused before openpyxl parses the file, with a Vietnamese reason,
and nothing is written."""

import io
import random
import re
import tracemalloc
import zipfile

import pytest

from campaigns.excel import safety
from campaigns.excel.importers import import_org
from campaigns.models import Staff, Unit
from tests.excel.test_imports import staff_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _organisation(campaign):
    """Imports need the organisation (the 2023 plan)."""

UNIT = ["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]


def rewrite(data, replace):
    """The workbook `data` (bytes) with each part passed through replace(name, bytes) -> bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace(item.filename, source.read(item.filename)))
    return out.getvalue()


def sheet_part(data, title):
    """The part name of the sheet called `title`."""
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"', zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml"))
    index = [n.decode() for n in names].index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def test_a_sheet_whose_dimension_says_fewer_rows_than_it_holds_is_read_to_its_real_end(org_file):
    staff = [staff_row(f"CB{i}", f"Nguyễn Văn {name}") for i, name in enumerate(
        ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải"], start=1)]
    data = org_file(units=[UNIT], staff=staff).getvalue()
    part = sheet_part(data, "Cán bộ")
    assert re.search(rb'<dimension ref="A1:I8" ?/>', zipfile.ZipFile(io.BytesIO(data)).read(part))
    lying = rewrite(data, lambda name, body: body.replace(b'ref="A1:I8"', b'ref="A1:I3"') if name == part else body)

    report = import_org(io.BytesIO(lying))
    assert report.errors == [] and report.applied
    assert report.counts == {"created": 8, "changed": 0, "unchanged": 0}
    assert sorted(Staff.objects.values_list("code", flat=True)) == [f"CB{i}" for i in range(1, 8)]


def test_a_bad_row_past_the_declared_dimension_still_stops_the_whole_import(org_file):
    staff = [staff_row(f"CB{i}") for i in range(1, 7)] + [staff_row("CB7", unit="KHONG-CO")]
    data = org_file(units=[UNIT], staff=staff).getvalue()
    part = sheet_part(data, "Cán bộ")
    lying = rewrite(data, lambda name, body: body.replace(b'ref="A1:I8"', b'ref="A1:I3"') if name == part else body)
    report = import_org(io.BytesIO(lying))
    assert [(p.sheet, p.row, p.column) for p in report.errors] == [("Cán bộ", 8, "Mã đơn vị")]
    assert not report.applied and Staff.objects.count() == 0 and Unit.objects.count() == 0


def packed_cell_workbook(org_file, megabytes):
    """The probe's file: one cell packed with `megabytes` MB of one letter, streamed into the zip (1000:1)."""
    data = org_file(units=[["P1", "PACKED", "Phòng chuyên môn", "", "", ""]]).getvalue()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if b"PACKED" not in body:
                target.writestr(item.filename, body)
                continue
            head, tail = body.split(b"PACKED")
            with target.open(item.filename, "w", force_zip64=True) as part:  # one cell, inline as openpyxl writes
                part.write(head)
                block = b"A" * (1024 * 1024)
                for _ in range(megabytes):
                    part.write(block)
                part.write(tail)
    return out.getvalue()


def test_a_small_file_that_unpacks_a_thousandfold_is_refused_before_it_is_parsed(org_file):
    crafted = packed_cell_workbook(org_file, 250)
    assert len(crafted) < 300 * 1024  # the probe's 254 KB file
    tracemalloc.start()
    try:
        report = import_org(io.BytesIO(crafted))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    info = next(i for i in zipfile.ZipFile(io.BytesIO(crafted)).infolist() if i.file_size > 200 * 1024 * 1024)
    ratio = f"{info.file_size // info.compress_size:,}".replace(",", ".")
    assert [p.message for p in report.errors] == [
        f"Tệp Excel bị nén bất thường (phần «{info.filename}» giải nén lớn gấp {ratio} lần), không phải tệp do Excel "
        "lưu. Hãy mở tệp trong Excel, kiểm tra nội dung và lưu lại rồi tải lên lại."]
    assert peak < 20 * 1024 * 1024  # refused from the sizes the zip declares: nothing was unpacked
    assert Unit.objects.count() == 0


def test_a_cell_longer_than_excel_allows_is_refused_while_streaming_not_after_loading(org_file):
    """Text that packs like real text (so the ratio passes), one cell of 40,000 characters: refused by the
    streaming scan, with memory far below the size of the text openpyxl would have built."""
    rng = random.Random(15)
    long_text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzăâđêôơư ") for _ in range(40_000))
    data = org_file(units=[UNIT]).getvalue()
    part = sheet_part(data, "Đơn vị")
    cell = f'<c r="B2" t="inlineStr"><is><t>{long_text}</t></is></c>'.encode()
    crafted = rewrite(data, lambda name, body: re.sub(rb'<c r="B2"[^>]*>.*?</c>', cell, body) if name == part else body)
    report = import_org(io.BytesIO(crafted))
    assert [p.message for p in report.errors] == [
        "Tệp Excel có một ô (trang «Đơn vị», ô B2) dài hơn 32.767 ký tự, giới hạn của một ô Excel và dài hơn mọi "
        "trường dữ liệu. Hãy kiểm tra lại ô đó rồi tải lên lại."]
    assert Unit.objects.count() == 0


def test_a_shared_string_longer_than_excel_allows_is_refused_too(org_file):
    """Excel itself keeps text in the shared-strings part; a long one there is refused the same way."""
    data = org_file(units=[UNIT]).getvalue()
    part = sheet_part(data, "Đơn vị")
    table = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<si><t>' + "x" * 40_000 + "</t></si></sst>").encode()

    def shared(name, body):
        if name == part:
            return re.sub(rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="s"><v>0</v></c>', body)
        return body

    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
        source = zipfile.ZipFile(io.BytesIO(rewrite(data, shared)))
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("xl/sharedStrings.xml", table)
    report = import_org(io.BytesIO(crafted.getvalue()))
    assert [p.message for p in report.errors] == [
        "Tệp Excel có một ô (bảng chuỗi dùng chung) dài hơn 32.767 ký tự, giới hạn của một ô Excel và dài hơn mọi "
        "trường dữ liệu. Hãy kiểm tra lại ô đó rồi tải lên lại."]
    assert Unit.objects.count() == 0


def test_a_long_text_split_into_short_rich_text_runs_is_refused_and_the_longest_allowed_passes(org_file):
    """The quick look at a part's bytes (no «<!», no more bytes between two cells than a cell may hold) only
    lets through what surely passes; anything else is read by expat, which decides: 40,000 characters in runs of
    100 are one shared string too long, while 32,767 Vietnamese characters (more bytes than characters) pass."""
    data = org_file(units=[UNIT]).getvalue()
    part = sheet_part(data, "Đơn vị")

    def with_shared_string(runs):
        table = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                 '2006/main"><si>' + "".join(f"<r><t>{run}</t></r>" for run in runs) + "</si></sst>").encode()
        body = rewrite(data, lambda name, b: re.sub(rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="s"><v>0</v></c>', b)
                       if name == part else b)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            source = zipfile.ZipFile(io.BytesIO(body))
            for item in source.infolist():
                target.writestr(item.filename, source.read(item.filename))
            target.writestr("xl/sharedStrings.xml", table)
        return io.BytesIO(out.getvalue())

    with pytest.raises(safety.UnsafeWorkbook, match="bảng chuỗi dùng chung"):
        safety.check_archive(with_shared_string(["x" * 100] * 400))
    longest = "ệ" * safety.MAX_CELL_CHARS  # three bytes a character
    assert len(longest.encode()) > safety.MAX_CELL_CHARS
    safety.check_archive(with_shared_string([longest]))  # passes: expat counted characters, not bytes
    with pytest.raises(safety.UnsafeWorkbook, match="bảng chuỗi dùng chung"):
        safety.check_archive(with_shared_string([longest, "ệ"]))


def test_a_workbook_that_unpacks_past_the_limit_is_refused(org_file, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    rng = random.Random(15)
    staff = [staff_row(f"CB{i}", "".join(rng.choice("abcdefghij") for _ in range(200))) for i in range(20_000)]
    report = import_org(org_file(units=[UNIT], staff=staff))
    assert len(report.errors) == 1
    assert report.errors[0].message.startswith("Tệp Excel khi giải nén lớn ")
    assert report.errors[0].message.endswith("vượt giới hạn 4 MB. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.")
    assert Staff.objects.count() == 0


def test_a_part_declaring_xml_entities_is_refused(org_file):
    data = org_file(units=[UNIT]).getvalue()
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>')

    part = sheet_part(data, "Đơn vị")

    def add_dtd(name, body):
        if name == part:
            return laughs + body
        return body

    report = import_org(io.BytesIO(rewrite(data, add_dtd)))
    assert [p.message for p in report.errors] == [
        "Tệp Excel có phần khai báo DTD (thực thể XML), không phải tệp do Excel lưu. Hãy mở tệp trong Excel, lưu lại "
        "rồi tải lên lại."]
