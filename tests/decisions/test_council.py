"""The council: a meeting, attendance, votes, and a threshold counted on ALL members (a campaign setting)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from awards.models import DossierState
from awards.services.approval import approve_decision
from awards.services.council import (
    conclude_meeting,
    passed_nominee_ids,
    passes_threshold,
    record_ballots,
    record_vote,
    set_attendance,
    threshold_text,
    vote_outcome,
)
from awards.services.decisions import draft_decision
from tests.decisions.conftest import meeting_for, person
from tests.factories import AppraisedNomineeFactory

pytestmark = pytest.mark.django_db


def test_the_meeting_counts_all_members_of_the_campaigns_council(campaign):
    campaign.council_size = 9
    campaign.save()
    meeting = meeting_for(campaign)
    assert meeting.total_members == 9
    assert [(a.member.full_name, a.role, a.present) for a in meeting.attendance.select_related("member")] == [
        ("Hà Anh Quang", "Chủ tịch Hội đồng", True), ("Trần Thị Thu Hà", "Thư ký Hội đồng", True),
    ]


@pytest.mark.parametrize("percent, strict, votes_for, passed", [
    (50, True, 4, True), (50, True, 3, False),          # 7 members, more than half: 4 of 7
    (50, False, 3, False), (50, False, 4, True),
    (66.67, False, 5, True), (66.67, False, 4, False),  # two thirds of 7 is 4.67
])
def test_threshold_is_counted_on_all_members_not_on_those_present(campaign, giay_khen, percent, strict, votes_for, passed):
    campaign.vote_threshold_percent, campaign.vote_threshold_strict, campaign.council_size = percent, strict, 7
    campaign.save()
    meeting = meeting_for(campaign)
    for i in range(3):  # three of seven absent: the denominator stays 7
        set_attendance(meeting, member=person(), present=False, written_opinion="Đồng ý với danh sách")
    nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    vote = record_vote(meeting, nominee=nominee, votes_for=votes_for)
    outcome = vote_outcome(vote)
    assert (outcome.total_members, outcome.passed) == (7, passed)
    assert passed_nominee_ids(meeting) == ({nominee.pk} if passed else set())


def test_exactly_half_passes_only_when_the_threshold_is_not_strict(campaign):
    campaign.council_size = 8
    assert not passes_threshold(4, total_members=8, campaign=campaign)
    campaign.vote_threshold_strict = False
    assert passes_threshold(4, total_members=8, campaign=campaign)
    assert threshold_text(campaign) == "từ 50% tổng số thành viên Hội đồng trở lên"


def test_percent_is_of_all_members(campaign, giay_khen):
    meeting = meeting_for(campaign)
    vote = record_vote(meeting, nominee=AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen), votes_for=5, votes_against=1)
    assert str(vote_outcome(vote).percent) == "71.43"


def test_more_votes_than_members_or_valid_ballots_are_refused(campaign, giay_khen):
    meeting = meeting_for(campaign)
    nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    with pytest.raises(ValidationError, match=r"Tổng số phiếu .* \(8\) vượt quá tổng số thành viên Hội đồng \(7\)"):
        record_vote(meeting, nominee=nominee, votes_for=6, votes_against=2)
    record_ballots(meeting, issued=6, returned=6, valid=5)
    with pytest.raises(ValidationError, match=r"vượt quá số phiếu hợp lệ \(5\)"):
        record_vote(meeting, nominee=nominee, votes_for=6)
    with pytest.raises(ValidationError, match="Số phiếu không hợp lý"):
        record_ballots(meeting, issued=5, returned=6, valid=5)
    assert meeting.votes.count() == 0


def test_a_nominee_of_a_dossier_not_accepted_cannot_be_voted_on(campaign, giay_khen):
    meeting = meeting_for(campaign)
    nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    nominee.dossier.state = DossierState.RETURNED
    nominee.dossier.save()
    with pytest.raises(ValidationError, match="chưa được tiếp nhận"):
        record_vote(meeting, nominee=nominee, votes_for=7)


def test_a_second_vote_corrects_the_first(campaign, giay_khen):
    meeting = meeting_for(campaign)
    nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    record_vote(meeting, nominee=nominee, votes_for=3, votes_against=4)
    record_vote(meeting, nominee=nominee, votes_for=6, votes_against=1)
    assert list(meeting.votes.values_list("votes_for", "votes_against")) == [(6, 1)]


def test_written_opinion_only_for_absent_members(campaign):
    meeting = meeting_for(campaign)
    with pytest.raises(ValidationError, match="chỉ ghi cho thành viên vắng mặt"):
        set_attendance(meeting, member=person(), present=True, written_opinion="Đồng ý")


def test_the_record_of_a_meeting_behind_a_signed_decision_is_closed(campaign, giay_khen, clerk, director):


    meeting = meeting_for(campaign)
    nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
    record_vote(meeting, nominee=nominee, votes_for=7)
    approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk, meeting=meeting),
                     actor=director, signed_on=dt.date(2023, 12, 5))
    message = "Cuộc họp này là căn cứ của Quyết định số 01/QĐ-SLĐTBXH đã ký ban hành"
    with pytest.raises(ValidationError, match=message):
        record_vote(meeting, nominee=nominee, votes_for=2, votes_against=5)
    with pytest.raises(ValidationError, match=message):
        set_attendance(meeting, member=person(), present=False)
    with pytest.raises(ValidationError, match=message):
        record_ballots(meeting, issued=7, returned=7, valid=7)
    with pytest.raises(ValidationError, match=message):
        conclude_meeting(meeting, conclusion="Sửa lại")
    assert list(meeting.votes.values_list("votes_for", flat=True)) == [7]
