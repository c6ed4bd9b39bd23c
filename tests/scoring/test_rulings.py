"""People's decisions: attestations and overrides with a written reason, conflict of interest, concurrent edits,
the weight lock, and automatic results following the data."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import Outcome, Result
from awards.services.indicators import save_indicator_record
from awards.services.recompute import recompute_results
from awards.services.rulings import (
    ConflictOfInterest,
    ScoringError,
    StaleResult,
    rule_on_result,
)
from awards.services.weights import scoring_started, set_criteria_settings
from campaigns.models import Criterion, IndicatorRecord
from campaigns.roles import Role
from tests.conftest import _person
from tests.scoring.conftest import criterion, full_indicators

pytestmark = pytest.mark.django_db


def result(nominee, order):
    recompute_results(nominees=[nominee])
    return Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(
        nominee=nominee, criterion=criterion(nominee.dossier.campaign, nominee.target, order))


def test_office_attests_a_criterion_with_a_note(collective_a, clerk):
    r = result(collective_a, 2)
    saved = rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="Hoàn thành 15/15 nhiệm vụ CCHC", expected_version=1)
    assert (saved.computed, saved.override, saved.outcome, saved.override_reason, saved.override_by, saved.version) == (
        Outcome.NO_DATA, Outcome.MET, Outcome.MET, "Hoàn thành 15/15 nhiệm vụ CCHC", clerk, 2,
    )
    assert saved.history.first().history_change_reason == "Hoàn thành 15/15 nhiệm vụ CCHC"
    assert saved.history.first().history_user == clerk


def test_an_attestation_without_a_note_is_refused_and_nothing_changes(collective_a, clerk):
    r = result(collective_a, 2)
    with pytest.raises(ScoringError) as exc:
        rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="  ", expected_version=1)
    assert exc.value.messages == ["Ghi nhận xét của Văn phòng khi xác nhận tiêu chí này."]
    r.refresh_from_db()
    assert (r.override, r.version, r.updated_by) == ("", 1, None)


def test_an_override_needs_a_written_reason_and_is_kept_beside_the_computed_result(collective_a, unit_a, clerk):
    full_indicators(unit_a, capital_allocated=2_000_000_000, capital_disbursed=1_970_000_000)
    r = result(collective_a, 6)
    with pytest.raises(ScoringError) as exc:
        rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="", expected_version=1)
    assert exc.value.messages == ["Phải ghi lý do khi quyết định khác với kết quả tự động."]
    r.refresh_from_db()
    assert (r.outcome, r.override, r.version) == (Outcome.NOT_MET, "", 1)

    saved = rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="Phần còn lại do Kho bạc chậm thanh toán (CV 88/KBNN)", expected_version=1)
    assert (saved.computed, saved.computed_reason, saved.override, saved.outcome) == (
        Outcome.NOT_MET, "Giải ngân 98,5% < 100% → Không đạt", Outcome.MET, Outcome.MET,
    )
    # The data changes: the computed result follows, the person's decision stays.
    full_indicators(unit_a, capital_allocated=2_000_000_000, capital_disbursed=2_000_000_000)
    recompute_results(nominees=[collective_a])
    saved.refresh_from_db()
    assert (saved.computed, saved.computed_reason, saved.override, saved.version) == (
        Outcome.MET, "Giải ngân 100% ≥ 100% → Đạt", Outcome.MET, 2,
    )
    # Withdrawing the decision brings back the computed outcome.
    back = rule_on_result(saved, actor=clerk, outcome="", reason="", expected_version=2)
    assert (back.override, back.override_by, back.outcome, back.version) == ("", None, Outcome.MET, 3)


def test_results_follow_a_change_of_indicator_data_saved_through_the_service(collective_a, unit_a):
    full_indicators(unit_a, late_dossiers=2, backlog_dossiers=0)
    assert result(collective_a, 9).computed == Outcome.NOT_MET
    save_indicator_record(unit=unit_a, year=2023, values={"late_dossiers": 0, "backlog_dossiers": 0, "late_source": "Báo cáo quý IV"})
    r = Result.objects.get(nominee=collective_a, criterion__order=9, criterion__target="collective")
    assert (r.computed, r.computed_reason) == (Outcome.MET, "0 hồ sơ trễ hẹn, 0 hồ sơ tồn đọng → Đạt")


def test_indicator_figures_without_a_source_are_refused_and_nothing_saved(unit_a, campaign):
    with pytest.raises(ValidationError) as exc:
        save_indicator_record(unit=unit_a, year=2023, values={"capital_allocated": 100, "capital_disbursed": 120, "capital_source": ""})
    assert exc.value.message_dict == {
        "capital_disbursed": ["Vốn đã giải ngân không được lớn hơn vốn được giao."],
        "capital_source": ["Ghi văn bản là nguồn của số liệu «Giải ngân vốn đầu tư công»."],
    }
    assert not IndicatorRecord.objects.exists()


def test_an_office_user_of_the_nominees_unit_cannot_rule_on_its_results(collective_a, individual_a, unit_a, clerk):
    insider = _person("insider", "Ngô Thị Lan", unit_a, Role.OFFICE, gender="female")
    for nominee, order in ((collective_a, 2), (individual_a, 2)):
        r = result(nominee, order)
        with pytest.raises(ConflictOfInterest) as exc:
            rule_on_result(r, actor=insider, outcome=Outcome.MET, reason="Tốt", expected_version=1)
        assert "Xung đột lợi ích: bạn thuộc Phòng Người có công" in str(exc.value)
        r.refresh_from_db()
        assert (r.override, r.version) == ("", 1)
    rule_on_result(result(collective_a, 2), actor=clerk, outcome=Outcome.MET, reason="Tốt", expected_version=1)


def test_only_the_office_rules(collective_a, head_a, director, council_member):
    r = result(collective_a, 2)
    for user in (head_a, director, council_member):
        with pytest.raises(PermissionDenied):
            rule_on_result(r, actor=user, outcome=Outcome.MET, reason="Tốt", expected_version=1)
    r.refresh_from_db()
    assert r.version == 1


def test_the_later_of_two_edits_from_the_same_version_is_refused(collective_a, clerk, office_unit):
    second = _person("clerk2", "Bùi Văn Long", office_unit, Role.OFFICE)
    r = result(collective_a, 8)
    mine, theirs = Result.objects.get(pk=r.pk), Result.objects.get(pk=r.pk)
    mine.nominee, theirs.nominee = r.nominee, r.nominee
    rule_on_result(mine, actor=clerk, outcome=Outcome.MET, reason="Đã triển khai Đề án 06", expected_version=mine.version)
    with pytest.raises(StaleResult) as exc:
        rule_on_result(theirs, actor=second, outcome=Outcome.NOT_MET, reason="Chưa triển khai", expected_version=theirs.version)
    assert re.fullmatch(
        r"Kết quả này đã được Trần Thị Thu Hà sửa lúc \d\d:\d\d \d\d/\d\d/\d{4}, tải lại trang để xem trước khi sửa\.",
        exc.value.messages[0],
    )
    r.refresh_from_db()
    assert (r.override, r.override_reason, r.override_by, r.version) == (Outcome.MET, "Đã triển khai Đề án 06", clerk, 2)


def test_weights_change_freely_until_a_person_rules_on_a_result_then_are_locked(campaign, collective_a, clerk):
    c6 = criterion(campaign, "collective", 6)
    assert not scoring_started(campaign)
    assert set_criteria_settings(campaign, weights={c6.pk: 3}, mandatory={c6.pk: False}, actor=clerk) == 1
    c6.refresh_from_db()
    assert (c6.weight, c6.mandatory) == (3, False)
    rule_on_result(result(collective_a, 2), actor=clerk, outcome=Outcome.MET, reason="Tốt", expected_version=1)
    assert scoring_started(campaign)
    with pytest.raises(ScoringError) as exc:
        set_criteria_settings(campaign, weights={c6.pk: 5}, mandatory={}, actor=clerk)
    assert exc.value.messages == ["Đã bắt đầu chấm điểm (đã có kết quả do Văn phòng quyết định): không thể đổi trọng số tiêu chí."]
    # Same weight again, or the mandatory flag alone, is still allowed.
    assert set_criteria_settings(campaign, weights={c6.pk: 3}, mandatory={c6.pk: True}, actor=clerk) == 1
    assert Criterion.objects.get(pk=c6.pk).weight == 3
