"""Imports take office files as they really are, all or nothing, and say what is wrong in Vietnamese."""

import datetime as dt
import io
import re
import unicodedata
import zipfile
from decimal import Decimal

import pytest

from awards.models import AwardKind, Dossier, DossierState, Nominee, Result
from awards.services.recompute import recompute_results
from campaigns.excel import reader
from campaigns.excel.importer import run
from campaigns.excel.importers import (
    IMPORTERS,
    import_indicators,
    import_initiatives,
    import_org,
    import_ratings,
)
from campaigns.excel.reader import Problem
from campaigns.excel.template_files import export_org, template
from campaigns.models import (
    AnnualRating,
    Criterion,
    IndexComponentScore,
    Indicator,
    IndicatorRecord,
    Initiative,
    Staff,
    StaffCategory,
    Unit,
)
from tests.excel.conftest import STAFF_HEADERS, UNIT_HEADERS, xlsx
from tests.factories import StaffFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def snapshot():
    units = list(Unit.objects.order_by("code").values_list("code", "name", "kind", "parent__code", "email", "active"))
    staff = list(Staff.objects.order_by("code").values_list(
        "code", "full_name", "gender", "date_of_birth", "position", "category", "unit__code", "email", "active"))
    return units, staff


def staff_row(code, name="Nguyễn Văn An", unit="P1", **over):
    row = {"code": code, "name": name, "gender": "Nam", "dob": "05/12/1980", "position": "Chuyên viên",
           "category": "Công chức", "unit": unit, "email": "", "active": ""}
    row.update(over)
    return list(row.values())


# --- the organisation --------------------------------------------------------------------------------------

def test_org_import_creates_units_and_staff_and_the_same_file_again_changes_nothing(campaign, org_file):
    f = org_file(
        units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""],
               ["P2", "Trung tâm Hai", "Đơn vị trực thuộc Sở", "P1", "tt2@example.vn", "Có"]],
        staff=[staff_row("CB1"), staff_row("CB2", "Trần Thị Bình", "P2", gender="Nữ", category="Viên chức")],
    )
    report = import_org(f)
    assert report.errors == [] and report.applied
    assert report.counts == {"created": 4, "changed": 0, "unchanged": 0}
    assert snapshot() == (
        [("P1", "Phòng Một", "section", None, "", True), ("P2", "Trung tâm Hai", "attached", "P1", "tt2@example.vn", True)],
        [("CB1", "Nguyễn Văn An", "male", dt.date(1980, 12, 5), "Chuyên viên", "civil_servant", "P1", "", True),
         ("CB2", "Trần Thị Bình", "female", dt.date(1980, 12, 5), "Chuyên viên", "public_employee", "P2", "", True)],
    )
    before = snapshot()
    again = import_org(f)
    assert again.counts == {"created": 0, "changed": 0, "unchanged": 4}
    assert snapshot() == before


def test_org_import_reports_what_changes_and_leaves_rows_absent_from_the_file_alone(campaign, org_file):
    unit = UnitFactory(code="P1", name="Phòng Một")
    StaffFactory(code="CB1", full_name="Nguyễn Văn An", unit=unit)
    StaffFactory(code="CB9", full_name="Người không có trong tệp", unit=unit)
    report = import_org(org_file(staff=[staff_row("CB1", "Nguyễn Văn Ân", position="Phó Trưởng phòng")]), dry_run=True)
    assert report.errors == [] and not report.applied
    (outcome,) = report.changed
    assert outcome.changes == ["họ và tên: Nguyễn Văn An → Nguyễn Văn Ân", "ngày sinh: (trống) → 05/12/1980",
                               "chức vụ: Chuyên viên → Phó Trưởng phòng"]
    assert Staff.objects.get(code="CB1").full_name == "Nguyễn Văn An"  # dry run: nothing written
    import_org(org_file(staff=[staff_row("CB1", "Nguyễn Văn Ân", position="Phó Trưởng phòng")]))
    assert Staff.objects.get(code="CB1").full_name == "Nguyễn Văn Ân"
    assert Staff.objects.filter(code="CB9").exists()
    assert Staff.history.filter(code="CB1").first().history_change_reason == "Nhập từ Excel (cơ cấu tổ chức (đơn vị, cán bộ))"


def test_org_import_keeps_a_history_row_per_created_and_changed_row_with_who_and_why(campaign, org_file):
    clerk = UserFactory(username="vanphong")
    unit = UnitFactory(code="P1", name="Phòng Một")
    StaffFactory(code="CB1", full_name="Nguyễn Văn An", unit=unit)
    StaffFactory(code="CB9", full_name="Người không có trong tệp", unit=unit)
    before = {code: Staff.history.filter(code=code).count() for code in ("CB1", "CB9")}
    report = import_org(org_file(staff=[staff_row("CB1", "Nguyễn Văn Ân"), staff_row("CB2", "Trần Thị Bình")]),
                        actor=clerk)
    assert report.applied and report.counts == {"created": 1, "changed": 1, "unchanged": 0}
    reason = "Nhập từ Excel (cơ cấu tổ chức (đơn vị, cán bộ))"
    tracked = [f.attname for f in Staff.history.model.tracked_fields]
    for code, kind in (("CB1", "~"), ("CB2", "+")):
        person = Staff.objects.get(code=code)
        latest = Staff.history.filter(code=code).latest("history_id")
        assert (latest.history_type, latest.history_user, latest.history_change_reason) == (kind, clerk, reason)
        assert {name: getattr(latest, name) for name in tracked} == {name: getattr(person, name) for name in tracked}
        assert latest.history_date is not None
    assert Staff.history.filter(code="CB1").count() == before["CB1"] + 1
    assert Staff.history.filter(code="CB2").count() == 1
    assert Staff.history.filter(code="CB9").count() == before["CB9"]  # absent from the file: untouched
    # The audit trail reads the import's row like any other: who, and the field that changed.
    assert sorted(Staff.history.filter(code="CB1").latest("history_id").diff_against(
        Staff.history.filter(code="CB1").earliest("history_id")).changed_fields) == ["date_of_birth", "full_name"]


def test_round_trip_export_the_organisation_import_it_back_nothing_changes(campaign):
    p1 = UnitFactory(code="P1", name="Phòng Một")
    UnitFactory(code="P2", name="=Trung tâm \"lạ\"", kind="attached", parent=p1, email="p2@example.vn")
    StaffFactory(code="CB1", full_name="=HYPERLINK(\"http://x\",\"Bấm\")", unit=p1, date_of_birth=dt.date(1979, 1, 2))
    StaffFactory(code="CB2", full_name="+Trần Thị Bình", gender="female", unit=p1, active=False,
                 category=StaffCategory.WORKER, email="b@example.vn", position="-")
    before = snapshot()
    data = export_org()
    report = import_org(io.BytesIO(data))
    assert report.errors == []
    assert report.counts == {"created": 0, "changed": 0, "unchanged": 4}
    assert snapshot() == before


def test_the_same_export_imports_into_an_empty_organisation_as_it_was(campaign):
    p1 = UnitFactory(code="P1", name="Phòng Một")
    UnitFactory(code="P2", name="Trung tâm Hai", parent=p1)
    StaffFactory(code="CB1", full_name="Nguyễn Văn An", unit=p1, date_of_birth=dt.date(1979, 1, 2))
    before = snapshot()
    data = export_org()
    Staff.objects.all().delete()
    Unit.objects.filter(code="P2").delete()
    Unit.objects.all().delete()
    report = import_org(io.BytesIO(data))
    assert report.errors == [] and report.counts["created"] == 3
    assert snapshot() == before


def test_nfd_text_and_non_breaking_spaces_come_out_as_clean_nfc(campaign, org_file):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    name = "\u00a0" + nfd.replace(" ", "\u00a0 ") + "\u200b  "
    report = import_org(org_file(units=[[" P1\u00a0", unicodedata.normalize("NFD", "Phòng Người có công"), "phòng CHUYÊN MÔN", "", "", ""]],
                                 staff=[staff_row("CB1", name, gender=unicodedata.normalize("NFD", "Nữ"))]))
    assert report.errors == []
    person = Staff.objects.get()
    assert person.full_name == "Nguyễn Thị Hồng Nhung"
    assert unicodedata.is_normalized("NFC", person.full_name) and person.gender == "female"
    assert Unit.objects.get().code == "P1" and Unit.objects.get().name == "Phòng Người có công"


def test_one_bad_row_among_a_thousand_imports_nothing(campaign, org_file):
    rows = [staff_row(f"CB{i:04d}", f"Nguyễn Văn Số {i}") for i in range(1, 1001)]
    rows[536][2] = "Không rõ"
    report = import_org(org_file(units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]], staff=rows))
    assert report.errors == [Problem(
        sheet="Cán bộ", row=538, column="Giới tính", value="Không rõ",
        message="Giá trị không có trong danh sách. Chọn một trong: «Nam», «Nữ».",
    )]
    assert not report.applied
    assert Staff.objects.count() == 0 and Unit.objects.count() == 0
    assert report.summary() == "Tệp có 1 lỗi nên chưa nhập dòng nào. Hãy sửa các lỗi dưới đây rồi tải lên lại."


def test_every_error_is_listed_with_sheet_row_column_value_and_reason(campaign, org_file):
    UnitFactory(code="P1", name="Phòng Một")
    report = import_org(org_file(
        units=[["P3", "Phòng Ba", "Phòng chuyên môn", "P9", "", ""],
               ["P4", "", "Phòng", "", "khong-phai-email", "Có lẽ"]],
        staff=[staff_row("CB1", dob="31/02/1980"),
               staff_row("CB1", "Trùng mã"),
               staff_row("CB2", unit="KHONGCO"),
               staff_row("CB3", dob="năm 1980", email="a@@b"),
               staff_row("CB4", "X" * 300)],
    ))
    assert [(p.sheet, p.row, p.column, p.value, p.message) for p in report.errors] == [
        ("Đơn vị", 2, "Mã đơn vị cấp trên", "P9", "Không có đơn vị mã «P9» trong tệp hay trong hệ thống."),
        ("Đơn vị", 3, "Tên đơn vị", "", "Ô bắt buộc, không được để trống."),
        ("Đơn vị", 3, "Loại đơn vị", "Phòng",
         "Giá trị không có trong danh sách. Chọn một trong: «Phòng chuyên môn», «Đơn vị thuộc Sở», «Đơn vị trực thuộc Sở»."),
        ("Đơn vị", 3, "Đang hoạt động", "Có lẽ", "Ghi «Có» hoặc «Không»."),
        ("Cán bộ", 2, "Ngày sinh", "31/02/1980", "Ngày 31/02/1980 không có trên lịch."),
        ("Cán bộ", 3, "Mã cán bộ", "CB1", "Trùng với dòng 2 của trang này; mỗi đối tượng chỉ ghi một dòng."),
        ("Cán bộ", 4, "Mã đơn vị", "KHONGCO", "Không có đơn vị mã «KHONGCO» trong trang «Đơn vị» hay trong hệ thống."),
        ("Cán bộ", 5, "Ngày sinh", "năm 1980", "Không đọc được ngày. Nhập ngày dạng dd/mm/yyyy, ví dụ 05/12/2023."),
        ("Cán bộ", 6, "Họ và tên", "X" * 77 + "…", "Giá trị này chỉ có tối đa 255 kí tự (hiện có 300)"),
    ]
    assert Unit.objects.count() == 1 and Staff.objects.count() == 0


def test_model_validation_applies_as_in_the_forms(campaign, org_file):
    report = import_org(org_file(units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "khong-phai-email", ""]]))
    assert [(p.row, p.column, p.value, p.message) for p in report.errors] == [
        (2, "Thư điện tử", "khong-phai-email", "Nhập địa chỉ email.")]


def test_a_file_that_is_not_a_workbook_is_refused_with_a_clear_message(campaign):
    report = import_org(io.BytesIO(b"%PDF-1.7 this is a PDF, not a workbook"))
    assert [str(p) for p in report.errors] == [
        "Tệp: Tệp không phải là sổ tính Excel (.xlsx). Hãy tải mẫu trên trang này, điền dữ liệu và lưu dưới dạng .xlsx."]


def test_an_old_xls_file_is_refused_with_a_clear_message(campaign):
    report = import_org(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert report.errors[0].message.startswith("Tệp là định dạng Excel 97–2003 (.xls) hoặc được đặt mật khẩu.")


DAMAGED = ("Tệp Excel bị hỏng hoặc không đầy đủ, không đọc được. Hãy mở tệp trong Excel, kiểm tra nội dung, lưu lại "
           "dưới dạng .xlsx rồi tải lên lại.")


def test_a_truncated_workbook_is_refused_as_damaged(campaign, org_file):
    data = org_file(units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]]).getvalue()
    report = import_org(io.BytesIO(data[: len(data) // 2]))
    assert [p.message for p in report.errors] == [DAMAGED]


def test_a_workbook_with_a_broken_sheet_is_refused_as_damaged(campaign, org_file):
    source = zipfile.ZipFile(org_file(units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    report = import_org(io.BytesIO(out.getvalue()))
    assert [p.message for p in report.errors] == [DAMAGED]
    assert Unit.objects.count() == 0


def test_headers_under_a_title_in_any_order_extra_columns_and_hidden_sheets_are_noticed(campaign):
    f = xlsx({
        "Đơn vị": [["DANH SÁCH ĐƠN VỊ NĂM 2023"], [],
                   ["Ghi chú nội bộ", "loại đơn vị", "TÊN ĐƠN VỊ *", "Mã đơn vị (bắt buộc)"],
                   ["xem lại", "Phòng chuyên môn", "Phòng Một", "P1"],
                   [None, None, None, None], ["", " ", "", ""],
                   [None, "Phòng chuyên môn", "Phòng Hai", "P2"],
                   [], [], []],
        "Cũ": [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], ["P3", "Phòng ẩn", "Phòng chuyên môn"]],
        "Ghi chép": [["gì đó"]],
    }, hidden=["Cũ"])
    report = import_org(f)
    assert report.errors == []
    assert report.notices == [
        "Trang tính ẩn «Cũ» được bỏ qua.",
        "Trang «Đơn vị»: các cột không thuộc mẫu được bỏ qua: «Ghi chú nội bộ» (cột A).",
        "Trang «Ghi chép» không thuộc mẫu nên được bỏ qua.",
    ]
    assert list(Unit.objects.values_list("code", "name")) == [("P1", "Phòng Một"), ("P2", "Phòng Hai")]


def test_missing_columns_sheets_and_rows_are_errors(campaign):
    report = import_org(xlsx({"Đơn vị": [["Mã đơn vị", "Tên đơn vị"], ["P1", "Phòng Một"]]}))
    assert [str(p) for p in report.errors] == ["Trang «Đơn vị», dòng 1, cột «Loại đơn vị»: Thiếu cột bắt buộc này trong dòng tiêu đề."]
    report = import_org(xlsx({"Trang tính1": [["Mã", "Tên"]]}))
    assert [p.message for p in report.errors] == ["Tệp không có trang «Đơn vị» và «Cán bộ» của mẫu nhập cơ cấu tổ chức (đơn vị, cán bộ)."]
    report = import_org(xlsx({"Cán bộ": [["Tên"], ["Nguyễn Văn An"]]}))
    assert [p.message for p in report.errors] == [
        "Không tìm thấy dòng tiêu đề (cần có các cột «Mã cán bộ» trong 10 dòng đầu)."]
    report = import_org(xlsx({"Đơn vị": [UNIT_HEADERS, [], []], "Cán bộ": [STAFF_HEADERS]}))
    assert [p.message for p in report.errors] == ["Tệp không có dòng dữ liệu nào."]


@pytest.mark.parametrize("kind", ["org", "indicators", "ratings", "initiatives"])
def test_every_empty_template_is_recognised_and_has_nothing_to_import(campaign, kind):

    report = run(IMPORTERS[kind], io.BytesIO(template(kind)))
    assert [p.message for p in report.errors] == ["Tệp không có dòng dữ liệu nào."]
    assert report.notices == []


def test_dates_as_excel_dates_or_as_text(campaign, org_file):
    f = org_file(units=[["P1", "Phòng Một", "Phòng chuyên môn", "", "", ""]],
                 staff=[staff_row("CB1", dob=dt.datetime(1980, 12, 5)), staff_row("CB2", dob="5/1/1990"),
                        staff_row("CB3", dob="1991-02-03"), staff_row("CB4", dob=33000), staff_row("CB5", dob=None)])
    assert import_org(f).errors == []
    assert dict(Staff.objects.values_list("code", "date_of_birth")) == {
        "CB1": dt.date(1980, 12, 5), "CB2": dt.date(1990, 1, 5), "CB3": dt.date(1991, 2, 3),
        "CB4": dt.date(1990, 5, 7), "CB5": None}


def test_cyclic_parents_are_refused(campaign, org_file):
    report = import_org(org_file(units=[["P1", "Một", "Phòng chuyên môn", "P2", "", ""],
                                        ["P2", "Hai", "Phòng chuyên môn", "P1", "", ""]]))
    assert [(p.row, p.message) for p in report.errors] == [(2, "Quan hệ cấp trên tạo thành vòng lặp."),
                                                         (3, "Quan hệ cấp trên tạo thành vòng lặp.")]


# --- indicators --------------------------------------------------------------------------------------------

IND_HEADERS = ["Mã đơn vị", "Năm", "Vốn đầu tư công được giao (đồng)", "Vốn đã giải ngân (đồng)",
               "Nguồn số liệu giải ngân", "Chỉ tiêu tỷ lệ trực tuyến (%)", "Hồ sơ trực tuyến", "Tổng số hồ sơ",
               "Nguồn số liệu trực tuyến", "Kết quả kiểm tra CCHC", "Nguồn kết quả kiểm tra", "Điểm DDCI năm nay",
               "Có giải quyết TTHC", "Nguồn số liệu DDCI"]
COMP_HEADERS = ["Mã đơn vị", "Năm", "Bộ chỉ số", "Chỉ số thành phần", "Điểm năm nay", "Điểm năm trước", "Nguồn số liệu"]


def test_indicators_read_vietnamese_numbers_percent_cells_and_choices(campaign, unit_a):
    f = xlsx({
        "Số liệu chỉ tiêu": [IND_HEADERS,
                             ["NCC", 2023, "1.234.567", 1234567, "Báo cáo KBNN", 0.8, "1.200", "1.500", "Cổng DVC",
                              "tốt", "KL 12/KL-SNV", "98,5", "Không", "DDCI 2023"]],
        "Chỉ số thành phần": [COMP_HEADERS, ["NCC", 2023, "PAR INDEX", "Cải cách TTHC", "8,75", 8.5, "QĐ 1/QĐ-BNV"]],
    }, formats={("Số liệu chỉ tiêu", "F2"): "0%"})
    report = import_indicators(f)
    assert report.errors == [] and report.counts == {"created": 2, "changed": 0, "unchanged": 0}
    record = IndicatorRecord.objects.get()
    assert (record.unit, record.year, record.capital_allocated, record.capital_disbursed, record.online_target_percent,
            record.online_dossiers, record.total_dossiers, record.inspection_result, record.ddci_score,
            record.has_procedures, record.ddci_assigned) == (
        unit_a, 2023, Decimal("1234567"), Decimal("1234567"), Decimal("80"), 1200, 1500, "tot", Decimal("98.5"), False, True)
    component = IndexComponentScore.objects.get()
    assert (component.index, component.component, component.score, component.score_last) == ("PAR", "Cải cách TTHC", Decimal("8.75"), Decimal("8.5"))
    assert import_indicators(f).counts == {"created": 0, "changed": 0, "unchanged": 2}


def test_indicators_go_through_the_rules_of_the_indicator_form(campaign, unit_a):
    f = xlsx({"Số liệu chỉ tiêu": [IND_HEADERS[:5], ["NCC", 2023, "100", "150", "Báo cáo"], ["NCC", 2022, "1,5,0", "", ""]]})
    report = import_indicators(f)
    assert [(p.row, p.column, p.message) for p in report.errors] == [
        (2, "Vốn đã giải ngân (đồng)", "Vốn đã giải ngân không được lớn hơn vốn được giao."),
        (3, "Vốn đầu tư công được giao (đồng)", "Không đọc được số. Viết theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, "
                                                 "dấu phẩy trước phần thập phân (ví dụ 1.234,5)."),
    ]
    assert IndicatorRecord.objects.count() == 0


def test_columns_absent_from_the_sheet_are_left_as_they_are(campaign, unit_a):
    IndicatorRecord.objects.create(unit=unit_a, year=2023, late_dossiers=0, late_source="Báo cáo TTHC")
    report = import_indicators(xlsx({"Sheet1": [["Mã đơn vị", "Năm", "Điểm DDCI năm nay", "Nguồn số liệu DDCI"],
                                                ["NCC", 2023, 90, "Kết quả DDCI 2023"]]}))
    assert report.errors == []
    record = IndicatorRecord.objects.get()
    assert (record.late_dossiers, record.late_source, record.ddci_score) == (0, "Báo cáo TTHC", Decimal("90"))


# --- ratings and initiatives -------------------------------------------------------------------------------

RATING_HEADERS = ["Năm", "Mã cán bộ", "Mã đơn vị", "Họ tên / Tên đơn vị", "Xếp loại", "Văn bản"]


def _with_formula(f, sheet_xml, ref, formula):
    """The same workbook with cell `ref` turned into a formula whose cached value is the cell's value."""
    source = zipfile.ZipFile(f)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == sheet_xml:
                data, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<v>)'.encode(), rb"\1<f>" + formula.encode() + rb"</f>\2", data)
                assert n == 1
            target.writestr(item, data)
    out.seek(0)
    return out


def test_ratings_of_staff_and_units_with_formula_cells_read_as_their_cached_values(campaign, unit_a):
    person = StaffFactory(code="CB1", unit=unit_a)
    f = xlsx({"Xếp loại": [RATING_HEADERS,
                           [2023, "CB1", "", "Nguyễn Văn Thử", "HTXSNV", "QĐ 12/QĐ-SLĐTBXH"],
                           [2023, "", "NCC", "", "Hoàn thành tốt nhiệm vụ", ""],
                           [2022, "CB1", "", "", "hoàn thành nhiệm vụ", ""]]})
    f = _with_formula(f, "xl/worksheets/sheet1.xml", "A4", "2022+1-1")
    report = import_ratings(f)
    assert report.errors == [] and report.counts["created"] == 3
    assert set(AnnualRating.objects.values_list("year", "staff", "unit", "rating")) == {
        (2023, person.pk, None, "HTXSNV"), (2023, None, unit_a.pk, "HTTNV"), (2022, person.pk, None, "HTNV")}
    f.seek(0)
    assert import_ratings(f).counts == {"created": 0, "changed": 0, "unchanged": 3}


def test_ratings_need_exactly_one_known_subject(campaign, unit_a):
    StaffFactory(code="CB1", unit=unit_a)
    report = import_ratings(xlsx({"Xếp loại": [RATING_HEADERS,
                                               [2023, "CB1", "NCC", "", "HTXSNV", ""],
                                               [2023, "", "", "", "HTXSNV", ""],
                                               [2023, "CB404", "", "", "HTXSNV", ""],
                                               [2023, "CB1", "", "", "Xuất sắc", ""],
                                               [23, "CB1", "", "", "HTXSNV", ""],
                                               [2023, "CB405", "", "", "Giỏi", ""]]}))
    assert [(p.row, p.column, p.message) for p in report.errors] == [
        (2, "Mã cán bộ", "Ghi Mã cán bộ hoặc Mã đơn vị, không ghi cả hai."),
        (3, "Mã cán bộ", "Thiếu Mã cán bộ (hoặc Mã đơn vị nếu là tập thể)."),
        (4, "Mã cán bộ", "Không có cán bộ mã «CB404». Hãy nhập cơ cấu tổ chức trước."),
        (5, "Xếp loại", "Giá trị không có trong danh sách. Chọn một trong: «Hoàn thành xuất sắc nhiệm vụ», «Hoàn thành tốt "
                        "nhiệm vụ», «Hoàn thành nhiệm vụ», «Không hoàn thành nhiệm vụ»."),
        (6, "Năm", "Năm phải có bốn chữ số, ví dụ 2023."),
        (7, "Mã cán bộ", "Không có cán bộ mã «CB405». Hãy nhập cơ cấu tổ chức trước."),
        (7, "Xếp loại", "Giá trị không có trong danh sách. Chọn một trong: «Hoàn thành xuất sắc nhiệm vụ», «Hoàn thành tốt "
                        "nhiệm vụ», «Hoàn thành nhiệm vụ», «Không hoàn thành nhiệm vụ»."),
    ]
    assert AnnualRating.objects.count() == 0


def test_initiatives_are_matched_by_year_subject_and_title(campaign, unit_a):
    StaffFactory(code="CB1", unit=unit_a)
    headers = ["Năm công nhận", "Mã cán bộ", "Mã đơn vị", "Tên sáng kiến", "Cơ quan công nhận", "Quyết định công nhận"]
    first = xlsx({"Sáng kiến": [headers, [2023, "CB1", "", "Số hóa hồ sơ người có công", "", "10/QĐ-HĐSK"]]})
    assert import_initiatives(first).counts["created"] == 1
    second = xlsx({"Sáng kiến": [headers, [2023, "CB1", "", "số hóa  hồ sơ người có công", "", "11/QĐ-HĐSK"],
                                 [2023, "", "NCC", "Mô hình một cửa", "UBND tỉnh", ""]]})
    report = import_initiatives(second)
    assert report.counts == {"created": 1, "changed": 1, "unchanged": 0}
    assert report.changed[0].changes == ["tên sáng kiến: Số hóa hồ sơ người có công → số hóa hồ sơ người có công",
                                         "quyết định công nhận: 10/QĐ-HĐSK → 11/QĐ-HĐSK"]
    assert sorted(Initiative.objects.values_list("title", "recognised_by")) == [
        ("Mô hình một cửa", "UBND tỉnh"), ("số hóa hồ sơ người có công", "Hội đồng sáng kiến Sở")]


def test_a_sheet_beyond_the_row_limit_is_refused(campaign, org_file, monkeypatch):

    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    report = import_org(org_file(units=[[f"P{i}", f"Phòng {i}", "Phòng chuyên môn", "", "", ""] for i in range(5)]))
    assert [(p.row, p.message) for p in report.errors] == [(5, "Trang có hơn 3 dòng dữ liệu; hãy chia thành nhiều tệp.")]
    assert Unit.objects.count() == 0


def test_an_indicator_import_recomputes_the_automatic_results_it_decides(campaign, unit_a):

    dossier = Dossier.objects.create(campaign=campaign, unit=unit_a, state=DossierState.ACCEPTED)
    nominee = Nominee.objects.create(dossier=dossier, target="collective", unit=unit_a,
                                     award_kind=AwardKind.objects.get(code="giay-khen-giam-doc"))
    recompute_results(campaign)
    criterion = Criterion.objects.get(campaign=campaign, indicator=Indicator.DISBURSEMENT)
    assert Result.objects.get(nominee=nominee, criterion=criterion).computed == "no_data"
    report = import_indicators(xlsx({"Số liệu chỉ tiêu": [IND_HEADERS[:5], ["NCC", 2023, "1.000.000.000", "1.000.000.000", "Báo cáo KBNN"]]}))
    assert report.errors == [] and report.applied
    assert Result.objects.get(nominee=nominee, criterion=criterion).computed == "met"
