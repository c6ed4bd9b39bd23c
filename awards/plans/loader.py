"""Loads the 2023 plan (campaigns.plan_2023) into the database: idempotent, and careful with edits.

On an empty database it creates the organisation, the reference data, the campaign, its grounds, criteria and
awards. Run again, it compares: where the stored campaign differs from the plan it reports every difference and
changes nothing, unless `update=True`.
"""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from awards.models import AwardKind, CampaignAward
from awards.plans import plan_2023
from awards.reference import ensure_reference_data
from campaigns.models import Campaign, CampaignGround, Criterion, Organisation, Target


@dataclass
class PlanLoadReport:
    created: bool = False
    updated: bool = False
    differences: list[str] = field(default_factory=list)


def _criteria_rows():
    for target, rows in ((Target.COLLECTIVE, plan_2023.COLLECTIVE_CRITERIA), (Target.INDIVIDUAL, plan_2023.INDIVIDUAL_CRITERIA)):
        for order, (short_name, text, evidence_kind, indicator) in enumerate(rows, start=1):
            yield {
                "target": target, "order": order, "short_name": short_name, "text": text,
                "evidence_kind": evidence_kind, "indicator": indicator,
            }


def _diff_campaign(campaign):
    diffs = []
    for name, expected in plan_2023.CAMPAIGN.items():
        actual = getattr(campaign, name)
        if actual != expected:
            diffs.append(f"Phong trào – {campaign._meta.get_field(name).verbose_name}: đang là «{actual}», kế hoạch là «{expected}»")
    stored = {(c.target, c.order): c for c in campaign.criteria.all()}
    wanted = {(row["target"], row["order"]): row for row in _criteria_rows()}
    for key, row in wanted.items():
        label = f"Tiêu chí {Target(key[0]).label.lower()} {key[1]}"
        criterion = stored.get(key)
        if criterion is None:
            diffs.append(f"{label}: thiếu")
            continue
        for name in ("short_name", "text", "evidence_kind", "indicator"):
            if getattr(criterion, name) != row[name]:
                diffs.append(f"{label} – {Criterion._meta.get_field(name).verbose_name}: đang là «{getattr(criterion, name)}», kế hoạch là «{row[name]}»")
    for key in stored.keys() - wanted.keys():
        diffs.append(f"Tiêu chí {Target(key[0]).label.lower()} {key[1]}: không có trong kế hoạch")
    stored_grounds = [(g.reference, g.issued_on, g.text) for g in campaign.grounds.order_by("order")]
    if stored_grounds != list(plan_2023.GROUNDS):
        diffs.append("Căn cứ của phong trào khác với kế hoạch")
    stored_awards = {(a.award_kind.code, a.target, a.quota) for a in campaign.awards.select_related("award_kind")}
    if stored_awards != set(plan_2023.AWARDS):
        diffs.append("Hình thức khen thưởng và số lượng khác với kế hoạch")
    return diffs


def _write_plan(campaign):
    for name, value in plan_2023.CAMPAIGN.items():
        setattr(campaign, name, value)
    campaign.save()
    for row in _criteria_rows():
        Criterion.objects.update_or_create(campaign=campaign, target=row["target"], order=row["order"], defaults=row)
    campaign.grounds.all().delete()
    bulk_create_with_history(
        [CampaignGround(campaign=campaign, order=i, reference=ref, issued_on=issued_on, text=text)
         for i, (ref, issued_on, text) in enumerate(plan_2023.GROUNDS, start=1)],
        CampaignGround, default_change_reason="Nạp kế hoạch 2023",
    )
    campaign.awards.all().delete()
    kinds = {k.code: k for k in AwardKind.objects.all()}
    for code, target, quota in plan_2023.AWARDS:
        CampaignAward.objects.create(campaign=campaign, award_kind=kinds[code], target=target, quota=quota)


@transaction.atomic
def load_plan_2023(*, update: bool = False) -> PlanLoadReport:
    report = PlanLoadReport()
    ensure_reference_data()
    organisation = Organisation.objects.order_by("id").first()
    if organisation is None:
        organisation = Organisation.objects.create(**plan_2023.ORGANISATION)
    campaign = Campaign.objects.filter(code=plan_2023.CAMPAIGN["code"]).first()
    if campaign is None:
        _write_plan(Campaign(organisation=organisation))
        report.created = True
        return report
    report.differences = _diff_campaign(campaign)
    if report.differences and update:
        _write_plan(campaign)
        report.updated = True
    return report
