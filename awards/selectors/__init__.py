"""Per-user selectors: every page, download and export loads its objects through one of these, so a unit head
asking for another unit's object gets 404 and nothing leaks through an export.

Office and director (and superusers) see the whole campaign; unit heads see their own unit; council members see
what the council considers (accepted dossiers, their nominees and results); staff see their own records."""

from django.db.models import Q

from awards.models import (
    CouncilMeeting,
    DeadlineExtension,
    Decision,
    DecisionLine,
    Document,
    DocumentVersion,
    Dossier,
    DossierComment,
    DossierState,
    Nominee,
    Registration,
    Result,
    Vote,
)
from campaigns.roles import Role, user_roles

COUNCIL_STATES = [DossierState.ACCEPTED]


def sees_everything(user):
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user) & {Role.OFFICE, Role.DIRECTOR}))


def user_unit_id(user):
    """The unit of the staff member linked to this account (None if there is none)."""
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.unit_id if staff else None


def user_staff_id(user):
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.pk if staff else None


def is_unit_head(user):
    return Role.UNIT_HEAD in user_roles(user) and user_unit_id(user) is not None


def _visible(qs, user, *, unit=None, council=None, own=None, **always):
    """The one shape of every per-user rule: everything for the office and director; otherwise the rows of the
    user's unit (`unit`: the field holding the unit id, for unit heads), the rows the council considers
    (`council`: the field holding the dossier state, for council members) and the user's own rows (`own`: the
    field holding the staff id), further limited by `always`."""
    if sees_everything(user):
        return qs
    cond = Q(pk__in=[])
    if unit and is_unit_head(user):
        cond |= Q(**{unit: user_unit_id(user)})
    if council and Role.COUNCIL in user_roles(user):
        cond |= Q(**{f"{council}__in": COUNCIL_STATES})
    if own and user_staff_id(user):
        cond |= Q(**{own: user_staff_id(user)})
    return qs.filter(cond, **always)


def dossiers_for(user, qs=None):
    return _visible(Dossier.objects.all() if qs is None else qs, user, unit="unit_id", council="state")


def nominees_for(user, qs=None):
    return _visible(Nominee.objects.all() if qs is None else qs, user,
                    unit="dossier__unit_id", council="dossier__state", own="staff_id")


def results_for(user, qs=None):
    qs = Result.objects.all() if qs is None else qs
    if sees_everything(user):
        return qs
    return qs.filter(nominee__in=nominees_for(user).values("pk"))


def documents_for(user, qs=None):
    """Documents: the unit's own (its plan and its dossier's files) for a unit head; everything for the office."""
    return _visible(Document.objects.all() if qs is None else qs, user, unit="unit_id", council="dossier__state")


def document_versions_for(user, qs=None):
    qs = DocumentVersion.objects.all() if qs is None else qs
    if sees_everything(user):
        return qs
    return qs.filter(document__in=documents_for(user).values("pk"))


def decisions_for(user, qs=None):
    """Decisions: the office and the director see all; others see approved decisions only through their lines."""
    qs = Decision.objects.all() if qs is None else qs
    if sees_everything(user):
        return qs
    return qs.none()


def decision_lines_for(user, qs=None):
    """Awardee lines (and so certificates): a unit head gets their own unit's; staff their own."""
    return _visible(DecisionLine.objects.all() if qs is None else qs, user,
                    unit="nominee__dossier__unit_id", own="nominee__staff_id", decision__state="approved")


def _unit_scoped(qs, user, unit_field):
    if sees_everything(user):
        return qs
    if is_unit_head(user):
        return qs.filter(**{unit_field: user_unit_id(user)})
    return qs.none()


def registrations_for(user, qs=None):
    """Registrations: a unit head their unit's; staff their own; the office and director all."""
    return _visible(Registration.objects.all() if qs is None else qs, user, unit="unit_id", own="staff_id")


def dossier_comments_for(user, qs=None):
    """The office's remarks on a dossier are between the office and that unit."""
    return _unit_scoped(DossierComment.objects.all() if qs is None else qs, user, "dossier__unit_id")


def extensions_for(user, qs=None):
    return _unit_scoped(DeadlineExtension.objects.all() if qs is None else qs, user, "unit_id")


def meetings_for(user, qs=None):
    """Council meetings and their votes: the office, the director and council members."""
    qs = CouncilMeeting.objects.all() if qs is None else qs
    if sees_everything(user) or Role.COUNCIL in user_roles(user):
        return qs
    return qs.none()


def votes_for(user, qs=None):
    qs = Vote.objects.all() if qs is None else qs
    if sees_everything(user) or Role.COUNCIL in user_roles(user):
        return qs
    return qs.none()
