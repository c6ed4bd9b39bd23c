"""Reads: every page, download and export loads campaign data through these functions."""

from dataclasses import dataclass, field

from campaigns.models import AnnualRating, Campaign, DisciplineRecord, Initiative, Organisation, Staff


def get_organisation():
    """The one organisation this installation serves (None before the plan is loaded)."""
    return Organisation.objects.order_by("id").first()


def get_current_campaign():
    """The campaign shown by default: the newest open one, else the newest."""
    return Campaign.objects.order_by("-year", "-id").select_related("organisation").first()


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
    from awards.models import DecisionLine, DecisionState, Nominee

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
