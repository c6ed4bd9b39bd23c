"""Drafting from the ranking and the vote, approval with the register's next number, rejection, replacement,
and the immutability of what the Director signed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import (
    Decision,
    DecisionLine,
    DecisionState,
    DocumentRegister,
    Outcome,
    Result,
    StateChange,
)
from awards.services.approval import approve_decision, reject_decision, replace_decision
from awards.services.council import record_vote
from awards.services.decisions import (
    delete_decision,
    draft_decision,
    draft_proposal,
    remove_line,
    update_line,
)
from awards.services.scores import refresh_scores
from awards.services.transitions import TransitionError
from tests.decisions.conftest import make_bang_khen_ready, meeting_for, person, vote_all
from tests.factories import AppraisedNomineeFactory, UnitFactory

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)


def names(decision):
    return [(line.order, line.target, line.recipient_name) for line in decision.lines.order_by("order")]


def test_draft_takes_the_eligible_who_passed_the_vote_up_to_the_quota_collectives_first(gk_world, giay_khen, campaign, clerk):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    c, i = gk_world["collectives"], gk_world["individuals"]
    assert names(decision) == (
        [(k + 1, "collective", n.unit.name) for k, n in enumerate(c[:5])]
        + [(k + 6, "individual", n.staff.full_name) for k, n in enumerate(i[:5])]
    )
    assert (decision.state, decision.doc_type, decision.meeting, decision.number, decision.created_by) == (
        DecisionState.DRAFT, "QĐ", gk_world["meeting"], None, clerk)
    line = decision.lines.get(nominee=i[0])
    assert (line.position, line.unit_name, line.amount) == ("Chuyên viên", "Phòng Người có công", None)


def test_a_nominee_who_failed_the_vote_or_is_not_eligible_is_left_out_and_the_next_moves_up(gk_world, giay_khen, campaign, clerk):
    c = gk_world["collectives"]
    record_vote(gk_world["meeting"], nominee=c[0], votes_for=3, votes_against=4)  # 3/7 is not more than half
    Result.objects.filter(nominee=c[1], criterion__order=1).update(computed=Outcome.NOT_MET)
    refresh_scores([c[1]])  # a direct write: keep the score the ranking reads
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    collectives = [n for _, t, n in names(decision) if t == "collective"]
    assert collectives == [n.unit.name for n in c[2:6]]


def test_explicit_lists_are_refused_with_every_reason(gk_world, giay_khen, campaign, clerk):
    c, i = gk_world["collectives"], gk_world["individuals"]
    record_vote(gk_world["meeting"], nominee=i[0], votes_for=2, votes_against=5)
    Result.objects.filter(nominee=i[1], criterion__order=1).update(computed=Outcome.NOT_MET)
    refresh_scores([i[1]])  # a direct write: keep the score the ranking reads
    with pytest.raises(ValidationError) as refused:
        draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=c + i[:2])
    assert refused.value.messages == [
        "Vượt số lượng Giấy khen cho tập thể: tối đa 05, danh sách có 06.",
        "«Đặng Thị Hạnh» không đạt tỷ lệ phiếu đồng ý của Hội đồng (2/7 thành viên, 28,57%).",
        "«Bùi Văn Sơn» chưa đủ điều kiện: 1. Hoàn thành xuất sắc nhiệm vụ năm 2023: không đạt.",
    ]
    assert Decision.objects.count() == 0


def test_a_nominee_not_voted_on_is_refused(gk_world, giay_khen, campaign, clerk):
    fresh = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen, unit=UnitFactory(name="Phòng chưa biểu quyết"))
    with pytest.raises(ValidationError, match="«Phòng chưa biểu quyết» chưa được Hội đồng biểu quyết"):
        draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=[fresh])


def test_one_achievement_one_award_a_nominee_already_on_a_decision_is_refused(gk_world, giay_khen, campaign, clerk):
    draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    with pytest.raises(ValidationError, match="đã có trong một quyết định Giấy khen khác"):
        draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=[gk_world["collectives"][0]])


def test_without_a_council_meeting_nothing_is_drafted(campaign, giay_khen, clerk):
    AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    with pytest.raises(ValidationError, match="Hội đồng Thi đua - Khen thưởng chưa họp xét"):
        draft_decision(campaign, award_kind=giay_khen, actor=clerk)


def test_only_the_office_drafts(gk_world, giay_khen, campaign, head_a, director):
    for user in (head_a, director):
        with pytest.raises(PermissionDenied):
            draft_decision(campaign, award_kind=giay_khen, actor=user)


def test_approval_numbers_dates_signs_and_freezes_the_money(gk_world, giay_khen, campaign, clerk, director):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    approved = approve_decision(decision, actor=director, signed_on=DEC5)
    approved.refresh_from_db()
    assert (approved.state, approved.number, approved.number_year, approved.number_text, approved.signed_on) == (
        DecisionState.APPROVED, 1, 2023, "01/QĐ-SLĐTBXH", DEC5)
    assert (approved.signer_name, approved.signer_title, approved.legal_basis.code, approved.base_salary) == (
        "Hà Anh Quang", "GIÁM ĐỐC", "91/2017/NĐ-CP", Decimal("1800000"))
    assert approved.total_amount == Decimal("8100000")
    amounts = list(approved.lines.order_by("order").values_list("order", "amount"))
    assert amounts == [(k, Decimal("1080000")) for k in range(1, 6)] + [(k, Decimal("540000")) for k in range(6, 11)]
    codes = list(approved.lines.values_list("verify_code", flat=True))
    assert len(set(codes)) == 10 and all(len(c) == 8 for c in codes)
    assert DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number == 1
    change = StateChange.objects.filter(object_id=approved.pk, to_state="approved").get()
    assert (change.from_state, change.actor, change.reason) == ("draft", director, "Ký ban hành số 01/QĐ-SLĐTBXH ngày 05/12/2023")


def test_approving_twice_changes_nothing(gk_world, giay_khen, campaign, clerk, director):
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    before = (decision.number_text, decision.signed_on, list(decision.lines.values_list("pk", "order", "amount", "verify_code")))
    again = approve_decision(decision, actor=director, signed_on=dt.date(2024, 7, 1))
    assert (again.number_text, again.signed_on, list(again.lines.values_list("pk", "order", "amount", "verify_code"))) == before
    assert DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number == 1
    assert StateChange.objects.filter(object_id=decision.pk, to_state="approved").count() == 1


def test_only_the_directors_permission_approves_or_rejects(gk_world, giay_khen, campaign, clerk, head_a, council_member, superuser):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    for user in (clerk, head_a, council_member):
        with pytest.raises(PermissionDenied, match="Chỉ Giám đốc Sở"):
            approve_decision(decision, actor=user, signed_on=DEC5)
        with pytest.raises(PermissionDenied):
            reject_decision(decision, actor=user, reason="Không đồng ý")
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert not DocumentRegister.objects.exists()


def test_rejection_needs_a_reason_and_is_recorded(gk_world, giay_khen, campaign, clerk, director):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    with pytest.raises(ValidationError, match="Phải ghi lý do không phê duyệt"):
        reject_decision(decision, actor=director, reason="   ")
    reject_decision(decision, actor=director, reason="Bổ sung ý kiến của Công đoàn")
    decision.refresh_from_db()
    assert (decision.state, decision.rejection_reason, decision.decided_by, decision.number) == (
        DecisionState.REJECTED, "Bổ sung ý kiến của Công đoàn", director, None)
    assert StateChange.objects.get(object_id=decision.pk, to_state="rejected").reason == "Bổ sung ý kiến của Công đoàn"
    with pytest.raises(TransitionError, match="không thể phê duyệt"):
        approve_decision(decision, actor=director, signed_on=DEC5)
    # the office may draft again: the rejected draft no longer holds its nominees
    assert draft_decision(campaign, award_kind=giay_khen, actor=clerk).lines.count() == 10


def test_an_approved_decision_cannot_be_edited_or_deleted_by_the_services(gk_world, giay_khen, campaign, clerk, director):
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    line = decision.lines.first()
    with pytest.raises(TransitionError, match="đã ký ban hành: không thể sửa hoặc xóa"):
        update_line(line, actor=clerk, recipient_name="Tên khác")
    with pytest.raises(TransitionError, match="đã ký ban hành"):
        remove_line(line, actor=clerk)
    with pytest.raises(TransitionError, match="đã ký ban hành"):
        delete_decision(decision, actor=clerk)
    line.refresh_from_db()
    assert decision.lines.count() == 10 and line.recipient_name != "Tên khác"


def test_a_draft_can_be_corrected_before_approval(gk_world, giay_khen, campaign, clerk, director):
    decision = draft_decision(campaign, award_kind=giay_khen, actor=clerk)
    first, last = decision.lines.order_by("order")[0], decision.lines.order_by("order").last()
    update_line(first, actor=clerk, recipient_name="Phòng Người có công (đã sửa)")
    remove_line(last, actor=clerk)
    approved = approve_decision(decision, actor=director, signed_on=DEC5)
    assert approved.lines.count() == 9 and approved.total_amount == Decimal("7560000")
    assert approved.lines.get(order=1).recipient_name == "Phòng Người có công (đã sửa)"
    assert sorted(approved.lines.values_list("order", flat=True)) == list(range(1, 10))


def test_a_correction_is_a_new_decision_that_replaces_the_approved_one(gk_world, giay_khen, campaign, clerk, director):
    old = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director, signed_on=DEC5)
    new = replace_decision(old, actor=clerk)
    assert (new.state, new.replaces, new.lines.count()) == (DecisionState.DRAFT, old, 10)
    with pytest.raises(TransitionError, match="Đã có dự thảo thay thế"):
        replace_decision(old, actor=clerk)
    update_line(new.lines.get(order=6), actor=clerk, recipient_name="Đặng Thị Hồng Hạnh")
    new = approve_decision(new, actor=director, signed_on=dt.date(2023, 12, 8))
    old.refresh_from_db()
    assert (old.state, old.number_text) == (DecisionState.REPLACED, "01/QĐ-SLĐTBXH")
    assert (new.state, new.number_text) == (DecisionState.APPROVED, "02/QĐ-SLĐTBXH")
    with pytest.raises(TransitionError):
        replace_decision(old, actor=clerk)


def test_a_province_award_is_proposed_not_decided(campaign, bang_khen, clerk):
    with pytest.raises(ValidationError, match="Sở lập Tờ trình đề nghị, không lập quyết định"):
        draft_decision(campaign, award_kind=bang_khen, actor=clerk)


def test_proposal_lists_bang_khen_eligible_nominees_with_achievement_and_condition(campaign, bang_khen, clerk, director, unit_a):
    ready = person(unit_a, "Phan Thị Lan", position="Phó Trưởng phòng")
    make_bang_khen_ready(ready)
    short = person(unit_a, "Hồ Văn Long")
    make_bang_khen_ready(short, initiatives=1)
    make_bang_khen_ready(unit_a)
    n_ready = AppraisedNomineeFactory(campaign=campaign, staff=ready, award_kind=bang_khen, achievement="Chủ trì số hóa hồ sơ người có công")
    n_short = AppraisedNomineeFactory(campaign=campaign, staff=short, award_kind=bang_khen)
    n_unit = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=bang_khen)
    meeting = meeting_for(campaign)
    vote_all(meeting, [n_ready, n_short, n_unit])
    proposal = draft_proposal(campaign, actor=clerk)
    assert names(proposal) == [(1, "collective", "Phòng Người có công"), (2, "individual", "Phan Thị Lan")]
    line = proposal.lines.get(nominee=n_ready)
    assert line.achievement == "Chủ trì số hóa hồ sơ người có công"
    assert line.condition_met.startswith("Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023); 2 sáng kiến")
    with pytest.raises(ValidationError, match="«Hồ Văn Long» chưa đủ điều kiện"):
        draft_proposal(campaign, actor=clerk, nominees=[n_short])
    proposal = approve_decision(proposal, actor=director, signed_on=DEC5)
    assert (proposal.number_text, proposal.total_amount) == ("01/TTr-SLĐTBXH", None)
    assert not DecisionLine.objects.filter(decision=proposal, amount__isnull=False).exists()
