"""Who may open the campaign pages: the office and the director read; the office changes (the director gets 403);
everyone else gets 404."""

import datetime as dt

from awards.models import CampaignAward
from awards.services.cloning import clone_campaign
from tests.access import Case

PAGE = {"anonymous": "login", "clerk": 200, "director": 200, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
ACTION = {**PAGE, "clerk": 302, "director": 403}


def _draft(w):
    return clone_campaign(w.campaign, code="cchc-2024", year=2024, actor=w.clerk)


def _code(w):
    return {"code": _draft(w).code}


def _criterion(w):
    draft = _draft(w)
    return {"code": draft.code, "pk": draft.criteria.order_by("pk").first().pk}


def _quota_data(w):
    award = CampaignAward.objects.filter(campaign__code="cchc-2024").order_by("pk").first()
    return {f"quota-{award.pk}": "6"}


CASES = [
    Case("setup:list", expect=PAGE),
    Case("setup:clone", method="post", data=lambda w: {"source": "cchc-2023", "code": "cchc-2024", "year": "2024"}, expect=ACTION),
    Case("setup:edit", kwargs=lambda w: {"code": w.campaign.code}, expect=PAGE),
    Case("setup:edit", kwargs=_code, expect=PAGE),
    Case("setup:update", kwargs=_code, method="post", expect=ACTION),
    Case("setup:criterion_add", kwargs=_code, method="post", expect=ACTION),
    Case("setup:criterion_edit", kwargs=_criterion, method="post", expect=ACTION),
    Case("setup:criterion_delete", kwargs=_criterion, method="post", expect=ACTION),
    Case("setup:quotas", kwargs=_code, method="post", data=_quota_data, expect=ACTION),
    Case("setup:open", kwargs=_code, method="post", expect=ACTION),
    Case("setup:extensions", kwargs=lambda w: {"code": w.campaign.code}, expect=PAGE),
    Case("setup:extensions", kwargs=lambda w: {"code": w.campaign.code}, method="post",
         data=lambda w: {"unit": w.unit_b.pk, "until": f"{dt.date.today() + dt.timedelta(days=30):%Y-%m-%d}",
                         "reason": "Mất điện"}, expect=ACTION),
    Case("setup:edit", kwargs=lambda w: {"code": "khong-co"}, expect={**PAGE, "clerk": 404, "director": 404}),
]
