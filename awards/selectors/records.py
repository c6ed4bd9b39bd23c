"""Per-user selectors for people and the records criteria are decided from (one function per model): the
office and the director see everything; a unit head sees their own unit and its staff; a council member sees
the records of the collectives and individuals nominated in the dossiers the council considers; staff see their
own (and, through own_records, their nominations and awards)."""

from dataclasses import dataclass, field

from django.db.models import Q

from awards.models import DecisionLine, DecisionState, Nominee
from awards.rules import COUNCIL_STATES
from campaigns.models import (
    AnnualRating,
    DisciplineRecord,
    IndexComponentScore,
    IndicatorRecord,
    Initiative,
    Staff,
)
from campaigns.rules import is_council_member, is_unit_head, sees_everything, user_staff_id, user_unit_id


@dataclass
class OwnRecords:
    """What a member of staff may look up about themselves."""

    staff: Staff | None
    ratings: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    discipline: list = field(default_factory=list)
    nominations: list = field(default_factory=list)
    awards: list = field(default_factory=list)


def own_staff(user):
    """The staff row linked to this account, or None (anonymous, or an account of no person, e.g. a superuser)."""
    if not user.is_authenticated:
        return None
    return Staff.objects.select_related("unit").filter(user=user).first()


def own_records(user):
    """The account holder's own records, and nobody else's: ratings, initiatives, discipline, the nominations
    made for them and the awards of approved decisions. Six queries, however many rows."""
    staff = own_staff(user)
    if staff is None:
        return OwnRecords(staff=None)
    return OwnRecords(
        staff=staff,
        ratings=list(AnnualRating.objects.filter(staff=staff).order_by("-year")),
        initiatives=list(Initiative.objects.filter(staff=staff).order_by("-year", "title")),
        discipline=list(DisciplineRecord.objects.filter(staff=staff).order_by("-year", "-decided_on")),
        nominations=list(
            Nominee.objects.filter(staff=staff)
            .select_related("dossier__campaign", "dossier__unit", "award_kind")
            .order_by("-dossier__campaign__year", "id")
        ),
        awards=list(
            DecisionLine.objects.filter(nominee__staff=staff, decision__state=DecisionState.APPROVED)
            .select_related("decision__award_kind", "decision__campaign")
            .order_by("-decision__signed_on", "order")
        ),
    )


def _considered_nominees():
    return Nominee.objects.filter(dossier__state__in=COUNCIL_STATES)


def _person_or_unit_condition(user, *, staff_field, unit_field):
    """Who may see a record that concerns a person (staff_field) or a unit (unit_field); None means everything."""
    if sees_everything(user):
        return None
    cond = Q(pk__in=[])
    if is_unit_head(user):
        unit_id = user_unit_id(user)
        if unit_field:
            cond |= Q(**{unit_field: unit_id})
        if staff_field:
            cond |= Q(**{f"{staff_field}__unit_id": unit_id})
    if is_council_member(user):
        nominees = _considered_nominees()
        if staff_field:
            cond |= Q(**{f"{staff_field}__in": nominees.filter(staff__isnull=False).values("staff_id")})
        if unit_field:
            cond |= Q(**{f"{unit_field}__in": nominees.filter(staff__isnull=True).values("unit_id")})
    if staff_field and user_staff_id(user):
        cond |= Q(**{staff_field: user_staff_id(user)})
    return cond


def _filtered(qs, user, *, staff_field="staff", unit_field="unit"):
    if not user.is_authenticated:
        return qs.none()
    cond = _person_or_unit_condition(user, staff_field=staff_field, unit_field=unit_field)
    return qs if cond is None else qs.filter(cond)


def staff_for(user, qs=None):
    """People: the office and director all; a unit head their unit's; the council those nominated; staff themselves."""
    qs = Staff.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    cond = Q(pk=user_staff_id(user)) if user_staff_id(user) else Q(pk__in=[])
    if is_unit_head(user):
        cond |= Q(unit_id=user_unit_id(user))
    if is_council_member(user):
        cond |= Q(pk__in=_considered_nominees().filter(staff__isnull=False).values("staff_id"))
    return qs.filter(cond)


def ratings_for(user, qs=None):
    return _filtered(AnnualRating.objects.all() if qs is None else qs, user)


def initiatives_for(user, qs=None):
    return _filtered(Initiative.objects.all() if qs is None else qs, user)


def discipline_for(user, qs=None):
    return _filtered(DisciplineRecord.objects.all() if qs is None else qs, user)


def indicators_for(user, qs=None):
    """A unit's figures: the office and director all; a unit head their own; the council those of nominated units."""
    return _filtered(IndicatorRecord.objects.all() if qs is None else qs, user, staff_field=None)


def index_scores_for(user, qs=None):
    return _filtered(IndexComponentScore.objects.all() if qs is None else qs, user, staff_field=None)
