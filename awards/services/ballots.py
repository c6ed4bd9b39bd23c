"""Electronic ballots at a council meeting, one function per verb: open_ballot, cast_ballot, close_ballot,
confirm_minutes. Each leaves a StateChange row (who, when, from, to, why).

- The office opens the vote (openly or by secret ballot, as the meeting decides) and closes it.
- Each member present casts their own ballot: one choice (for, against, abstain) per nominee considered. A secret
  ballot is stored without its voter (see awards.models_ballots): the "has voted" row and the anonymous choices
  are written in one transaction, so a member is counted once and their choices cannot be told apart from
  anyone else's.
- Closing counts the ballots into the meeting's Vote rows (the ones the minutes and the decision draft read),
  counted against ALL members of the council as before (awards.services.council).
- Members present confirm the minutes' text; a confirmation is of the text as it was (its digest).

A meeting without a MeetingVoting row votes on paper: the office types the counts (council.record_vote)."""

import hashlib
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from awards.models import (
    Ballot,
    BallotCast,
    BallotState,
    Choice,
    CouncilAttendance,
    CouncilMeeting,
    DossierState,
    MeetingVoting,
    MinutesConfirmation,
    Nominee,
    StateChange,
    Vote,
    VotingMode,
)
from awards.rules import checks_rule
from awards.services.council import ensure_open, passes_threshold, percent_of_members
from awards.services.transitions import TransitionError, set_state

OFFICE_ONLY = "Chỉ Văn phòng Sở được mở, kết thúc biểu quyết."
PRESENT_ONLY = "Chỉ thành viên Hội đồng có mặt tại cuộc họp được bỏ phiếu và xác nhận biên bản."


def voting_of(meeting: CouncilMeeting) -> MeetingVoting | None:
    return MeetingVoting.objects.filter(meeting_id=meeting.pk).first()  # never a cached miss: read it now


def is_electronic(meeting: CouncilMeeting) -> bool:
    voting = voting_of(meeting)
    return voting is not None and voting.mode == VotingMode.ELECTRONIC


def nominees_considered(meeting: CouncilMeeting):
    """The nominees the council considers at this meeting: every accepted dossier's nominees of the campaign."""
    return (
        Nominee.objects.filter(dossier__campaign_id=meeting.campaign_id, dossier__state=DossierState.ACCEPTED)
        .select_related("staff", "unit", "award_kind").order_by("award_kind__level", "target", "unit__code", "staff__full_name", "pk")
    )


def attendance_of(meeting: CouncilMeeting, member) -> CouncilAttendance | None:
    if member is None:
        return None
    return meeting.attendance.filter(member=member).first()


def _log(obj, *, from_state, to_state, actor, reason=""):
    return StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, from_state=from_state,
        to_state=to_state, actor=actor if actor and actor.is_authenticated else None, reason=reason,
    )


@checks_rule("awards.record_vote", on="meeting", message=OFFICE_ONLY)
@transaction.atomic
def open_ballot(meeting: CouncilMeeting, *, actor, secret: bool) -> MeetingVoting:
    """The office opens the electronic vote, secret or open as the meeting decided. Refused once counts were typed
    on paper, or while no member is recorded present."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_open(meeting)
    voting = voting_of(meeting)
    if voting is None and meeting.votes.exists():
        raise TransitionError("Cuộc họp đã ghi kết quả phiếu giấy: không mở biểu quyết điện tử.")
    if not meeting.attendance.filter(present=True).exists():
        raise ValidationError("Chưa ghi thành viên nào có mặt: ghi thành phần dự họp trước khi mở biểu quyết.")
    if voting is None:
        voting = MeetingVoting.objects.create(meeting=meeting)
    if meeting.secret_ballot != secret:
        meeting.secret_ballot = secret
        meeting.save(update_fields=["secret_ballot"])
    voting.opened_at = timezone.now()
    set_state(voting, to_state=BallotState.OPEN, allowed_from=[BallotState.PENDING], actor=actor,
              reason="Mở biểu quyết điện tử: " + ("bỏ phiếu kín" if secret else "biểu quyết công khai"),
              update_fields=["opened_at"])
    return voting


@checks_rule("awards.cast_ballot", on="meeting", message=PRESENT_ONLY)
@transaction.atomic
def cast_ballot(meeting: CouncilMeeting, *, member, choices: dict, actor) -> BallotCast:
    """A member present casts their ballot: `choices` maps every nominee considered (its id) to "for", "against" or
    "abstain". Once only; refused while the vote is not open."""
    if member is None or actor is None or getattr(member, "user_id", None) != actor.pk:
        raise PermissionDenied("Mỗi thành viên chỉ bỏ phiếu của chính mình.")
    voting = MeetingVoting.objects.select_for_update().select_related("meeting").filter(meeting=meeting).first()
    if voting is None or voting.state != BallotState.OPEN:
        raise TransitionError("Biểu quyết chưa mở hoặc đã kết thúc: không thể bỏ phiếu.")
    meeting = voting.meeting
    attendance = attendance_of(meeting, member)
    if attendance is None or not attendance.present:
        raise PermissionDenied("Chỉ thành viên Hội đồng có mặt tại cuộc họp được bỏ phiếu.")
    nominees = list(nominees_considered(meeting))
    missing = [n.name for n in nominees if choices.get(n.pk) not in Choice.values]
    if missing:
        raise ValidationError("Chưa chọn ý kiến cho: " + "; ".join(missing) + ". Phiếu chưa được ghi.")
    try:
        with transaction.atomic():
            cast = BallotCast.objects.create(meeting=meeting, member=member)
    except IntegrityError:
        raise TransitionError("Bạn đã bỏ phiếu tại cuộc họp này; mỗi thành viên bỏ phiếu một lần.") from None
    voter = None if meeting.secret_ballot else member
    Ballot.objects.bulk_create(Ballot(meeting=meeting, nominee=n, choice=choices[n.pk], voter=voter) for n in nominees)
    _log(cast, from_state="", to_state="cast", actor=actor,
         reason="Đã bỏ phiếu kín" if meeting.secret_ballot else "Đã biểu quyết công khai")
    return cast


@checks_rule("awards.record_vote", on="meeting", message=OFFICE_ONLY)
@transaction.atomic
def close_ballot(meeting: CouncilMeeting, *, actor) -> MeetingVoting:
    """The office closes the vote: the ballots are counted into the meeting's Vote rows (every nominee considered,
    zeros included); for a secret ballot the ballots issued (members present), returned and valid are recorded."""
    voting = MeetingVoting.objects.select_for_update().select_related("meeting").filter(meeting=meeting).first()
    if voting is None:
        raise TransitionError("Cuộc họp này biểu quyết trên giấy: không có biểu quyết điện tử để kết thúc.")
    meeting = voting.meeting
    ensure_open(meeting)
    if voting.state != BallotState.OPEN:
        raise TransitionError(f"Biểu quyết đang ở trạng thái «{voting.get_state_display()}»: không thể kết thúc.")
    cast = meeting.ballots_cast.count()
    if meeting.secret_ballot:
        present = meeting.attendance.filter(present=True).count()
        meeting.ballots_issued, meeting.ballots_returned, meeting.ballots_valid = present, cast, cast
        meeting.save(update_fields=["ballots_issued", "ballots_returned", "ballots_valid"])
    counts = Counter(meeting.ballots.values_list("nominee_id", "choice"))
    for nominee in nominees_considered(meeting):
        Vote.objects.update_or_create(meeting=meeting, nominee=nominee, defaults={
            "votes_for": counts[(nominee.pk, Choice.FOR)], "votes_against": counts[(nominee.pk, Choice.AGAINST)],
            "votes_abstain": counts[(nominee.pk, Choice.ABSTAIN)],
        })
    voting.closed_at = timezone.now()
    set_state(voting, to_state=BallotState.CLOSED, allowed_from=[BallotState.OPEN], actor=actor,
              reason=f"Kết thúc biểu quyết: {cast} thành viên đã bỏ phiếu", update_fields=["closed_at"])
    return voting


def minutes_text(meeting: CouncilMeeting) -> str:
    """The minutes' substance as plain text, the one members confirm: who attended, how they voted, the tally per
    nominee (of all members) and the conclusion."""
    campaign = meeting.campaign
    total = meeting.total_members
    lines = [
        f"Họp Hội đồng Thi đua - Khen thưởng ngày {timezone.localtime(meeting.held_at):%d/%m/%Y %H:%M}, tại {meeting.place}.",
        f"Chủ trì: {meeting.chair.full_name}. Thư ký: {meeting.secretary.full_name}.",
    ]
    attendance = list(meeting.attendance.select_related("member").order_by("id"))
    present = [a for a in attendance if a.present]
    lines.append(f"Có mặt {len(present)}/{total} thành viên: " + "; ".join(a.member.full_name for a in present) + ".")
    for a in attendance:
        if not a.present:
            opinion = f"ý kiến bằng văn bản: «{a.written_opinion}»" if a.written_opinion else "không có ý kiến bằng văn bản"
            lines.append(f"Vắng mặt: {a.member.full_name} ({opinion}).")
    electronic = is_electronic(meeting)
    how = "bỏ phiếu kín" if meeting.secret_ballot else "biểu quyết công khai"
    lines.append(f"Hình thức biểu quyết: {how}, {'bỏ phiếu điện tử' if electronic else 'phiếu giấy'}.")
    if meeting.secret_ballot and meeting.ballots_issued is not None:
        lines.append(f"Số phiếu phát ra: {meeting.ballots_issued}, thu về: {meeting.ballots_returned}, hợp lệ: {meeting.ballots_valid}.")
    # Read as values (a province votes on 3,000 nominees); the name is Nominee.name: the person's, else the unit's.
    tallies = meeting.votes.order_by("nominee__target", "nominee_id").values_list(
        "nominee__staff_id", "nominee__staff__full_name", "nominee__unit__name", "votes_for", "votes_against", "votes_abstain",
    )
    for staff_id, full_name, unit_name, votes_for, votes_against, votes_abstain in tallies:
        passed = passes_threshold(votes_for, total_members=total, campaign=campaign)
        pct = f"{percent_of_members(votes_for, total):.2f}".replace(".", ",")
        lines.append(
            f"{full_name if staff_id else unit_name}: đồng ý {votes_for} ({pct}% tổng số thành viên), không đồng ý {votes_against}, "
            f"không biểu quyết {votes_abstain}: {'Đạt' if passed else 'Không đạt'}."
        )
    if meeting.conclusion:
        lines.append(f"Kết luận: {meeting.conclusion}")
    return "\n".join(lines)


def minutes_digest(meeting: CouncilMeeting) -> str:
    return hashlib.sha256(minutes_text(meeting).encode("utf-8")).hexdigest()


@checks_rule("awards.cast_ballot", on="meeting", message=PRESENT_ONLY)
@transaction.atomic
def confirm_minutes(meeting: CouncilMeeting, *, member, actor) -> MinutesConfirmation:
    """A member present confirms the minutes' text as it stands now (confirming again after a change updates it).
    Refused before the vote is counted (electronic: closed; paper: counts typed)."""
    if member is None or actor is None or getattr(member, "user_id", None) != actor.pk:
        raise PermissionDenied("Mỗi thành viên chỉ xác nhận thay cho chính mình.")
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    attendance = attendance_of(meeting, member)
    if attendance is None or not attendance.present:
        raise PermissionDenied("Chỉ thành viên có mặt tại cuộc họp xác nhận biên bản.")
    voting = voting_of(meeting)
    if (voting is not None and voting.state != BallotState.CLOSED) or not meeting.votes.exists():
        raise TransitionError("Biểu quyết chưa kết thúc: chưa thể xác nhận biên bản.")
    digest = minutes_digest(meeting)
    existing = MinutesConfirmation.objects.filter(meeting=meeting, member=member).first()
    if existing is not None and existing.digest == digest:
        return existing
    confirmation, _ = MinutesConfirmation.objects.update_or_create(
        meeting=meeting, member=member, defaults={"digest": digest, "user": actor},
    )
    _log(confirmation, from_state="" if existing is None else "outdated", to_state="confirmed", actor=actor,
         reason="Xác nhận nội dung biên bản họp")
    return confirmation


def confirmations(meeting: CouncilMeeting, *, present=None, confirmed: bool | None = None):
    """Each member present with their confirmation (None if not yet), and whether it is of the current text.
    `present`: the meeting's attendance rows of members present, with their member, if the caller has read them;
    `confirmed`: whether anyone has confirmed, if the caller knows (False spares reading the confirmations)."""
    done = {} if confirmed is False else {c.member_id: c for c in meeting.confirmations.all()}
    # The digest reads every vote: only worth it when someone has confirmed.
    digest = minutes_digest(meeting) if done and meeting.votes.exists() else None
    rows = []
    if present is None:
        present = meeting.attendance.filter(present=True).select_related("member").order_by("id")
    for a in present:
        c = done.get(a.member_id)
        rows.append({"member": a.member, "role": a.role, "confirmation": c, "current": bool(c and c.digest == digest)})
    return rows
