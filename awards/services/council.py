"""The Department's council (Hội đồng Thi đua - Khen thưởng Sở): its meeting, who attended, the vote on each
nominee, and whether the vote passed.

The threshold is a setting of the campaign (`vote_threshold_percent`, `vote_threshold_strict`) counted on ALL
members of the council (`council_size`, copied onto the meeting as `total_members`), never on those present:
with 7 members and "more than half", 4 votes for pass and 3 do not, however many came."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from awards.models import (
    CouncilAttendance,
    CouncilMeeting,
    Decision,
    DecisionState,
    DocumentType,
    DossierState,
    MeetingVoting,
    Nominee,
    Vote,
    VotingMode,
)
from awards.rules import checks_rule
from awards.services.register import take_number
from campaigns import scope
from campaigns.models import Campaign, Staff


@dataclass(frozen=True)
class VoteOutcome:
    votes_for: int
    total_members: int
    percent: Decimal  # of all members, two decimals
    passed: bool


def percent_of_members(count: int, total_members: int) -> Decimal:
    if not total_members:
        return Decimal("0.00")
    return (Decimal(count) * 100 / Decimal(total_members)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def passes_threshold(votes_for: int, *, total_members: int, campaign: Campaign) -> bool:
    """Exact arithmetic (no rounded percentages): votes_for / total_members against the campaign's threshold."""
    share = Decimal(votes_for) * 100
    needed = Decimal(campaign.vote_threshold_percent) * total_members
    return share > needed if campaign.vote_threshold_strict else share >= needed


def vote_outcome(vote: Vote, *, campaign: Campaign | None = None) -> VoteOutcome:
    return outcome_of(vote.votes_for, meeting=vote.meeting, campaign=campaign)


def outcome_of(votes_for: int, *, meeting: CouncilMeeting, campaign: Campaign | None = None) -> VoteOutcome:
    """The outcome of `votes_for` votes for at this meeting (what `vote_outcome` says of a vote with that count)."""
    campaign = campaign or meeting.campaign
    total = meeting.total_members
    return VoteOutcome(
        votes_for=votes_for, total_members=total, percent=percent_of_members(votes_for, total),
        passed=passes_threshold(votes_for, total_members=total, campaign=campaign),
    )


def threshold_text(campaign: Campaign) -> str:
    """"trên 50% tổng số thành viên Hội đồng" / "từ 66,67% tổng số thành viên Hội đồng trở lên"."""
    pct = f"{Decimal(campaign.vote_threshold_percent).normalize():f}".replace(".", ",")
    if campaign.vote_threshold_strict:
        return f"trên {pct}% tổng số thành viên Hội đồng"
    return f"từ {pct}% tổng số thành viên Hội đồng trở lên"


@checks_rule("awards.record_vote", system=True)
@transaction.atomic
def record_meeting(
    campaign: Campaign, *, held_at: dt.datetime, place: str, chair: Staff, secretary: Staff, actor,
    secret_ballot: bool = True, members: list[Staff] | None = None, ended_at: dt.datetime | None = None,
) -> CouncilMeeting:
    """Open the record of a council meeting. Its total of members is the campaign's council size."""
    scope.ensure_open(campaign)
    if not place.strip():
        raise ValidationError("Phải ghi địa điểm họp.")
    if ended_at and ended_at < held_at:
        raise ValidationError("Giờ kết thúc phải sau giờ bắt đầu cuộc họp.")
    meeting = CouncilMeeting.objects.create(
        campaign=campaign, held_at=held_at, ended_at=ended_at, place=place.strip(), chair=chair, secretary=secretary,
        total_members=campaign.council_size, secret_ballot=secret_ballot,
    )
    roles = {chair.pk: "Chủ tịch Hội đồng", secretary.pk: "Thư ký Hội đồng"}
    for member in _unique([chair, secretary, *(members or [])]):
        set_attendance(meeting, member=member, present=True, role=roles.get(member.pk, "Ủy viên"))
    return meeting


SIGNED = [DecisionState.APPROVED, DecisionState.REPLACED]


def signed_decision_on(meeting: CouncilMeeting):
    """The signed decision (approved, or approved then replaced) that rests on this meeting, or None. While there
    is one, the meeting's record is closed: the service and the admin both ask here."""
    if meeting is None or meeting.pk is None:
        return None
    return meeting.decisions.filter(state__in=SIGNED).first()


def has_signed_decision() -> Exists:
    """`signed_decision_on(meeting) is not None` as an annotation of a CouncilMeeting queryset (no query of its own
    for a page that loads the meeting anyway)."""
    return Exists(Decision.objects.filter(meeting_id=OuterRef("pk"), state__in=SIGNED))


def ensure_open(meeting: CouncilMeeting) -> None:
    """The record of a meeting that grounds a signed decision is closed: its minutes must stay what was signed."""
    scope.ensure_open(meeting.campaign)
    signed = signed_decision_on(meeting)
    if signed is not None:
        raise ValidationError(f"Cuộc họp này là căn cứ của {signed} đã ký ban hành: không sửa biên bản, kết quả biểu quyết.")


def _unique(people):
    seen, out = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            out.append(person)
    return out


@transaction.atomic
def set_attendance(
    meeting: CouncilMeeting, *, member: Staff, present: bool, role: str = "Ủy viên", written_opinion: str = "",
) -> CouncilAttendance:
    """Record a member as present or absent (with the absent member's written opinion, if any)."""
    ensure_open(meeting)
    existing = meeting.attendance.exclude(member=member).count()
    if existing >= meeting.total_members:
        raise ValidationError(f"Hội đồng chỉ có {meeting.total_members} thành viên; không thể ghi thêm người dự họp.")
    if present and written_opinion.strip():
        raise ValidationError("Ý kiến bằng văn bản chỉ ghi cho thành viên vắng mặt.")
    attendance, _ = CouncilAttendance.objects.update_or_create(
        meeting=meeting, member=member,
        defaults={"present": present, "role": role or "Ủy viên", "written_opinion": written_opinion.strip()},
    )
    return attendance


@transaction.atomic
def record_ballots(meeting: CouncilMeeting, *, issued: int, returned: int, valid: int) -> CouncilMeeting:
    """A secret ballot's counts: issued ≥ returned ≥ valid, and no more ballots than members."""
    ensure_open(meeting)
    if not (meeting.total_members >= issued >= returned >= valid >= 0):
        raise ValidationError(
            "Số phiếu không hợp lý: phải có tổng số thành viên ≥ số phiếu phát ra ≥ số phiếu thu về ≥ số phiếu hợp lệ."
        )
    meeting.ballots_issued, meeting.ballots_returned, meeting.ballots_valid = issued, returned, valid
    meeting.save(update_fields=["ballots_issued", "ballots_returned", "ballots_valid"])
    return meeting


@transaction.atomic
def record_vote(
    meeting: CouncilMeeting, *, nominee: Nominee, votes_for: int, votes_against: int = 0, votes_abstain: int = 0,
) -> Vote:
    """The council's vote on one nominee (a second call corrects it). Typed counts are for meetings held on paper."""
    ensure_open(meeting)
    if MeetingVoting.objects.filter(meeting_id=meeting.pk, mode=VotingMode.ELECTRONIC).exists():
        raise ValidationError("Cuộc họp này biểu quyết điện tử: kết quả được đếm từ phiếu của các thành viên, không nhập tay.")
    if nominee.dossier.campaign_id != meeting.campaign_id:
        raise ValidationError("Đối tượng này không thuộc phong trào của cuộc họp.")
    if nominee.dossier.state != DossierState.ACCEPTED:
        raise ValidationError(f"Hồ sơ của «{nominee.name}» chưa được tiếp nhận; Hội đồng chưa xét đối tượng này.")
    counts = (votes_for, votes_against, votes_abstain)
    if any(c is None or c < 0 for c in counts):
        raise ValidationError("Số phiếu phải là số không âm.")
    total = sum(counts)
    limit = meeting.ballots_valid if meeting.secret_ballot and meeting.ballots_valid is not None else meeting.total_members
    if total > limit:
        what = "số phiếu hợp lệ" if limit != meeting.total_members else "tổng số thành viên Hội đồng"
        raise ValidationError(f"Tổng số phiếu của «{nominee.name}» ({total}) vượt quá {what} ({limit}).")
    before = Vote.objects.filter(meeting=meeting, nominee=nominee).values_list("votes_for", "votes_against", "votes_abstain").first()
    vote, _ = Vote.objects.update_or_create(
        meeting=meeting, nominee=nominee,
        defaults={"votes_for": votes_for, "votes_against": votes_against, "votes_abstain": votes_abstain},
    )
    if before != counts:
        from awards.services.legality import clear_tie_breaks  # noqa: PLC0415 — legality imports this module

        clear_tie_breaks(meeting)  # the council's choice at a tie rested on the votes as they were
    return vote


@transaction.atomic
def conclude_meeting(meeting: CouncilMeeting, *, conclusion: str, ended_at: dt.datetime | None = None) -> CouncilMeeting:
    ensure_open(meeting)
    if not conclusion.strip():
        raise ValidationError("Phải ghi kết luận của cuộc họp.")
    if ended_at and ended_at < meeting.held_at:
        raise ValidationError("Giờ kết thúc phải sau giờ bắt đầu cuộc họp.")
    meeting.conclusion = conclusion.strip()
    meeting.ended_at = ended_at or meeting.ended_at
    fields = ["conclusion", "ended_at"]
    if meeting.number is None:
        # The minutes are complete: they take the next number of the Biên bản register, dated the meeting's day.
        held = timezone.localtime(meeting.held_at).date()
        meeting.number, meeting.number_text = take_number(meeting.campaign.organisation, DocumentType.MINUTES, held)
        meeting.number_year = held.year
        fields += ["number", "number_text", "number_year"]
    meeting.save(update_fields=fields)
    return meeting


def passed_nominee_ids(meeting: CouncilMeeting) -> set[int]:
    """The nominees whose vote at this meeting passed the campaign's threshold."""
    campaign = meeting.campaign
    return {
        nominee_id for nominee_id, votes_for in meeting.votes.values_list("nominee_id", "votes_for")
        if passes_threshold(votes_for, total_members=meeting.total_members, campaign=campaign)
    }


def fewest_votes_to_pass(meeting: CouncilMeeting) -> int:
    """The smallest number of votes for that passes the campaign's threshold at this meeting (one more than the
    members when none does), so that a query can count the votes that passed (`votes_for >= n`) by the same
    arithmetic as `passes_threshold`."""
    campaign, total = meeting.campaign, meeting.total_members
    return next((n for n in range(total + 1) if passes_threshold(n, total_members=total, campaign=campaign)), total + 1)


def latest_meeting(campaign: Campaign) -> CouncilMeeting | None:
    return campaign.meetings.order_by("-held_at", "-id").first()
