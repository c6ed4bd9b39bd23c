"""Each kind of evidence decides its criterion from the records: met, not met, not applicable, no data.

Which outcomes each kind can give, and why the others cannot happen:
- rating: met / not met / no data (no rating yet). Never "not applicable": every person and unit is rated.
- document (the unit's plan): met / not met. Nominees exist only on accepted dossiers, after the deadline, so a
  missing plan is missing, not "not yet".
- inspection: met / not met / no data.
- initiative, discipline: met / not met: the records are the register itself (no record = none).
- ratio (disbursement, online services), zero count (late dossiers), index (PAR/PCI/PAPI/SIPAS, DDCI): all four.
- attestation: no data until the office decides; the office may decide any of the four (test_decisions.py).
"""

import datetime as dt
from decimal import Decimal

import pytest

from awards.models import Document, Outcome, Result
from awards.services.recompute import recompute_results
from awards.services.rulings import rule_on_result
from campaigns.models import (
    AnnualRating,
    DisciplineRecord,
    IndexComponentScore,
    Initiative,
)
from tests.factories import NomineeFactory
from tests.scoring.conftest import accepted_dossier, criterion, full_indicators, upload_unit_plan

pytestmark = pytest.mark.django_db

COLLECTIVE, INDIVIDUAL = "collective", "individual"


def result_of(nominee, order):
    recompute_results(nominees=[nominee])
    r = Result.objects.get(nominee=nominee, criterion=criterion(nominee.dossier.campaign, nominee.target, order))
    return r.computed, r.computed_reason, r.evidence


# --- rating (collective 1, individual 1)

def test_rating_htxsnv_is_met_other_ratings_not_met_and_missing_rating_is_no_data(collective_a, individual_a, unit_a, person_a):
    assert result_of(collective_a, 1)[:2] == (Outcome.NO_DATA, "Chưa có xếp loại năm 2023 của đơn vị")
    AnnualRating.objects.create(unit=unit_a, year=2023, rating="HTXSNV", source="QĐ 10/QĐ-SLĐTBXH")
    assert result_of(collective_a, 1) == (
        Outcome.MET, "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ → Đạt",
        "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ (nguồn: QĐ 10/QĐ-SLĐTBXH)",
    )
    AnnualRating.objects.create(staff=person_a, year=2023, rating="HTTNV")
    assert result_of(individual_a, 1)[:2] == (
        Outcome.NOT_MET, "Xếp loại năm 2023: Hoàn thành tốt nhiệm vụ, không phải Hoàn thành xuất sắc nhiệm vụ → Không đạt",
    )


# --- document (collective 3)

def test_unit_plan_on_file_is_met_and_missing_plan_not_met(campaign, collective_a, unit_a, clerk):
    assert result_of(collective_a, 3)[:2] == (Outcome.NOT_MET, "Chưa có Kế hoạch phát động thi đua của đơn vị trong hồ sơ → Không đạt")
    upload_unit_plan(campaign, unit_a, clerk, name="KH-thi-dua-NCC.pdf")
    outcome, reason, evidence = result_of(collective_a, 3)
    assert (outcome, reason) == (Outcome.MET, "Kế hoạch phát động thi đua của đơn vị đã có trong hồ sơ → Đạt")
    assert evidence.startswith("Kế hoạch phát động thi đua của đơn vị: KH-thi-dua-NCC.pdf (phiên bản 1, tải lên ngày ")


def test_a_plan_slot_without_any_file_does_not_count(campaign, collective_a, unit_a):
    Document.objects.create(campaign=campaign, unit=unit_a, kind="unit_plan")
    assert result_of(collective_a, 3)[0] == Outcome.NOT_MET


# --- inspection (collective 4)

def test_inspection_good_met_fair_not_met_empty_no_data(collective_a, unit_a):
    assert result_of(collective_a, 4)[:2] == (Outcome.NO_DATA, "Chưa có kết quả kiểm tra CCHC năm 2023")
    full_indicators(unit_a, inspection_result="")
    assert result_of(collective_a, 4)[0] == Outcome.NO_DATA
    full_indicators(unit_a, inspection_result="kha")
    assert result_of(collective_a, 4) == (
        Outcome.NOT_MET, "Kiểm tra CCHC xếp loại Khá, không phải Tốt → Không đạt",
        "Kết quả kiểm tra CCHC năm 2023: Khá (nguồn: Kết luận kiểm tra 5/KL-SNV)",
    )
    full_indicators(unit_a, inspection_result="tot")
    assert result_of(collective_a, 4)[:2] == (Outcome.MET, "Kiểm tra CCHC xếp loại Tốt → Đạt")


# --- initiative (collective 5, individual 4)

def test_initiative_recognised_in_the_year_is_met_an_older_one_is_not(individual_a, person_a):
    Initiative.objects.create(staff=person_a, year=2022, title="Sáng kiến cũ")
    assert result_of(individual_a, 4)[:2] == (Outcome.NOT_MET, "Không có sáng kiến được công nhận năm 2023 → Không đạt")
    Initiative.objects.create(staff=person_a, year=2023, title="Số hóa hồ sơ", decision_ref="25/QĐ-HĐSK")
    assert result_of(individual_a, 4) == (
        Outcome.MET, "Sáng kiến được công nhận năm 2023: «Số hóa hồ sơ» → Đạt",
        "«Số hóa hồ sơ» (Hội đồng sáng kiến Sở, 25/QĐ-HĐSK)",
    )


# --- discipline (collective 12, individual 5)

def test_no_discipline_is_met_a_discipline_record_is_not_met(individual_a, person_a, collective_a, unit_a):
    assert result_of(individual_a, 5)[:2] == (Outcome.MET, "Không có quyết định kỷ luật năm 2023 → Đạt")
    DisciplineRecord.objects.create(staff=person_a, year=2023, form="Khiển trách", decision_ref="45/QĐ-SLĐTBXH",
                                    decided_on=dt.date(2023, 8, 14))
    assert result_of(individual_a, 5)[:2] == (
        Outcome.NOT_MET, "Bị kỷ luật năm 2023: Khiển trách Quyết định 45/QĐ-SLĐTBXH ngày 14/08/2023 → Không đạt",
    )
    assert result_of(collective_a, 12)[0] == Outcome.MET  # the person's discipline is not the unit's


# --- ratio: disbursement (collective 6)

def test_disbursement_met_not_met_not_applicable_and_no_data(collective_a, unit_a):
    assert result_of(collective_a, 6)[:2] == (Outcome.NO_DATA, "Chưa có số liệu vốn đầu tư công năm 2023")
    full_indicators(unit_a, capital_allocated=2_000_000_000, capital_disbursed=1_970_000_000)
    assert result_of(collective_a, 6) == (
        Outcome.NOT_MET, "Giải ngân 98,5% < 100% → Không đạt",
        "Vốn được giao 2.000.000.000 đồng, đã giải ngân 1.970.000.000 đồng (nguồn: Báo cáo 12/BC-KHTC)",
    )
    full_indicators(unit_a, capital_allocated=0, capital_disbursed=None)
    assert result_of(collective_a, 6)[:2] == (Outcome.NOT_APPLICABLE, "Không có vốn đầu tư công được giao → Không áp dụng")
    full_indicators(unit_a, capital_allocated=2_000_000_000, capital_disbursed=None)
    assert result_of(collective_a, 6)[:2] == (Outcome.NO_DATA, "Chưa có số liệu vốn đã giải ngân năm 2023")
    full_indicators(unit_a, capital_allocated=2_000_000_000, capital_disbursed=2_000_000_000)
    assert result_of(collective_a, 6)[:2] == (Outcome.MET, "Giải ngân 100% ≥ 100% → Đạt")


def test_a_ratio_just_under_the_line_is_not_shown_as_the_line(collective_a, unit_a):
    full_indicators(unit_a, capital_allocated=100_000, capital_disbursed=99_999)
    assert result_of(collective_a, 6)[:2] == (Outcome.NOT_MET, "Giải ngân 99,99% < 100% → Không đạt")


# --- ratio: online services (collective 7)

def test_online_ratio_against_the_assigned_target(collective_a, unit_a):
    assert result_of(collective_a, 7)[0] == Outcome.NO_DATA
    full_indicators(unit_a, online_dossiers=62, total_dossiers=100, online_target_percent=50)
    assert result_of(collective_a, 7) == (
        Outcome.MET, "Tỷ lệ hồ sơ trực tuyến 62% ≥ chỉ tiêu 50% → Đạt",
        "62 hồ sơ trực tuyến / 100 hồ sơ; chỉ tiêu 50% theo QĐ 245/QĐ-UBND (nguồn: Cổng DVC)",
    )
    full_indicators(unit_a, online_dossiers=1234, total_dossiers=3000, online_target_percent=Decimal_("45.5"))
    assert result_of(collective_a, 7)[:2] == (Outcome.NOT_MET, "Tỷ lệ hồ sơ trực tuyến 41,13% < chỉ tiêu 45,5% → Không đạt")
    full_indicators(unit_a, online_target_percent=None)
    assert result_of(collective_a, 7)[:2] == (Outcome.NO_DATA, "Chưa có số liệu dịch vụ công trực tuyến năm 2023")
    full_indicators(unit_a, has_procedures=False)
    assert result_of(collective_a, 7)[:2] == (Outcome.NOT_APPLICABLE, "Đơn vị không giải quyết thủ tục hành chính → Không áp dụng")
    full_indicators(unit_a, online_dossiers=0, total_dossiers=0)
    assert result_of(collective_a, 7)[:2] == (Outcome.NOT_APPLICABLE, "Không phát sinh hồ sơ thủ tục hành chính → Không áp dụng")


def Decimal_(text):
    return Decimal(text)


# --- zero count: late dossiers (collective 9)

def test_late_and_backlogged_dossiers(collective_a, unit_a):
    assert result_of(collective_a, 9)[0] == Outcome.NO_DATA
    full_indicators(unit_a, late_dossiers=3, backlog_dossiers=1)
    assert result_of(collective_a, 9) == (
        Outcome.NOT_MET, "3 hồ sơ trễ hẹn, 1 hồ sơ tồn đọng → Không đạt", "3 hồ sơ trễ hẹn, 1 hồ sơ tồn đọng (nguồn: Hệ thống một cửa)",
    )
    full_indicators(unit_a, late_dossiers=0, backlog_dossiers=0)
    assert result_of(collective_a, 9)[:2] == (Outcome.MET, "0 hồ sơ trễ hẹn, 0 hồ sơ tồn đọng → Đạt")
    full_indicators(unit_a, late_dossiers=None)
    assert result_of(collective_a, 9)[0] == Outcome.NO_DATA
    full_indicators(unit_a, has_procedures=False)
    assert result_of(collective_a, 9)[:2] == (Outcome.NOT_APPLICABLE, "Đơn vị không giải quyết thủ tục hành chính → Không áp dụng")


# --- index: PAR INDEX, PCI, PAPI, SIPAS (collective 10)

def test_index_components_all_up_met_one_down_not_met_none_assigned_not_applicable(collective_a, unit_a):
    assert result_of(collective_a, 10)[:2] == (Outcome.NO_DATA, "Chưa có số liệu chỉ số thành phần năm 2023")
    full_indicators(unit_a)
    assert result_of(collective_a, 10)[:2] == (
        Outcome.NOT_APPLICABLE, "Không được giao chỉ số thành phần PAR INDEX, PCI, PAPI, SIPAS → Không áp dụng",
    )
    IndexComponentScore.objects.create(unit=unit_a, year=2023, index="PAR", component="Cải cách TTHC", score=8.25, score_last=7.5, source="QĐ PAR")
    second = IndexComponentScore.objects.create(unit=unit_a, year=2023, index="PAR", component="Hiện đại hóa", score=6, score_last=5.5, source="QĐ PAR")
    outcome, reason, evidence = result_of(collective_a, 10)
    assert (outcome, reason) == (Outcome.MET, "PAR INDEX: 2 thành phần được giao, cả 2 tăng điểm → Đạt")
    assert evidence.splitlines() == [
        "PAR INDEX – Cải cách TTHC: 7,5 (năm 2022) → 8,25 (năm 2023) (nguồn: QĐ PAR)",
        "PAR INDEX – Hiện đại hóa: 5,5 (năm 2022) → 6 (năm 2023) (nguồn: QĐ PAR)",
    ]
    IndexComponentScore.objects.create(unit=unit_a, year=2023, index="SIPAS", component="Hài lòng", score=80, score_last=82, source="QĐ SIPAS")
    assert result_of(collective_a, 10)[:2] == (
        Outcome.NOT_MET, "PAR INDEX: 2 thành phần được giao, cả 2 tăng điểm; SIPAS: 1 thành phần được giao, không tăng điểm → Không đạt",
    )
    second.score = None
    second.save()
    assert result_of(collective_a, 10)[:2] == (Outcome.NO_DATA, "Chưa có đủ điểm năm nay và năm trước: PAR INDEX – Hiện đại hóa")


# --- index: DDCI (collective 11)

def test_ddci_score_up_or_rank_up_is_met(collective_a, unit_a):
    assert result_of(collective_a, 11)[0] == Outcome.NO_DATA
    full_indicators(unit_a, ddci_score=70, ddci_score_last=65)
    assert result_of(collective_a, 11)[:2] == (Outcome.MET, "DDCI tăng điểm: 70 > 65 năm trước → Đạt")
    full_indicators(unit_a, ddci_score=60, ddci_score_last=65, ddci_rank=2, ddci_rank_last=4)
    assert result_of(collective_a, 11)[:2] == (Outcome.MET, "DDCI tăng bậc: hạng 2, năm trước hạng 4 → Đạt")
    full_indicators(unit_a, ddci_score=60, ddci_score_last=65, ddci_rank=4, ddci_rank_last=4)
    assert result_of(collective_a, 11)[:2] == (
        Outcome.NOT_MET, "DDCI không tăng điểm (60 ≤ 65) và không tăng bậc (hạng 4, năm trước hạng 4) → Không đạt",
    )
    full_indicators(unit_a, ddci_score=60, ddci_score_last=65, ddci_rank=None, ddci_rank_last=None)
    assert result_of(collective_a, 11)[0] == Outcome.NO_DATA
    full_indicators(unit_a, ddci_assigned=False)
    assert result_of(collective_a, 11)[:2] == (Outcome.NOT_APPLICABLE, "Không được giao chỉ số thành phần DDCI → Không áp dụng")


# --- attestation (collective 2, 8; individual 2, 3)

def test_attestation_waits_for_the_office(collective_a):
    assert result_of(collective_a, 2)[:2] == (Outcome.NO_DATA, "Chờ Văn phòng xác nhận")
    assert result_of(collective_a, 8)[:2] == (Outcome.NO_DATA, "Chờ Văn phòng xác nhận")


# --- scope

def test_every_nominee_gets_one_result_per_criterion_of_its_target_and_only_accepted_dossiers_count(
    campaign, collective_a, individual_a, unit_b,
):
    draft = NomineeFactory(dossier=accepted_dossier(campaign, unit_b, state="submitted"))
    report = recompute_results(campaign)
    assert (report.created, report.changed) == (12 + 5, 0)
    assert collective_a.results.count() == 12 and individual_a.results.count() == 5
    assert draft.results.count() == 0
    again = recompute_results(campaign)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 17)


@pytest.mark.parametrize("outcome", [Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NO_DATA])
def test_the_office_may_attest_any_outcome_with_a_note(collective_a, clerk, outcome):
    recompute_results(nominees=[collective_a])
    r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(
        nominee=collective_a, criterion__order=8)
    saved = rule_on_result(r, actor=clerk, outcome=outcome, reason="Theo báo cáo Đề án 06 quý IV", expected_version=1)
    assert (saved.computed, saved.outcome, saved.override_reason) == (Outcome.NO_DATA, outcome, "Theo báo cáo Đề án 06 quý IV")
