"""The sheets of every import template: their Vietnamese headers, which columns identify a row, what each
column accepts. Templates, readers, the demo file and the organisation export are all built from these."""

import functools
from dataclasses import dataclass
from decimal import Decimal

from campaigns.excel import normalise as n
from campaigns.models import (
    Gender,
    IndexName,
    InspectionResult,
    Rating,
    StaffCategory,
    UnitKind,
)

_choice_parser = functools.cache(n.choice_parser)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, date, decimal, percent, int, year, bool, choice
    required: bool = False
    width: int = 18
    note: str = ""
    choices: type | None = None
    aliases: tuple = ()

    @property
    def empty(self):
        return "" if self.kind == "text" else None

    def parse_cell(self, value, cell=None, epoch=None):
        kind = self.kind
        if kind == "text":
            return n.clean_text(value)
        if kind == "date":
            return n.parse_date(value, epoch=epoch)
        if kind == "decimal":
            return n.parse_decimal(value)
        if kind == "percent":
            number = n.parse_decimal(value)
            fmt = getattr(cell, "number_format", "") or ""
            if number is not None and isinstance(value, (int, float)) and "%" in fmt:
                number = number * 100
            return number
        if kind == "int":
            return n.parse_int(value)
        if kind == "year":
            return n.parse_year(value)
        if kind == "bool":
            return n.parse_bool(value)
        if kind == "choice":
            return _choice_parser(self.choices)(value)
        raise AssertionError(kind)

    def to_cell(self, value):
        """The value as the template writes it (labels for choices, «Có»/«Không» for booleans)."""
        if value is None:
            return None
        if self.kind == "choice":
            return self.choices(value).label if value != "" else None
        if self.kind == "bool":
            return "Có" if value else "Không"
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return int(value)
        return value

    @property
    def allowed(self):
        if self.kind == "choice":
            return [label for value, label in self.choices.choices if value != ""]
        if self.kind == "bool":
            return ["Có", "Không"]
        return None

    @property
    def header_text(self):
        return f"{self.header} *" if self.required else self.header


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple
    key: tuple  # keys of the columns that identify a row
    description: str = ""

    def column(self, key) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


YES_DEFAULT = "Để trống: «Có»."

UNITS = SheetLayout(
    name="Đơn vị",
    description="Mỗi dòng một đơn vị, nhận biết theo Mã đơn vị: mã đã có thì cập nhật, mã mới thì tạo mới.",
    key=("code",),
    columns=(
        Column("code", "Mã đơn vị", required=True, width=14, note="Mã ngắn, không trùng, ví dụ NCC."),
        Column("name", "Tên đơn vị", required=True, width=48),
        Column("kind", "Loại đơn vị", kind="choice", choices=UnitKind, required=True, width=24),
        Column("parent", "Mã đơn vị cấp trên", width=16, note="Để trống nếu trực thuộc Sở."),
        Column("email", "Thư điện tử", width=32),
        Column("active", "Đang hoạt động", kind="bool", width=14, note=YES_DEFAULT),
    ),
)

STAFF = SheetLayout(
    name="Cán bộ",
    description="Mỗi dòng một người, nhận biết theo Mã cán bộ. Đơn vị ghi bằng mã (ở trang Đơn vị hoặc đã có).",
    key=("code",),
    columns=(
        Column("code", "Mã cán bộ", required=True, width=14, note="Mã định danh không trùng, ví dụ CB0001."),
        Column("full_name", "Họ và tên", required=True, width=30),
        Column("gender", "Giới tính", kind="choice", choices=Gender, required=True, width=10),
        Column("date_of_birth", "Ngày sinh", kind="date", width=13, note="dd/mm/yyyy hoặc ô ngày của Excel."),
        Column("position", "Chức vụ", width=30),
        Column("category", "Đối tượng", kind="choice", choices=StaffCategory, required=True, width=18),
        Column("unit", "Mã đơn vị", required=True, width=12),
        Column("email", "Thư điện tử", width=32),
        Column("active", "Đang công tác", kind="bool", width=14, note=YES_DEFAULT),
    ),
)

INDICATORS = SheetLayout(
    name="Số liệu chỉ tiêu",
    description=(
        "Mỗi dòng là số liệu của một đơn vị trong một năm, nhận biết theo Mã đơn vị và Năm. Ô để trống nghĩa là "
        "«chưa có số liệu» (không phải số 0). Cột không có trong tệp thì số liệu đó được giữ nguyên."
    ),
    key=("unit", "year"),
    columns=(
        Column("unit", "Mã đơn vị", required=True, width=12),
        Column("year", "Năm", kind="year", required=True, width=8),
        Column("capital_allocated", "Vốn đầu tư công được giao (đồng)", kind="decimal", width=20),
        Column("capital_disbursed", "Vốn đã giải ngân (đồng)", kind="decimal", width=20),
        Column("capital_source", "Nguồn số liệu giải ngân", width=28),
        Column("online_dossiers", "Hồ sơ trực tuyến", kind="int", width=12),
        Column("total_dossiers", "Tổng số hồ sơ", kind="int", width=12),
        Column("online_target_percent", "Chỉ tiêu tỷ lệ trực tuyến (%)", kind="percent", width=14,
               note="Ví dụ 80 hoặc 80% (QĐ 245/QĐ-UBND ngày 01/3/2023)."),
        Column("online_source", "Nguồn số liệu trực tuyến", width=28),
        Column("has_procedures", "Có giải quyết TTHC", kind="bool", width=12, note=YES_DEFAULT),
        Column("late_dossiers", "Hồ sơ trễ hẹn", kind="int", width=12),
        Column("backlog_dossiers", "Hồ sơ tồn đọng", kind="int", width=12),
        Column("late_source", "Nguồn số liệu TTHC", width=28),
        Column("inspection_result", "Kết quả kiểm tra CCHC", kind="choice", choices=InspectionResult, width=14),
        Column("inspection_source", "Nguồn kết quả kiểm tra", width=28),
        Column("ddci_assigned", "Được giao chỉ số DDCI", kind="bool", width=12, note=YES_DEFAULT),
        Column("ddci_score", "Điểm DDCI năm nay", kind="decimal", width=12),
        Column("ddci_score_last", "Điểm DDCI năm trước", kind="decimal", width=12),
        Column("ddci_rank", "Thứ hạng DDCI năm nay", kind="int", width=12),
        Column("ddci_rank_last", "Thứ hạng DDCI năm trước", kind="int", width=12),
        Column("ddci_source", "Nguồn số liệu DDCI", width=28),
    ),
)

INDEX_COMPONENTS = SheetLayout(
    name="Chỉ số thành phần",
    description=(
        "Mỗi dòng là một chỉ số thành phần (PAR INDEX, PCI, PAPI, SIPAS) giao cho một đơn vị trong một năm, nhận "
        "biết theo Mã đơn vị, Năm, Bộ chỉ số và tên Chỉ số thành phần."
    ),
    key=("unit", "year", "index", "component"),
    columns=(
        Column("unit", "Mã đơn vị", required=True, width=12),
        Column("year", "Năm", kind="year", required=True, width=8),
        Column("index", "Bộ chỉ số", kind="choice", choices=IndexName, required=True, width=12),
        Column("component", "Chỉ số thành phần", required=True, width=40),
        Column("score", "Điểm năm nay", kind="decimal", width=12),
        Column("score_last", "Điểm năm trước", kind="decimal", width=12),
        Column("source", "Nguồn số liệu", width=28),
    ),
)

_SUBJECT_NOTE = "Ghi Mã cán bộ (xếp loại cá nhân) hoặc Mã đơn vị (xếp loại tập thể), không ghi cả hai."

RATINGS = SheetLayout(
    name="Xếp loại",
    description=(
        "Mỗi dòng là xếp loại chất lượng của một người hoặc một đơn vị trong một năm, nhận biết theo Năm và Mã "
        "cán bộ (hoặc Mã đơn vị). Cột «Họ tên / Tên đơn vị» chỉ để dễ đối chiếu, không được nhập."
    ),
    key=("year",),
    columns=(
        Column("year", "Năm", kind="year", required=True, width=8),
        Column("staff", "Mã cán bộ", width=14, note=_SUBJECT_NOTE),
        Column("unit", "Mã đơn vị", width=12, note=_SUBJECT_NOTE),
        Column("name", "Họ tên / Tên đơn vị", width=32, note="Chỉ để đối chiếu."),
        Column("rating", "Xếp loại", kind="choice", choices=Rating, required=True, width=32,
               note="Ghi đầy đủ hoặc viết tắt: HTXSNV, HTTNV, HTNV, KHTNV."),
        Column("source", "Văn bản", width=36, note="Quyết định xếp loại, ví dụ 12/QĐ-SLĐTBXH ngày 20/12/2023."),
    ),
)

INITIATIVES = SheetLayout(
    name="Sáng kiến",
    description=(
        "Mỗi dòng là một sáng kiến đã được công nhận, nhận biết theo Năm công nhận, Mã cán bộ (hoặc Mã đơn vị) và "
        "Tên sáng kiến. Sửa tên sáng kiến thì được tính là sáng kiến mới."
    ),
    key=("year", "title"),
    columns=(
        Column("year", "Năm công nhận", kind="year", required=True, width=10),
        Column("staff", "Mã cán bộ", width=14, note=_SUBJECT_NOTE),
        Column("unit", "Mã đơn vị", width=12, note=_SUBJECT_NOTE),
        Column("name", "Họ tên / Tên đơn vị", width=30, note="Chỉ để đối chiếu."),
        Column("title", "Tên sáng kiến", required=True, width=60),
        Column("recognised_by", "Cơ quan công nhận", width=28, note="Để trống: «Hội đồng sáng kiến Sở»."),
        Column("decision_ref", "Quyết định công nhận", width=32),
    ),
)
