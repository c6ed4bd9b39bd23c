"""Helpers for the Excel tests: workbooks written the way offices write them (normal openpyxl mode, any
layout), and read back."""

import io

import openpyxl
import pytest


def xlsx(sheets, *, hidden=(), formats=None):
    """A workbook from {sheet name: [rows]}; `hidden` names sheets to hide; `formats` maps
    (sheet, "B2") to a number format. Returns a binary file object."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if name in hidden:
            ws.sheet_state = "hidden"
    for (sheet, ref), number_format in (formats or {}).items():
        workbook[sheet][ref].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "tep.xlsx"
    return buffer


def read_back(data):
    """{sheet name: [row values]} of an .xlsx given as bytes or a path."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    workbook = openpyxl.load_workbook(source)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Thư điện tử", "Đang hoạt động"]
STAFF_HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đối tượng", "Mã đơn vị",
                 "Thư điện tử", "Đang công tác"]


@pytest.fixture
def org_file():
    def make(units=(), staff=(), **kwargs):
        return xlsx({"Đơn vị": [UNIT_HEADERS, *units], "Cán bộ": [STAFF_HEADERS, *staff]}, **kwargs)
    return make
