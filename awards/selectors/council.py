"""What the meeting page reads of a council meeting, in a fixed number of queries however large the province:
the meeting with what its ballot panel asks, the council's roster for the attendance form, a search among all
staff for someone outside it, the vote's summary per award line and one page of the vote table.

The meeting itself is loaded through `awards.selectors.meetings_for` (the per-user rule) before any of these."""

import operator
from dataclasses import dataclass
from functools import cache, lru_cache, reduce

from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Subquery

from awards.models import (
    AwardLevel,
    CouncilAttendance,
    CouncilMeeting,
    MinutesConfirmation,
    Nominee,
    Vote,
)
from awards.selectors import meetings_for, meetings_narrowed_to
from awards.services import ballots
from awards.services.ballots import nominees_considered
from awards.services.council import fewest_votes_to_pass, has_signed_decision
from campaigns.compiled import Compiled
from campaigns.models import Staff, Target
from campaigns.roles import GROUP_NAMES, Role

STAFF_MATCHES = 10  # people offered by the attendance search


def for_meeting_page(meetings):
    """These meetings (a `meetings_for` queryset) with what the meeting page's panels ask of one, in the same
    query: chair and secretary, the electronic vote if there is one (`voting`), and whether a signed decision rests
    on it (`signed`), whether any vote is counted (`has_votes`) and whether any member confirmed the minutes
    (`has_confirmations`). `ballot_panel` reads these rather than asking again. The campaign is the page's (the
    request has read it, with its stage)."""
    return meetings.select_related("chair", "secretary", "voting").annotate(**_meeting_facts())


@cache
def _meeting_facts() -> dict:
    """The EXISTS of `for_meeting_page`, built once: annotate() resolves a copy of each for its query (building
    them was a third of the meeting's read)."""
    return {
        "signed": has_signed_decision(),
        "has_votes": Exists(Vote.objects.filter(meeting_id=OuterRef("pk"))),
        "has_confirmations": Exists(MinutesConfirmation.objects.filter(meeting_id=OuterRef("pk"))),
    }


def ballot_panel(meeting: CouncilMeeting, *, attendance=None) -> dict:
    """How this meeting votes and where the vote stands: for the office's meeting page and the minutes.
    `attendance`: the meeting's attendance rows with their members in the order recorded, when the caller has read
    them. A meeting read by `for_meeting_page` carries its vote and whether votes and confirmations exist."""
    read_for_page = hasattr(meeting, "has_votes")
    # select_related leaves a missing MeetingVoting as a cached miss: getattr's default reads it as None.
    voting = getattr(meeting, "voting", None) if read_for_page else ballots.voting_of(meeting)
    if attendance is None:
        present = list(meeting.attendance.filter(present=True).select_related("member").order_by("id"))
    else:
        present = [a for a in attendance if a.present]
    # Members cast ballots only in an electronic vote (awards.services.ballots.cast_ballot): none on paper.
    cast = set(meeting.ballots_cast.values_list("member_id", flat=True)) if voting is not None else set()
    counted = meeting.has_votes if read_for_page else meeting.votes.exists()
    confirmed = meeting.has_confirmations if read_for_page else None
    return {
        "voting": voting, "electronic": voting is not None, "paper": voting is None and counted,
        "members": [{"member": a.member, "role": a.role, "voted": a.member_id in cast} for a in present],
        "n_cast": len(cast), "n_present": len(present),
        "confirmations": ballots.confirmations(meeting, present=present, confirmed=confirmed) if counted else [],
    }


@lru_cache(maxsize=4)
def _attendance_query(alias) -> Compiled:
    return Compiled(lambda meeting: CouncilAttendance.objects.using(alias).filter(meeting_id=meeting)
                    .select_related("member").order_by("id"), "meeting")


def attendance_recorded(meeting: CouncilMeeting) -> list:
    """The meeting's attendance rows with their members, in the order recorded (its SQL compiled once per process:
    the meeting page reads it on every request)."""
    rows = _attendance_query(router.db_for_read(CouncilAttendance)).objects(meeting=meeting.pk)
    for row in rows:
        row.meeting = meeting
    return rows


@lru_cache(maxsize=4)
def _roster_query(alias) -> Compiled:
    """`council_roster` when the attendance recorded names the chair and the secretary, compiled once per process."""
    return Compiled(lambda organisation: _roster(organisation, None, alias), "organisation")


def _roster(organisation_id, chair_and_secretary, alias=None):
    earlier = (CouncilAttendance.objects.using(alias).filter(meeting__campaign__organisation_id=organisation_id)
               .order_by().values("member_id"))
    council = _council_role().all()
    if chair_and_secretary is None:
        ids = earlier.union(council)
    else:
        ids = earlier.union(council, Staff.objects.filter(pk__in=chair_and_secretary).order_by().values("pk"))
    return (Staff.objects.using(alias).filter(active=True, pk__in=ids).order_by("full_name", "pk")
            .values_list("pk", "full_name", "unit__name"))


@lru_cache(maxsize=4)
def _meeting_signed_query(alias) -> Compiled:
    return Compiled(lambda campaign, pk: CouncilMeeting.objects.using(alias).filter(campaign_id=campaign, pk=pk)
                    .annotate(signed=has_signed_decision()), "campaign", "pk")


def meeting_with_signed(user, pk):
    """The meeting `pk` that `user` may see (awards.selectors.meetings_for; None otherwise), annotated with whether a
    signed decision rests on it (`signed`): its SQL compiled once per process where the selector keeps to the
    page's campaign alone."""
    campaign = meetings_narrowed_to(user)
    if campaign is None:
        return meetings_for(user).annotate(signed=has_signed_decision()).filter(pk=pk).first()
    found = _meeting_signed_query(router.db_for_read(CouncilMeeting)).objects(campaign=campaign, pk=pk)
    return found[0] if found else None


def council_roster(meeting: CouncilMeeting, *, attendance=None):
    """The council's members as the data knows them: the people holding the council role, those recorded at any
    meeting of the organisation's councils, and this meeting's chair and secretary; active staff, by name, as
    (pk, full name, unit's name) for the attendance form's options.
    The three sources are one UNION of ids, so the database reads a handful of staff by key rather than testing
    every one of 20,000 against three subqueries. `attendance`: this meeting's attendance rows, when the caller has
    read them; the chair and secretary recorded there (as the meeting's record puts them) are among those recorded."""
    organisation = meeting.campaign.organisation_id
    if attendance is not None and {meeting.chair_id, meeting.secretary_id} <= {a.member_id for a in attendance}:
        return _roster_query(router.db_for_read(Staff)).rows(organisation=organisation)
    return list(_roster(organisation, [meeting.chair_id, meeting.secretary_id]))


@cache
def _council_role():
    """The ids of the staff holding the council role, as a part of `council_roster`'s UNION: the same query
    whatever the meeting, built once (each use takes a copy)."""
    users = get_user_model().groups.through.objects.filter(group__name=GROUP_NAMES[Role.COUNCIL]).values("user_id")
    return Staff.objects.filter(user_id__in=users).order_by().values("pk")


def staff_matching(text: str):
    """Up to STAFF_MATCHES active staff whose name or staff code contains `text` (for someone outside the roster),
    as `council_roster` gives them."""
    text = (text or "").strip()[:100]
    if len(text) < 2:
        return Staff.objects.none()
    return (
        Staff.objects.filter(Q(full_name__icontains=text) | Q(code__iexact=text), active=True)
        .order_by("full_name", "pk").values_list("pk", "full_name", "unit__name")[:STAFF_MATCHES]
    )


@dataclass(frozen=True)
class VoteLine:
    """One award line (award kind and target) of the nominees the meeting considers, and where its vote stands."""

    award_kind_id: int
    award_name: str
    level: str
    target: str
    nominees: int
    voted: int
    passed: int

    @property
    def provincial(self):
        return self.level == AwardLevel.PROVINCE

    @property
    def target_label(self):
        return Target(self.target).label

    @property
    def waiting(self):
        return self.nominees - self.voted


def vote_lines(meeting: CouncilMeeting) -> list[VoteLine]:
    """Every award line with its number of nominees, of votes recorded and of votes that passed: one grouped query
    (its SQL compiled once per process), the threshold counted by awards.services.council's own arithmetic."""
    rows = _vote_lines_query(router.db_for_read(Nominee)).rows(
        campaign=meeting.campaign_id, meeting=meeting.pk, fewest=fewest_votes_to_pass(meeting))
    return [VoteLine(*row) for row in rows]


@lru_cache(maxsize=8)
def _vote_lines_query(alias) -> Compiled:
    def build(campaign, meeting, fewest):
        return (
            # Joined to this meeting's votes only (one per nominee at most): rows are counted without DISTINCT.
            nominees_considered(CouncilMeeting(pk=meeting, campaign_id=campaign)).using(alias).order_by()
            .annotate(vote=FilteredRelation("votes", condition=Q(votes__meeting=meeting)))
            .values_list("award_kind_id", "award_kind__short_name", "award_kind__level", "target")
            .annotate(n=Count("pk"), voted=Count("vote"), passed=Count("vote", filter=Q(vote__votes_for__gte=fewest)))
            .order_by("award_kind__level", "target", "award_kind__short_name")
        )

    return Compiled(build, "campaign", "meeting", "fewest")


VOTE_TABLE_ORDER = ("award_kind__level", "award_kind_id", "target", "unit__code", "pk")
VOTE_COUNTS = ("votes_for", "votes_against", "votes_abstain")


def vote_rows(meeting: CouncilMeeting, *, award_kind_id=None, target=None, text="", waiting=False):
    """The rows of the vote table under the page's filters (award line, a name or unit, only those without a vote
    yet), by award line, then unit, then as each unit listed them in its dossier, as tuples for `vote_table`: slice
    it to a page. One query for the page: the person's name and this meeting's vote are subqueries, which the
    database computes for the page's rows only, after sorting (ordering 3,000 rows joined to 20,000 staff, or
    reading the page's ids first and then its rows, cost more)."""
    qs = nominees_considered(meeting).select_related(None)
    if award_kind_id:
        qs = qs.filter(award_kind_id=award_kind_id)
    if target:
        qs = qs.filter(target=target)
    text = (text or "").strip()[:100]
    if text:
        qs = qs.filter(Q(staff__full_name__icontains=text) | Q(unit__name__icontains=text) | Q(unit__code__iexact=text))
    if waiting:
        qs = qs.exclude(pk__in=Vote.objects.filter(meeting=meeting).values("nominee_id"))
    vote = Vote.objects.filter(meeting=meeting, nominee_id=OuterRef("pk")).order_by()
    return qs.order_by(*VOTE_TABLE_ORDER).annotate(
        staff_name=Subquery(Staff.objects.filter(pk=OuterRef("staff_id")).order_by().values("full_name")),
        **{count: Subquery(vote.values(count)) for count in VOTE_COUNTS},
    ).values_list("pk", "target", "award_kind_id", "award_kind__short_name", "staff_id", "staff_name", "unit__name", *VOTE_COUNTS)


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One line of the vote table, read as values (no model instances): the nominee and its vote's counts (None
    while it has no vote at this meeting)."""

    pk: int
    target: str
    award_kind_id: int
    award_name: str
    name: str  # Nominee.name: the person's, else the collective's
    unit_name: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None

    @property
    def target_label(self):
        return Target(self.target).label


def vote_table(rows) -> list[VoteRow]:
    """The VoteRows of one page of `vote_rows` (its slice: one query)."""
    return [
        VoteRow(pk, target, kind_id, award_name, staff_name if staff_id else unit_name, unit_name, votes_for, against, abstain)
        for pk, target, kind_id, award_name, staff_id, staff_name, unit_name, votes_for, against, abstain in rows
    ]


def vote_page(rows, lines: list[VoteLine], *, start: int, stop: int, award_kind_id=None, target="", text="",
              waiting=False) -> list[VoteRow]:
    """Rows [start, stop) of the vote table (`rows`: `vote_rows` under these filters): one page. Unless the office
    searches by name, the award lines (`vote_lines`, read for the page) count the rows of each line, so only the
    lines the page falls in are read and sorted: the first page of a province is its first line's 300 collectives
    rather than all 3,000 nominees."""
    if not text:
        before, spanned, at = 0, [], 0
        for line in sorted(lines, key=lambda line: (line.level, line.award_kind_id, line.target)):  # the table's order
            if award_kind_id not in (None, line.award_kind_id) or target not in ("", None, line.target):
                continue
            count = line.waiting if waiting else line.nominees
            if at + count <= start:
                before += count
            elif at < stop:
                spanned.append(Q(award_kind_id=line.award_kind_id, target=line.target))
            at += count
        if spanned:
            rows = rows.filter(reduce(operator.or_, spanned))
            start, stop = start - before, stop - before
    return vote_table(rows[start:stop])
