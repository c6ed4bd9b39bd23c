"""Criterion weights and the mandatory flags: weights are locked once scoring has started."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from awards.models import Result
from awards.rules import checks_rule
from awards.services.rulings import ScoringError
from campaigns import scope
from campaigns.models import (
    Campaign,
    Criterion,
)

# --------------------------------------------------------------------------------------------- weights


def scoring_started(campaign) -> bool:
    """Scoring has started once any result of the campaign has been decided by a person."""
    return Result.objects.filter(criterion__campaign=campaign, updated_by__isnull=False).exists()


WEIGHTS_LOCKED = "Đã bắt đầu chấm điểm (đã có kết quả do Văn phòng quyết định): không thể đổi trọng số tiêu chí."


def weights_lock_message(campaign) -> str:
    """The listener of campaigns.hooks.weights_lock (registered by AwardsConfig.ready)."""
    return WEIGHTS_LOCKED if scoring_started(campaign) else ""


def check_weight_change(campaign, changed: bool):
    if changed and scoring_started(campaign):
        raise ScoringError(WEIGHTS_LOCKED)


@checks_rule("awards.score")
@transaction.atomic
def set_criteria_settings(campaign, *, weights: dict, mandatory: dict, actor) -> int:
    """Set each criterion's weight and whether it is mandatory. Weights are locked once scoring has started;
    the mandatory flags may change at any time (eligibility is read, never stored). Returns rows changed."""
    scope.ensure_open(campaign)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    criteria = list(Criterion.objects.filter(campaign=campaign, pk__in=set(weights) | set(mandatory)))
    changed_weight = [c for c in criteria if c.pk in weights and Decimal(weights[c.pk]) != c.weight]
    check_weight_change(campaign, bool(changed_weight))
    changed = []
    for c in criteria:
        dirty = False
        if c.pk in weights and Decimal(weights[c.pk]) != c.weight:
            if Decimal(weights[c.pk]) < 0:
                raise ScoringError("Trọng số không được âm.")
            c.weight = Decimal(weights[c.pk])
            dirty = True
        if c.pk in mandatory and bool(mandatory[c.pk]) != c.mandatory:
            c.mandatory = bool(mandatory[c.pk])
            dirty = True
        if dirty:
            c.save(update_fields=["weight", "mandatory"])
            changed.append(c)
    return len(changed)
