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
    Nominee,
    Registration,
    Result,
    Vote,
)
from awards.rules import COUNCIL_STATES, VISIBILITY, lookup
from campaigns import scope
from campaigns.rules import is_council_member, is_unit_head, sees_council, sees_everything, user_staff_id, user_unit_id
from campaigns.scope import narrow

# The lookup from each model to its campaign: on a campaign's pages (or within campaigns.scope.within) every
# selector keeps to that campaign's rows, so an object of another year answers 404 there.
CAMPAIGN_PATH = {
    "dossier": "campaign", "nominee": "dossier__campaign", "document": "campaign", "decisionline": "decision__campaign",
    "registration": "campaign", "dossiercomment": "dossier__campaign", "deadlineextension": "campaign",
}


def _visible(qs, user, model_name):
    """The one shape of every per-user rule, from the model's description in awards.rules.VISIBILITY (the same
    description the "view" rules are built from): everything for the office and director; otherwise the rows of
    the user's unit (for unit heads), the rows the council considers (for council members) and the user's own
    rows, further limited by the description's `always`."""
    qs = narrow(qs, CAMPAIGN_PATH[model_name])
    if sees_everything(user):
        return qs
    spec = VISIBILITY[model_name]
    cond = Q(pk__in=[])
    if "unit" in spec and is_unit_head(user):
        cond |= Q(**{lookup(spec["unit"]): user_unit_id(user)})
    if "council" in spec and is_council_member(user):
        cond |= Q(**{f"{lookup(spec['council'])}__in": COUNCIL_STATES})
    if "own" in spec and user_staff_id(user):
        cond |= Q(**{lookup(spec["own"]): user_staff_id(user)})
    always = {lookup(path): value for path, value in [spec["always"]]} if "always" in spec else {}
    return qs.filter(cond, **always)


def dossiers_for(user, qs=None):
    return _visible(Dossier.objects.all() if qs is None else qs, user, "dossier")


def nominees_for(user, qs=None):
    return _visible(Nominee.objects.all() if qs is None else qs, user, "nominee")


def narrows_nominees(user, campaign) -> bool:
    """Whether `nominees_for(user, qs)` can leave out any nominee of `campaign`: it cannot for those who see
    everything, on that campaign's pages (or where no campaign is active). Readers whose SQL is compiled once for
    everyone's view (the ranking) read such a user's rows as everyone's, and go through `nominees_for` otherwise."""
    active = scope.active()
    return not (sees_everything(user) and (active is None or active.pk == getattr(campaign, "pk", campaign)))


def results_for(user, qs=None):
    qs = narrow(Result.objects.all() if qs is None else qs, "nominee__dossier__campaign")
    if sees_everything(user):
        return qs
    return qs.filter(nominee__in=nominees_for(user).values("pk"))


def documents_for(user, qs=None):
    """Documents: the unit's own (its plan and its dossier's files) for a unit head; everything for the office."""
    return _visible(Document.objects.all() if qs is None else qs, user, "document")


def document_versions_for(user, qs=None):
    qs = narrow(DocumentVersion.objects.all() if qs is None else qs, "document__campaign")
    if sees_everything(user):
        return qs
    return qs.filter(document__in=documents_for(user).values("pk"))


def decisions_for(user, qs=None):
    """Decisions: the office and the director see all; others see approved decisions only through their lines."""
    qs = narrow(Decision.objects.all() if qs is None else qs, "campaign")
    if sees_everything(user):
        return qs
    return qs.none()


def decision_lines_for(user, qs=None):
    """Awardee lines (and so certificates): a unit head gets their own unit's; staff their own."""
    return _visible(DecisionLine.objects.all() if qs is None else qs, user, "decisionline")


def registrations_for(user, qs=None):
    """Registrations: a unit head their unit's; staff their own; the office and director all."""
    return _visible(Registration.objects.all() if qs is None else qs, user, "registration")


def dossier_comments_for(user, qs=None):
    """The office's remarks on a dossier are between the office and that unit."""
    return _visible(DossierComment.objects.all() if qs is None else qs, user, "dossiercomment")


def extensions_for(user, qs=None):
    return _visible(DeadlineExtension.objects.all() if qs is None else qs, user, "deadlineextension")


def meetings_for(user, qs=None):
    """Council meetings and their votes: the office, the director and council members."""
    qs = narrow(CouncilMeeting.objects.all() if qs is None else qs, "campaign")
    if sees_council(user):
        return qs
    return qs.none()


def meetings_narrowed_to(user):
    """The campaign (its id) to which `meetings_for(user)` keeps, when it keeps every meeting of that campaign (the
    user sees the council, on a campaign's page), else None: a reader compiled once per process for "one meeting
    of a campaign" may then stand for the selector."""
    active = scope.active()
    return active.pk if active is not None and sees_council(user) else None


def votes_for(user, qs=None):
    qs = narrow(Vote.objects.all() if qs is None else qs, "meeting__campaign")
    if sees_council(user):
        return qs
    return qs.none()
