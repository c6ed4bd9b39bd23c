"""The main menu, grouped by task (Hồ sơ · Chấm điểm · Hội đồng · Quyết định · Báo cáo), each item shown only to
those the permission table lets open it (the rule its page asks), and the current campaign with its stage.

Campaign pages (under `/<code>/`) are offered only on a page of a campaign and reversed in that campaign
(`campaigns.scope.reverse_in`); the site's own pages (set-up, accounts) everywhere. Nothing guesses a campaign."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from awards.rules import may
from awards.selectors.participation import stage_facts
from campaigns.models import Campaign
from campaigns.scope import urlconf_of

register = template.Library()

# (group, [(label, URL name, the rules of which the user needs one)]). URL names not in SITE_PAGES are campaign pages.
MENU = [
    ("Hồ sơ", [
        ("Đơn vị của tôi", "portal:home", ("awards.use_portal",)),
        ("Hồ sơ khen thưởng", "portal:dossier_current", ("awards.use_portal",)),
        ("Hồ sơ các đơn vị", "portal:office_dossiers", ("awards.oversee_campaign",)),
        ("Tiến độ đơn vị", "office:units", ("awards.oversee_campaign",)),
    ]),
    ("Chấm điểm", [
        ("Chấm điểm", "scoring:grid", ("awards.score",)),
        ("Số liệu chỉ tiêu", "scoring:indicators", ("awards.score",)),
        ("Xếp hạng", "scoring:ranking", ("awards.view_ranking",)),
    ]),
    ("Hội đồng", [
        ("Danh sách Hội đồng xét", "decisions:council_home", ("awards.view_council",)),
        ("Họp Hội đồng", "decisions:meetings", ("awards.list_meetings",)),
    ]),
    ("Quyết định", [
        ("Quyết định khen thưởng", "decisions:list", ("awards.view_decision",)),
        ("Giấy khen", "decisions:certificates", ("awards.view_certificates",)),
    ]),
    ("Thiết lập", [
        ("Phong trào", "setup:list", ("awards.set_up_campaign",)),
        ("Tài khoản", "accounts:list", ("campaigns.manage_accounts",)),
    ]),
    ("Báo cáo", [
        ("Tổng quan", "office:dashboard", ("awards.oversee_campaign",)),
        ("Excel", "excel:home", ("campaigns.import_records", "awards.export_report")),
    ]),
]

SITE_PAGES = {"setup:list", "accounts:list"}

# «Việc của tôi» (the person's background jobs, /viec/) in the account menu, for those whose pages can start one:
# an Excel report or import (the office, unit heads, council members), a decision's documents or certificates (the
# office and the Director), the council's minutes (the council).
JOB_STARTERS = ("awards.export_report", "campaigns.import_records", "awards.view_decision", "awards.view_councilmeeting",
                "awards.use_portal")


def _allowed(user, perms):
    return any(may(user, perm) for perm in perms)


@lru_cache(maxsize=1024)
def _menu_url(name, code, script_prefix, root_urlconf):
    """The address of a menu item: a site page (`code` None) or a page of the campaign of this code. An address
    follows from these alone (the prefix and the root URLconf are in the key for what is served under another
    path, and for tests): reversed once per process, not on every page."""
    return reverse(name) if code is None else reverse(name, urlconf=urlconf_of(code))


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    path = request.path
    campaign = getattr(request, "campaign", None)

    def url_of(name):
        code = campaign.code if campaign is not None and name not in SITE_PAGES else None
        return _menu_url(name, code, get_script_prefix(), settings.ROOT_URLCONF)

    groups = []
    for label, items in MENU:
        shown = [
            {"label": item_label, "url": url_of(name)}
            for item_label, name, perms in items
            if (name in SITE_PAGES or campaign is not None) and _allowed(user, perms)
        ]
        if shown:
            groups.append({"label": label, "items": shown})
    # The current page is the item whose address is the longest start of this one ("/<code>/khen-thuong/" is the
    # council's list, "/<code>/khen-thuong/quyet-dinh/" the decisions').
    matches = [item["url"] for group in groups for item in group["items"] if path.startswith(item["url"]) and item["url"] != "/"]
    current = max(matches, key=len, default=None)
    out = []
    for group in groups:
        for item in group["items"]:
            item["active"] = item["url"] == current
        out.append({**group, "active": any(i["active"] for i in group["items"]), "single": len(group["items"]) == 1})
    return out


@register.simple_tag(takes_context=True)
def campaign_stage(context):
    """The campaign of the page (none outside one) and where it stands: dossiers, appraisal and scoring, the
    council, signed. Whether it has a signed decision and a council meeting is read with the campaigns the user
    takes part in (awards.selectors.participation.campaigns_of), where the request found its campaign; a campaign
    found otherwise (a visitor's) is asked."""
    request = context.get("request")
    campaign = getattr(request, "campaign", None)
    if campaign is None:
        return None
    today = timezone.localdate()
    if hasattr(campaign, "has_signed_decision"):
        signed, met = campaign.has_signed_decision, campaign.has_council_meeting
    else:
        signed, met = (Campaign.objects.filter(pk=campaign.pk).annotate(**stage_facts())
                       .values_list("has_signed_decision", "has_council_meeting").get())
    if signed:
        stage = "Đã ký quyết định khen thưởng"
    elif met:
        stage = "Hội đồng xét, lập quyết định"
    elif today <= campaign.dossier_deadline:
        stage = f"Nhận hồ sơ (hạn {campaign.dossier_deadline:%d/%m/%Y})"
    else:
        stage = "Thẩm định, chấm điểm"
    return {"campaign": campaign, "stage": stage}


@register.simple_tag(takes_context=True)
def jobs_link(context):
    """The address of «Việc của tôi» for a user who can have background jobs, else ''."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not _allowed(user, JOB_STARTERS):
        return ""
    return reverse("ops:jobs")
