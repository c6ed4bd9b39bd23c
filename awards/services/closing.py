"""Closing a campaign: after it, nothing of the campaign changes (campaigns.scope.ensure_open is asked by every
write service), and its signed documents stay as signed."""

from django.core.exceptions import ValidationError
from django.db import transaction

from awards.models import Decision, DecisionState, Dossier, DossierState
from awards.rules import checks_rule
from awards.services.transitions import set_state
from campaigns.models import Campaign, CampaignStatus


def closing_refusals(campaign, *, drafts=None) -> list[str]:
    """Why `campaign` cannot be closed now (empty: it can). `drafts`: the campaign's draft decisions with their
    award, when the caller has read them already (the dashboard reads them with the signed ones)."""
    if campaign.status != CampaignStatus.OPEN:
        return [f"Phong trào đang ở trạng thái «{campaign.get_status_display()}»: chỉ kết thúc được phong trào đang phát động."]
    refusals = []
    waiting = Dossier.objects.filter(campaign=campaign, state__in=[DossierState.SUBMITTED, DossierState.RESUBMITTED])
    for unit_name, state in waiting.order_by("unit__code").values_list("unit__name", "state"):
        refusals.append(f"Hồ sơ của {unit_name} đang chờ Văn phòng thẩm định ({DossierState(state).label}).")
    # A draft is named after its award (it has no number yet): loaded with it, one query however many drafts.
    if drafts is None:
        drafts = Decision.objects.filter(campaign=campaign, state=DecisionState.DRAFT).select_related("award_kind")
    for decision in sorted(drafts, key=lambda d: d.pk):
        refusals.append(f"{decision} còn là dự thảo, chưa được Giám đốc ký ban hành hoặc từ chối.")
    return refusals


@checks_rule("awards.close_campaign", system=True)
@transaction.atomic
def close_campaign(campaign, *, actor, reason="") -> Campaign:
    """End the campaign: refused (with every reason, in Vietnamese) while a dossier waits for appraisal or a
    decision is not yet signed. Records who closed it, when and why (StateChange)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    refusals = closing_refusals(campaign)
    if refusals:
        raise ValidationError(["Chưa kết thúc được phong trào:", *refusals])
    set_state(campaign, to_state=CampaignStatus.CLOSED, allowed_from=[CampaignStatus.OPEN], actor=actor,
              reason=(reason or "").strip() or "Kết thúc phong trào", state_field="status")
    return campaign
