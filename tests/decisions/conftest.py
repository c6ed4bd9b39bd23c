"""Data of the decisions area: appraised nominees with their results, a council meeting and its votes."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from awards.models import AwardKind, Outcome, Result
from awards.services.council import record_meeting, record_vote
from awards.services.progress import refresh_progress
from awards.services.scores import refresh_scores
from campaigns.models import AnnualRating, Criterion, Gender, Initiative, Rating
from tests.factories import AppraisedNomineeFactory, StaffFactory, UnitFactory

_seq = itertools.count(1)
VN = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture
def giay_khen(campaign):
    return AwardKind.objects.get(code="giay-khen-giam-doc")


@pytest.fixture
def bang_khen(campaign):
    return AwardKind.objects.get(code="bang-khen-ubnd-tinh")


def person(unit=None, name=None, gender=Gender.MALE, position="Chuyên viên"):
    return StaffFactory(unit=unit or UnitFactory(), full_name=name or f"Nguyễn Văn Thử {next(_seq)}", gender=gender,
                        position=position)


def nominate(campaign, *, award_kind, unit=None, staff=None, achievement="", name=None):
    """An appraised nominee (AppraisedNomineeFactory) for `award_kind`: `staff`, or the collective `unit`, or a new
    unit called `name`."""
    subject = {"staff": staff} if staff is not None else {"unit": unit or UnitFactory(name=name or f"Phòng thử nghiệm {next(_seq)}")}
    extra = {"achievement": achievement} if achievement else {}
    return AppraisedNomineeFactory(campaign=campaign, award_kind=award_kind, **subject, **extra)


def meeting_for(campaign, *, members=None, held_at=None):
    chair = person(name="Hà Anh Quang", position="Giám đốc Sở")
    secretary = person(name="Trần Thị Thu Hà", gender=Gender.FEMALE)
    held_at = held_at or dt.datetime(2023, 12, 1, 8, 0, tzinfo=VN)
    return record_meeting(
        campaign, held_at=held_at, place="Phòng họp Sở",
        chair=chair, secretary=secretary, actor=None, members=members or [],
        ended_at=held_at + dt.timedelta(hours=2, minutes=30),
    )


def vote_all(meeting, nominees, votes_for=None):
    """Every nominee gets `votes_for` (default: every member) votes for."""
    total = meeting.total_members
    for n in nominees:
        f = total if votes_for is None else votes_for
        record_vote(meeting, nominee=n, votes_for=f, votes_against=total - f)


@pytest.fixture
def gk_world(campaign, giay_khen, unit_a, unit_b):
    """Six collectives and six individuals proposed for Giấy khen, all eligible, scores decreasing; a meeting
    where all passed. unit_a and unit_b hold the first collective and individual each."""
    collectives = [AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen),
                   AppraisedNomineeFactory(campaign=campaign, unit=unit_b, award_kind=giay_khen)]
    collectives += [AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen, unit=UnitFactory(name=f"Phòng số {i}")) for i in range(3, 7)]
    individuals = [
        AppraisedNomineeFactory(campaign=campaign, staff=person(unit_a, "Đặng Thị Hạnh", Gender.FEMALE), award_kind=giay_khen),
        AppraisedNomineeFactory(campaign=campaign, staff=person(unit_b, "Bùi Văn Sơn"), award_kind=giay_khen),
    ]
    individuals += [AppraisedNomineeFactory(campaign=campaign, staff=person(name=f"Lê Văn Số {i}"), award_kind=giay_khen) for i in range(3, 7)]
    # Lower the score of the 6th of each by one non-mandatory miss, so the ranking is strict at the quota line.
    for nominee in (collectives[5], individuals[5]):
        c = Criterion.objects.filter(campaign=campaign, target=nominee.target).order_by("-order").first()
        c.mandatory = False
        c.save()
        Result.objects.filter(nominee=nominee, criterion=c).update(computed=Outcome.NOT_MET)
        refresh_scores([nominee])  # a direct write: keep the score the ranking reads
    refresh_progress([n.dossier_id for n in collectives + individuals])  # direct writes: what the dashboard counts
    meeting = meeting_for(campaign)
    vote_all(meeting, collectives + individuals)
    return {"collectives": collectives, "individuals": individuals, "meeting": meeting}


def make_bang_khen_ready(staff_or_unit, *, years=(2022, 2023), initiatives=2):
    kw = {"staff": staff_or_unit} if hasattr(staff_or_unit, "full_name") else {"unit": staff_or_unit}
    for y in years:
        AnnualRating.objects.update_or_create(year=y, **kw, defaults={"rating": Rating.EXCELLENT})
    if "staff" in kw:
        for i in range(initiatives):
            Initiative.objects.create(year=years[i % len(years)], title=f"Sáng kiến thử nghiệm {next(_seq)}", **kw)
