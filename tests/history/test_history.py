"""Award history across years: decisions signed here and awards of earlier years imported from Excel (all or
nothing, errors with sheet, row, column and reason, idempotent), on a page per person and per unit that only
those concerned open, in the Excel export, and named by the eligibility rules that look back over years."""

import datetime as dt
import html

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from awards.imports.history import import_history
from awards.models import PastAward
from awards.selectors.history import IMPORTED, IN_APP, person_history, unit_history
from awards.services.bang_khen import bang_khen_eligibility, bang_khen_reasons
from campaigns.excel.template_files import template
from campaigns.models import AnnualRating, Initiative
from tests.excel.conftest import read_back, xlsx
from tests.factories import StaffFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db

HEADERS = ["Mã cán bộ", "Mã đơn vị", "Họ tên / Tên đơn vị", "Năm", "Danh hiệu, hình thức khen thưởng", "Số quyết định",
           "Ngày quyết định", "Cơ quan, người ký"]
GK = "Giấy khen của Giám đốc Sở"
ISSUER = "Giám đốc Sở Lao động - Thương binh và Xã hội"


def history_file(*rows):
    return xlsx({"Khen thưởng": [HEADERS, *rows]})


def snapshot():
    return list(PastAward.objects.order_by("year").values_list(
        "staff__code", "unit__code", "year", "award_name", "decision_number", "decision_date", "issuer"))


@pytest.fixture
def person(unit_a):
    return StaffFactory(code="CB0007", full_name="Huỳnh Thị Yến", unit=unit_a, gender="female")


def test_earlier_awards_are_imported_all_at_once_and_the_same_file_again_changes_nothing(clerk, person, unit_a, campaign):
    rows = [
        ["CB0007", "", "Huỳnh Thị Yến", 2021, GK, "15/QĐ-SLĐTBXH", "10/12/2021", ISSUER],
        ["", "NCC", "Phòng Người có công", 2022, "Tập thể lao động xuất sắc", "88/QĐ-UBND", dt.date(2023, 1, 12),
         "Chủ tịch UBND tỉnh Ninh Thuận"],
    ]
    report = import_history(history_file(*rows), actor=clerk)
    assert report.errors == [] and report.applied and len(report.created) == 2
    assert snapshot() == [
        ("CB0007", None, 2021, GK, "15/QĐ-SLĐTBXH", dt.date(2021, 12, 10), ISSUER),
        (None, "NCC", 2022, "Tập thể lao động xuất sắc", "88/QĐ-UBND", dt.date(2023, 1, 12), "Chủ tịch UBND tỉnh Ninh Thuận"),
    ]
    again = import_history(history_file(*rows), actor=clerk)
    assert again.errors == [] and again.created == [] and again.changed == [] and len(again.of("unchanged")) == 2
    assert PastAward.objects.count() == 2
    # A corrected date changes that award and nothing else.
    rows[0][6] = "11/12/2021"
    fixed = import_history(history_file(*rows), actor=clerk)
    assert len(fixed.changed) == 1 and PastAward.objects.get(staff=person).decision_date == dt.date(2021, 12, 11)


def test_a_bad_row_refuses_the_whole_file_with_sheet_row_column_and_reason(clerk, person, campaign):
    report = import_history(history_file(
        ["CB0007", "", "", 2021, GK, "15/QĐ-SLĐTBXH", "10/12/2021", ISSUER],
        ["CB9999", "", "", 2021, GK, "16/QĐ-SLĐTBXH", "", ISSUER],
        ["CB0007", "NCC", "", 2022, GK, "17/QĐ-SLĐTBXH", "", ISSUER],
        ["CB0007", "", "", "năm ngoái", GK, "18/QĐ-SLĐTBXH", "31/02/2022", ""],
        ["CB0007", "", "", 2021, GK, "15/QĐ-SLĐTBXH", "", ISSUER],
    ), actor=clerk)
    assert not report.applied and PastAward.objects.count() == 0
    problems = [(p.sheet, p.row, p.column, p.message) for p in report.errors]
    assert ("Khen thưởng", 3, "Mã cán bộ", "Không có cán bộ mã «CB9999». Hãy nhập cơ cấu tổ chức trước.") in problems
    assert ("Khen thưởng", 4, "Mã cán bộ", "Ghi Mã cán bộ hoặc Mã đơn vị, không ghi cả hai.") in problems
    assert {(p[1], p[2]) for p in problems if p[1] == 5} >= {(5, "Năm"), (5, "Ngày quyết định"), (5, "Cơ quan, người ký")}
    assert [p for p in problems if p[1] == 6] == [
        ("Khen thưởng", 6, "Danh hiệu, hình thức khen thưởng", "Trùng với dòng 2 của trang này; mỗi đối tượng chỉ ghi một dòng."),
    ]


def test_the_import_has_a_vietnamese_template_a_page_and_a_command(clerk, person, campaign, tmp_path,
                                                                   django_capture_on_commit_callbacks):
    sheets = read_back(template("history"))
    header_row = next(r for r in sheets["Khen thưởng"] if r and r[0] and str(r[0]).startswith("Mã cán bộ"))
    assert [str(h).rstrip(" *") for h in header_row if h] == HEADERS
    assert "Hướng dẫn" in sheets
    client = Client()
    client.force_login(clerk)
    page = html.unescape(client.get(reverse("excel:home")).content.decode())
    assert "Khen thưởng các năm trước" in page and "Lịch sử khen thưởng qua các năm" in page
    upload = history_file(["CB0007", "", "", 2021, GK, "15/QĐ-SLĐTBXH", "10/12/2021", ISSUER])
    with django_capture_on_commit_callbacks(execute=True):  # the worker's check, when the request commits
        response = client.post(reverse("excel:import", kwargs={"kind": "history"}), {"file": upload})
    preview = html.unescape(client.get(response["Location"]).content.decode())
    assert "Giấy khen của Giám đốc Sở 2021 – CB0007 – Huỳnh Thị Yến" in preview and PastAward.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):  # and its import
        client.post(response["Location"] + "xac-nhan/")
    assert PastAward.objects.count() == 1
    path = tmp_path / "cu.xlsx"
    path.write_bytes(history_file(["CB0007", "", "", 2020, GK, "9/QĐ-SLĐTBXH", "", ""]).getvalue())
    with pytest.raises(CommandError, match="Tệp có 1 lỗi nên chưa nhập dòng nào"):
        call_command("import_history", str(path))
    assert PastAward.objects.count() == 1


def test_the_history_merges_signed_decisions_and_earlier_awards_newest_first(world):
    staff = world.staff.staff
    PastAward.objects.create(staff=staff, year=2021, award_name=GK, decision_number="15/QĐ-SLĐTBXH",
                             decision_date=dt.date(2021, 12, 10), issuer=ISSUER)
    PastAward.objects.create(unit=world.unit_a, year=2022, award_name="Tập thể lao động xuất sắc",
                             decision_number="88/QĐ-UBND", issuer="Chủ tịch UBND tỉnh Ninh Thuận")
    got = [(e.year, e.award_name, e.decision_text, e.source) for e in person_history(staff)]
    assert got == [
        (2023, GK, "12/QĐ-SLĐTBXH ngày 05/12/2023", IN_APP),
        (2021, GK, "15/QĐ-SLĐTBXH ngày 10/12/2021", IMPORTED),
    ]
    assert [(e.year, e.award_name) for e in unit_history(world.unit_a)] == [(2022, "Tập thể lao động xuất sắc")]
    assert unit_history(world.unit_b) == []

    for user in (world.staff, world.head_a, world.clerk):
        client = Client()
        client.force_login(user)
        page = html.unescape(client.get(reverse("history:person", kwargs={"pk": staff.pk})).content.decode())
        assert "Lịch sử khen thưởng: Võ Thị Mai" in page
        assert "15/QĐ-SLĐTBXH ngày 10/12/2021" in page and "12/QĐ-SLĐTBXH ngày 05/12/2023" in page


def test_a_unit_head_of_unit_a_cannot_see_unit_bs_award_history(world):
    PastAward.objects.create(unit=world.unit_b, year=2022, award_name="Cờ thi đua", decision_number="5/QĐ-UBND",
                             issuer="Chủ tịch UBND tỉnh Ninh Thuận")
    PastAward.objects.create(staff=world.staff_b, year=2022, award_name=GK, decision_number="6/QĐ-SLĐTBXH", issuer=ISSUER)
    client = Client()
    client.force_login(world.head_a)
    assert client.get(reverse("history:unit", kwargs={"pk": world.unit_b.pk})).status_code == 404
    assert client.get(reverse("history:person", kwargs={"pk": world.staff_b.pk})).status_code == 404
    # Nor through the export: only unit A and its people.
    data = client.get(reverse("excel:export", kwargs={"what": "history"})).content
    rows = read_back(data)["Lịch sử khen thưởng"]
    names = {r[2] for r in rows[3:] if r and r[2]}
    assert "Cờ thi đua" not in {r[5] for r in rows[3:] if r}
    assert names == {"Võ Thị Mai"}


def test_the_office_export_holds_every_award_of_every_year(world):
    PastAward.objects.create(unit=world.unit_b, year=2022, award_name="Cờ thi đua", decision_number="5/QĐ-UBND",
                             decision_date=dt.date(2022, 12, 20), issuer="Chủ tịch UBND tỉnh Ninh Thuận")
    client = Client()
    client.force_login(world.clerk)
    rows = read_back(client.get(reverse("excel:export", kwargs={"what": "history"})).content)["Lịch sử khen thưởng"]
    header = rows.index(next(r for r in rows if r and r[0] == "Đối tượng"))
    body = [r[:10] for r in rows[header + 1:] if r and r[0]]
    assert sorted((r[0], r[1], r[4], r[5], r[6], r[9]) for r in body) == [
        ("Cá nhân", "W006", 2023, GK, "12/QĐ-SLĐTBXH", IN_APP),
        ("Cá nhân", "W007", 2023, GK, "12/QĐ-SLĐTBXH", IN_APP),
        ("Tập thể", "TTDVVL", 2022, "Cờ thi đua", "5/QĐ-UBND", IMPORTED),
    ]


def test_the_bang_khen_rule_names_the_earlier_awards_of_the_years_it_used(world):
    staff = world.staff.staff
    for year in (2022, 2023):
        AnnualRating.objects.create(staff=staff, year=year, rating="HTXSNV")
        Initiative.objects.create(staff=staff, year=year, title=f"Sáng kiến {year}")
    PastAward.objects.create(staff=staff, year=2022, award_name=GK, decision_number="20/QĐ-SLĐTBXH",
                             decision_date=dt.date(2022, 12, 9), issuer=ISSUER)
    PastAward.objects.create(staff=staff, year=2019, award_name="Chiến sĩ thi đua cơ sở", decision_number="3/QĐ-SLĐTBXH",
                             issuer=ISSUER)
    ok, reason = bang_khen_eligibility(world.nominee_a, year=2023)
    assert ok is True
    assert reason == (
        "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023); 2 sáng kiến được công nhận trong thời gian này: "
        "«Sáng kiến 2022» (2022); «Sáng kiến 2023» (2023); khen thưởng đã nhận trong năm 2022 (lịch sử khen thưởng): "
        "Giấy khen của Giám đốc Sở (2022, 20/QĐ-SLĐTBXH ngày 09/12/2022) → Đủ điều kiện"
    )


def test_one_nominees_bang_khen_reason_read_alone_is_the_reason_read_among_many(world):
    """One nominee's page reads its history by queries compiled once per process; a ranking reads many at once
    through the ORM: both say the same, for a person and for a unit, years after the campaign's left out."""
    staff = world.staff.staff
    for year in (2021, 2022, 2023, 2024):
        AnnualRating.objects.create(staff=staff, year=year, rating="HTXSNV")
        AnnualRating.objects.create(unit=world.unit_a, year=year, rating="HTXSNV")
    Initiative.objects.create(staff=staff, year=2022, title="Sáng kiến số hóa hồ sơ", decision_ref="7/QĐ-SKKN")
    Initiative.objects.create(staff=staff, year=2024, title="Sáng kiến năm sau")
    PastAward.objects.create(staff=staff, year=2022, award_name=GK, decision_number="20/QĐ-SLĐTBXH",
                             decision_date=dt.date(2022, 12, 9), issuer=ISSUER)
    PastAward.objects.create(unit=world.unit_a, year=2022, award_name="Tập thể lao động xuất sắc",
                             decision_number="88/QĐ-UBND", issuer="Chủ tịch UBND tỉnh Ninh Thuận")
    many = [world.nominee_a, world.nominee_b, world.collective_a, world.collective_b]

    together = bang_khen_reasons(many, year=2023)

    alone = {n.pk: bang_khen_eligibility(n, year=2023) for n in many}
    assert alone == together
    assert alone[world.nominee_a.pk] == (False, (
        "Hoàn thành xuất sắc nhiệm vụ 3 năm liên tục (2021, 2022, 2023) nhưng chỉ có 1 sáng kiến được công nhận "
        "trong thời gian này: «Sáng kiến số hóa hồ sơ» (2022, 7/QĐ-SKKN); cần 2 sáng kiến; khen thưởng đã nhận trong "
        "các năm 2021, 2022 (lịch sử khen thưởng): Giấy khen của Giám đốc Sở (2022, 20/QĐ-SLĐTBXH ngày 09/12/2022) "
        "→ Chưa đủ điều kiện"))
    assert alone[world.collective_a.pk] == (True, (
        "Tập thể Hoàn thành xuất sắc nhiệm vụ 3 năm liên tục (2021, 2022, 2023); khen thưởng đã nhận trong các năm "
        "2021, 2022 (lịch sử khen thưởng): Tập thể lao động xuất sắc (2022, 88/QĐ-UBND) → Đủ điều kiện"))
