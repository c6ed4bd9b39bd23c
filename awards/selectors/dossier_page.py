"""What a dossier's page reads once the dossier itself is known (loaded through `dossiers_for`, which answers 404
to outsiders): its nominees, the unit's deadline extensions and registrations, the unit's plan and the dossier's
comments (its transitions: awards.services.transitions.transitions_list). Each read depends only on the dossier,
its campaign and its unit, so its SQL is compiled once per process (campaigns.compiled): Django's building of
these queries was a sixth of the office's dossier page and of the unit head's home."""

from functools import lru_cache

from django.db import router

from awards.models import (
    DeadlineExtension,
    DocumentKind,
    DocumentVersion,
    DossierComment,
    Nominee,
    Registration,
)
from campaigns.compiled import Compiled


@lru_cache(maxsize=4)
def _queries(alias):
    return {
        "nominees": Compiled(lambda dossier: Nominee.objects.using(alias).filter(dossier_id=dossier)
                             .select_related("staff", "unit", "award_kind").order_by("target", "id"), "dossier"),
        "extensions": Compiled(lambda campaign, unit: DeadlineExtension.objects.using(alias).filter(campaign_id=campaign, unit_id=unit)
                               .select_related("granted_by__staff"), "campaign", "unit"),
        "registrations": Compiled(lambda campaign, unit: Registration.objects.using(alias).filter(campaign_id=campaign, unit_id=unit)
                                  .select_related("staff", "award_kind").order_by("target", "staff__full_name"),
                                  "campaign", "unit"),
        "plan": Compiled(lambda campaign, unit: DocumentVersion.objects.using(alias).filter(
            document__campaign_id=campaign, document__unit_id=unit, document__kind=DocumentKind.UNIT_PLAN)
            .order_by("-number")[:1], "campaign", "unit"),
        "comments": Compiled(lambda dossier: DossierComment.objects.using(alias)
                             .filter(dossier_id=dossier).select_related("author__staff"), "dossier"),
        "open_comments": Compiled(lambda dossier: DossierComment.objects.using(alias)
                                  .filter(dossier_id=dossier, resolved=False).select_related("author__staff"), "dossier"),
    }


def _query(name, model):
    return _queries(router.db_for_read(model))[name]


def nominees(dossier) -> list:
    """The dossier's nominees (with staff, unit and award kind), by target then as filed; each knows its dossier."""
    out = _query("nominees", Nominee).objects(dossier=dossier.pk)
    for nominee in out:
        nominee.dossier = dossier
    return out


def extensions(campaign, unit) -> list:
    """The deadline extensions the office granted the unit in the campaign (newest first), with who granted each."""
    return _query("extensions", DeadlineExtension).objects(campaign=campaign.pk, unit=unit.pk)


def registrations(campaign, unit) -> list:
    """The unit's registrations in the campaign (its own first, then its people by name), with staff and award."""
    out = _query("registrations", Registration).objects(campaign=campaign.pk, unit=unit.pk)
    for registration in out:
        registration.campaign, registration.unit = campaign, unit
    return out


def plan_version(campaign, unit):
    """The current version of the unit's plan (None before one is uploaded): a unit has one plan a campaign."""
    found = _query("plan", DocumentVersion).objects(campaign=campaign.pk, unit=unit.pk)
    return found[0] if found else None


def comments(dossier, *, open_only=False) -> list:
    """The dossier's comments (newest first), with their authors; `open_only`: those not resolved yet."""
    out = _query("open_comments" if open_only else "comments", DossierComment).objects(dossier=dossier.pk)
    for comment in out:
        comment.dossier = dossier
    return out
