"""Exports: files the office can hand on, read back; each holds only what its reader's page shows."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import (
    AwardKind,
    CampaignAward,
    Decision,
    DecisionLine,
    DecisionState,
    Outcome,
    Result,
)
from campaigns.excel.exporters import export
from campaigns.models import Criterion, Target
from tests.excel.conftest import read_back
from tests.factories import AppraisedNomineeFactory, StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db


def sheet(data, name=None):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return workbook[name] if name else workbook.worksheets[0]


def test_status_export_of_a_unit_head_holds_only_their_unit(campaign, head_a, clerk, unit_a, unit_b):
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a)
    AppraisedNomineeFactory(campaign=campaign, unit=unit_b, staff=StaffFactory(unit=unit_b))
    rows = read_back(export("status", campaign=campaign, user=head_a))["Tình trạng hồ sơ"]
    assert [tuple(r[1:4]) for r in rows[3:]] == [("NCC", "Phòng Người có công", "Đã tiếp nhận")]
    assert "Phạm vi: đơn vị Phòng Người có công" in rows[1][0]
    everything = read_back(export("status", campaign=campaign, user=clerk))["Tình trạng hồ sơ"]
    assert [tuple(r[1:4]) for r in everything[3:]] == [
        ("NCC", "Phòng Người có công", "Đã tiếp nhận"), ("TTDVVL", "Trung tâm Dịch vụ việc làm", "Đã tiếp nhận"),
        ("VP", "Văn phòng Sở", "Chưa lập hồ sơ")]


def test_scores_export_of_a_unit_head_holds_only_their_unit(campaign, head_a, unit_a, unit_b):
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a)
    AppraisedNomineeFactory(campaign=campaign, unit=unit_b)
    rows = read_back(export("scores", campaign=campaign, user=head_a))["Kết quả đánh giá"][3:]
    assert len(rows) == 12 and {r[0] for r in rows} == {"NCC"}


def test_scores_export_has_every_result_with_evidence_reason_and_override(campaign, clerk, unit_a):
    nominee = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a, full_name="Lê Thị Lan"))
    result = nominee.results.get(criterion__order=1)
    Result.objects.filter(pk=result.pk).update(
        override=Outcome.NOT_MET, override_reason="Quyết định xếp loại bị hủy", override_by=clerk,
        override_at=dt.datetime(2023, 11, 25, 2, 30, tzinfo=dt.timezone.utc))
    data = export("scores", campaign=campaign, user=clerk)
    ws = sheet(data)
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "Phong trào thi đua cải cách hành chính năm 2023 – Bảng kết quả đánh giá theo tiêu chí"
    assert rows[3] == ["NCC", "Phòng Người có công", "Cá nhân", "Lê Thị Lan", "Giấy khen", 1,
                       Criterion.objects.get(campaign=campaign, target="individual", order=1).short_name, "Có", "Đạt",
                       "Lý do 1", "Căn cứ 1", "Không đạt", "Quyết định xếp loại bị hủy", "Trần Thị Thu Hà",
                       dt.datetime(2023, 11, 25, 9, 30), "Không đạt"]
    assert ws.freeze_panes == "A4"
    matrix = read_back(data)["Ma trận – Cá nhân"]
    assert matrix[2][:4] == ["Mã đơn vị", "Đơn vị", "Tên tập thể / Họ và tên",
                             f"1. {Criterion.objects.get(campaign=campaign, target='individual', order=1).short_name}"]
    assert matrix[3] == ["NCC", "Phòng Người có công", "Lê Thị Lan", "Không đạt", "Đạt", "Đạt", "Đạt", "Đạt", 4]
    assert ws["O4"].number_format == "dd/mm/yyyy hh:mm"
    assert ws.column_dimensions["J"].width == 48
    assert [c.value for c in ws[3]][:3] == ["Mã đơn vị", "Đơn vị", "Đối tượng"] and ws["A3"].font.b


def test_a_formula_looking_name_is_text_in_the_export(campaign, clerk, unit_a):
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a, full_name='=HYPERLINK("http://x.example","Bấm")'))
    ws = sheet(export("scores", campaign=campaign, user=clerk))
    cell = ws["D4"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x.example","Bấm")'
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_scores_export_takes_the_same_number_of_queries_for_one_or_many_nominees(campaign, clerk, unit_a):
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a))
    with CaptureQueriesContext(connection) as one:
        export("scores", campaign=campaign, user=clerk)
    for _ in range(3):
        AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a))
    with CaptureQueriesContext(connection) as many:
        export("scores", campaign=campaign, user=clerk)
    assert len(one) == len(many)


def test_status_export_takes_the_same_number_of_queries_for_one_or_many_units(campaign, clerk, unit_a):
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a)
    with CaptureQueriesContext(connection) as one:
        export("status", campaign=campaign, user=clerk)
    for _ in range(3):
        AppraisedNomineeFactory(campaign=campaign, unit=UnitFactory())
    with CaptureQueriesContext(connection) as many:
        export("status", campaign=campaign, user=clerk)
    assert len(one) == len(many)


def test_ranking_export_draws_the_quota_line(campaign, clerk, unit_a):
    CampaignAward.objects.filter(campaign=campaign, target=Target.INDIVIDUAL, award_kind__code="giay-khen-giam-doc").update(quota=1)
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a, full_name=name, gender="female" if "Thị" in name else "male"))
    AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a, full_name="Phạm Văn Dũng"), results=Outcome.NOT_MET)
    rows = read_back(export("ranking", campaign=campaign, user=clerk))["Giấy khen – Cá nhân"]
    assert rows[0][0].endswith("Giấy khen, cá nhân (chỉ tiêu: 01)")
    assert [(r[0], r[1], r[4], r[5]) for r in rows[3:]] == [
        (1, "Trần Thị Bình", "Có", "Có"),
        (None, "─── Hết chỉ tiêu 01 ───", None, None),
        (2, "Lê Văn Cường", "Có", "Không"), (2, "Nguyễn Văn An", "Có", "Không"), (None, "Phạm Văn Dũng", "Không", "Không")]


def test_awards_export_lists_amounts_total_and_total_in_words(campaign, clerk, head_a, unit_a, unit_b):
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    decision = Decision.objects.create(campaign=campaign, award_kind=giay_khen, state=DecisionState.APPROVED,
                                       number=12, number_year=2023, number_text="12/QĐ-SLĐTBXH", signed_on=dt.date(2023, 12, 5))
    for order, (unit, target, amount) in enumerate([(unit_a, "collective", 1080000), (unit_b, "individual", 540000)], start=1):
        staff = StaffFactory(unit=unit, full_name="+Đặng Văn Hải") if target == "individual" else None
        nominee = AppraisedNomineeFactory(campaign=campaign, unit=unit, staff=staff)
        DecisionLine.objects.create(decision=decision, order=order, nominee=nominee, target=target,
                                    recipient_name=nominee.name, unit_name=unit.name, amount=Decimal(amount))
    ws = sheet(export("awards", campaign=campaign, user=clerk))
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[3:] == [
        [1, "12/QĐ-SLĐTBXH", dt.datetime(2023, 12, 5), "Giấy khen", "Tập thể", "Phòng Người có công", None, "Phòng Người có công", 1080000, None],
        [2, "12/QĐ-SLĐTBXH", dt.datetime(2023, 12, 5), "Giấy khen", "Cá nhân", "'+Đặng Văn Hải", None, "Trung tâm Dịch vụ việc làm", 540000, None],
        [None, None, None, None, None, "Tổng cộng", None, None, 1620000, None],
        [None, None, None, None, None, "Bằng chữ: Một triệu sáu trăm hai mươi nghìn đồng", None, None, None, None],
    ]
    assert ws["C4"].number_format == "dd/mm/yyyy" and ws["I4"].number_format == "#,##0" and ws["I6"].number_format == "#,##0"
    mine = read_back(export("awards", campaign=campaign, user=head_a))["Danh sách khen thưởng"][3:]
    assert [r[5] for r in mine] == ["Phòng Người có công", "Tổng cộng", "Bằng chữ: Một triệu không trăm tám mươi nghìn đồng"]


def test_budget_export_estimates_from_quotas_before_any_decision(campaign, clerk):
    rows = read_back(export("budget", campaign=campaign, user=clerk))["Kinh phí theo nguồn"][3:]
    assert rows[-2:] == [["Tổng cộng", None, None, None, None, None, 8100000],
                         ["Bằng chữ: Tám triệu một trăm nghìn đồng", None, None, None, None, None, None]]


def test_budget_export_sums_decided_lines_by_fund(campaign, clerk, unit_a):
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    decision = Decision.objects.create(campaign=campaign, award_kind=giay_khen, state=DecisionState.APPROVED,
                                       number=12, number_year=2023, number_text="12/QĐ-SLĐTBXH", signed_on=dt.date(2023, 12, 5))
    for order in (1, 2):
        nominee = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, staff=StaffFactory(unit=unit_a))
        DecisionLine.objects.create(decision=decision, order=order, nominee=nominee, target="individual",
                                    recipient_name=nominee.name, amount=Decimal(540000))
    rows = read_back(export("budget", campaign=campaign, user=clerk))["Kinh phí theo nguồn"][3:]
    assert rows == [
        [giay_khen.fund, "Giấy khen", "Cá nhân", "Đã ký 12/QĐ-SLĐTBXH", 2, 540000, 1080000],
        [f"Cộng {giay_khen.fund}", None, None, None, None, None, 1080000],
        ["Tổng cộng", None, None, None, None, None, 1080000],
        ["Bằng chữ: Một triệu không trăm tám mươi nghìn đồng", None, None, None, None, None, None],
    ]
