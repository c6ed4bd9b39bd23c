"""What the meeting page reads of a council meeting, in a fixed number of queries however large the province:
the council's roster for the attendance form, a search among all staff for someone outside it, the vote's
summary per award line and one page of the vote table.

The meeting itself is loaded through `awards.selectors.meetings_for` (the per-user rule) before any of these."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from awards.models import AwardLevel, CouncilAttendance, CouncilMeeting, Nominee, Vote
from awards.services.ballots import nominees_considered
from awards.services.council import fewest_votes_to_pass
from campaigns.models import Staff, Target
from campaigns.roles import GROUP_NAMES, Role

STAFF_MATCHES = 10  # people offered by the attendance search


def council_roster(meeting: CouncilMeeting):
    """The council's members as the data knows them: the people holding the council role, those recorded at any
    meeting of the organisation's councils, and this meeting's chair and secretary; active staff, by name."""
    earlier = CouncilAttendance.objects.filter(meeting__campaign__organisation_id=meeting.campaign.organisation_id)
    return (
        Staff.objects.filter(active=True)
        .filter(Q(pk__in=earlier.values("member_id")) | Q(pk__in=[meeting.chair_id, meeting.secretary_id])
                | Q(user__in=get_user_model().objects.filter(groups__name=GROUP_NAMES[Role.COUNCIL])))
        .select_related("unit").order_by("full_name", "pk")
    )


def staff_matching(text: str):
    """Up to STAFF_MATCHES active staff whose name or staff code contains `text` (for someone outside the roster)."""
    text = (text or "").strip()[:100]
    if len(text) < 2:
        return Staff.objects.none()
    return (
        Staff.objects.filter(Q(full_name__icontains=text) | Q(code__iexact=text), active=True)
        .select_related("unit").order_by("full_name", "pk")[:STAFF_MATCHES]
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
    """Every award line with its number of nominees, of votes recorded and of votes that passed: one grouped query,
    the threshold counted by awards.services.council's own arithmetic."""
    fewest = fewest_votes_to_pass(meeting)
    at_meeting = Q(votes__meeting=meeting)
    rows = (
        nominees_considered(meeting).order_by()
        .values("award_kind_id", "award_kind__short_name", "award_kind__level", "target")
        .annotate(
            n=Count("pk", distinct=True), voted=Count("votes", filter=at_meeting),
            passed=Count("votes", filter=at_meeting & Q(votes__votes_for__gte=fewest)),
        )
        .order_by("award_kind__level", "target", "award_kind__short_name")
    )
    return [
        VoteLine(r["award_kind_id"], r["award_kind__short_name"], r["award_kind__level"], r["target"], r["n"], r["voted"], r["passed"])
        for r in rows
    ]


VOTE_TABLE_ORDER = ("award_kind__level", "award_kind_id", "target", "unit__code", "pk")


def vote_rows(meeting: CouncilMeeting, *, award_kind_id=None, target=None, text="", waiting=False):
    """The ids of the nominees of the vote table under the page's filters (award line, a name or unit, only those
    without a vote yet), by award line, then unit, then as each unit listed them in its dossier. Ids only: the
    page reads its own 50 rows (`nominees_in_order`); ordering 3,000 rows joined to 20,000 staff cost more."""
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
    return qs.order_by(*VOTE_TABLE_ORDER).values_list("pk", flat=True)


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One line of the vote table, read as values (no model instances): the nominee and its vote, if any."""

    pk: int
    target: str
    award_kind_id: int
    award_name: str
    name: str  # Nominee.name: the person's, else the collective's
    unit_name: str
    vote: Vote | None

    @property
    def target_label(self):
        return Target(self.target).label


def vote_table(meeting: CouncilMeeting, pks) -> list[VoteRow]:
    """The rows of these nominee ids (one page of the table), in that order, each with its vote at this meeting:
    two queries of values. A vote is an unsaved Vote on the meeting, as `vote_outcome` reads it."""
    pks = list(pks)
    fields = ("pk", "target", "award_kind_id", "award_kind__short_name", "staff_id", "staff__full_name", "unit__name")
    found = {r[0]: r for r in Nominee.objects.filter(pk__in=pks).values_list(*fields)}
    votes = {
        nominee_id: Vote(meeting=meeting, nominee_id=nominee_id, votes_for=f, votes_against=a, votes_abstain=b)
        for nominee_id, f, a, b in Vote.objects.filter(meeting=meeting, nominee_id__in=pks)
        .values_list("nominee_id", "votes_for", "votes_against", "votes_abstain")
    }
    rows = []
    for pk in pks:
        if pk in found:
            _, target, kind_id, award_name, staff_id, full_name, unit_name = found[pk]
            rows.append(VoteRow(pk, target, kind_id, award_name, full_name if staff_id else unit_name, unit_name, votes.get(pk)))
    return rows
