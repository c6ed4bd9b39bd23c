"""Recomputation: the automatic results follow the records. Whatever changes the records calls
`recompute_results(...)` (forms, the Excel importer through campaigns.records, the admin); a person's ruling is
never touched."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db import router, transaction
from django.db.models import Exists, OuterRef, Q
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from awards.models import DossierState, Nominee, Result
from awards.services.evaluators import Records, evaluate
from awards.services.progress import refresh_progress
from awards.services.scores import refresh_scores
from campaigns.compiled import Compiled
from campaigns.models import (
    CampaignStatus,
    Criterion,
)

# --------------------------------------------------------------------------------------------- recompute


@dataclass
class RecomputeReport:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def appraised_nominees(campaign):
    """The nominees of `campaign`'s accepted dossiers, whatever the campaign's status: what the ranking reads (a
    closed campaign's ranking still shows who ranked where; its results no longer change)."""
    return Nominee.objects.filter(dossier__state=DossierState.ACCEPTED, dossier__campaign=campaign)


def scored_nominees(campaign=None):
    """Nominees that are appraised: those of accepted dossiers (of the campaign, if given). A closed campaign's
    results never change, so its nominees are never recomputed."""
    qs = Nominee.objects.filter(dossier__state=DossierState.ACCEPTED).exclude(dossier__campaign__status=CampaignStatus.CLOSED)
    if campaign is not None:
        qs = qs.filter(dossier__campaign=campaign)
    return qs


@transaction.atomic
def recompute_results(campaign=None, *, nominees=None, units=None, staff=None) -> RecomputeReport:
    """Create the missing results and bring every automatic result in line with the records.

    Scope: the nominees given, else the appraised nominees of `campaign` (every campaign if None), narrowed to
    those of `units` (collectives and individuals of those units) or `staff`. A person's decision (override,
    attestation) is never touched. Call it after any change of the records (forms, imports, admin).
    """
    if nominees is None:
        qs = scored_nominees(campaign)
        if units is not None or staff is not None:
            cond = Q(pk__in=[])
            if units is not None:
                cond |= Q(unit__in=units)
            if staff is not None:
                cond |= Q(staff__in=staff)
            qs = qs.filter(cond)
        nominees = list(qs.select_related("dossier__campaign"))
    else:
        nominees = list(Nominee.objects.filter(pk__in=[n.pk for n in nominees]).exclude(
            dossier__campaign__status=CampaignStatus.CLOSED).select_related("dossier__campaign"))
    report = RecomputeReport()
    by_campaign = defaultdict(list)
    for n in nominees:
        by_campaign[n.dossier.campaign].append(n)
    for camp, group in by_campaign.items():
        _recompute_campaign(camp, group, report)
    return report


def _recompute_campaign(campaign, nominees, report):

    criteria = defaultdict(list)
    for c in Criterion.objects.filter(campaign=campaign):
        criteria[c.target].append(c)
    records = Records.load(campaign, nominees)
    existing = {
        (r.nominee_id, r.criterion_id): r
        for r in Result.objects.filter(nominee__in=[n.pk for n in nominees], criterion__campaign=campaign)
    }
    to_create, to_update = [], []
    for nominee in nominees:
        for criterion in criteria[nominee.target]:
            ev = evaluate(nominee, criterion, records)
            result = existing.get((nominee.pk, criterion.pk))
            if result is None:
                to_create.append(Result(nominee=nominee, criterion=criterion, computed=ev.outcome,
                                        computed_reason=ev.reason, evidence=ev.evidence))
            elif (result.computed, result.computed_reason, result.evidence) != (ev.outcome, ev.reason, ev.evidence):
                result.computed, result.computed_reason, result.evidence = ev.outcome, ev.reason, ev.evidence
                to_update.append(result)
            else:
                report.unchanged += 1
    if to_create:

        bulk_create_with_history(to_create, Result, batch_size=500, default_change_reason="Tính tự động")
        report.created += len(to_create)
    if to_update:
        # Only the computed fields: a person's decision saved meanwhile is never overwritten.
        bulk_update_with_history(to_update, Result, ["computed", "computed_reason", "evidence"], batch_size=500,
                                 default_change_reason="Số liệu thay đổi, tính lại")
        report.changed += len(to_update)
    # The scores the ranking reads follow the results, in the same transaction.
    refresh_scores([n.pk for n in nominees])
    refresh_progress({n.dossier_id for n in nominees})  # and the office dashboard's count of decided results


def after_records_changed(*, units=None, staff=None) -> RecomputeReport:
    """The listener of campaigns.hooks.records_changed (registered by AwardsConfig.ready): after records of these
    units / staff changed (both None: any), bring the automatic results in line, in the caller's transaction."""
    return recompute_results(units=units, staff=staff)


def unscored_count(campaign) -> int:
    """Appraised nominees that have no result yet (a dossier accepted since the last recompute). Only those whose
    kept score says so (no row, or no result: awards.services.scores) are looked through for a result, not every
    result of the campaign."""
    return len(_unscored_query(router.db_for_read(Nominee)).rows(campaign=campaign.pk))


@lru_cache(maxsize=8)
def _unscored_query(alias) -> Compiled:
    """The ids `unscored_count` counts (none, almost always), its SQL compiled once per process: the scoring grid
    asks it on every page."""
    maybe = Q(score__isnull=True) | Q(score__result_count=0)
    return Compiled(lambda campaign: scored_nominees(campaign).using(alias).filter(maybe)
                    .filter(~Exists(Result.objects.filter(nominee=OuterRef("pk")))).order_by().values_list("pk"), "campaign")
