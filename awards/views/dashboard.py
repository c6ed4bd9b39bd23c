"""The office's dashboard: how far each unit is, the deadlines, the units at risk, and the lists behind every
figure. Office and director only; anyone else gets 404 (the page is not theirs to know about)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from awards.models import DecisionState
from awards.rules import may, rule_required
from awards.services.closing import close_campaign, closing_refusals
from awards.services.progress import FILTER_LABELS, MISSING_LABELS, campaign_progress
from awards.templatetags.results import closing_decisions
from campaigns import scope

CHART_BAR = 26  # px per bar of the progress chart
UNITS_PER_PAGE = 50


def office_required(view):
    """Office and director only (the rule awards.oversee_campaign); anyone else gets 404."""
    return login_required(rule_required("awards.oversee_campaign")(view))


def units_url(**params):
    return reverse("office:units") + ("?" + urlencode(params) if params else "")


def _units_url_maker():
    """units_url, reversing the list's address once for the many links of a page."""
    base = reverse("office:units")
    return lambda **params: base + ("?" + urlencode(params) if params else "")


def _decisions_url():
    try:
        return reverse("decisions:list")
    except NoReverseMatch:
        return units_url(stage="scored")


@office_required
def dashboard(request):
    campaign = scope.of_request(request)
    progress = campaign_progress(campaign)
    total = progress.total
    units_url = _units_url_maker()
    stages = []
    for i, (key, label, count, missing) in enumerate(progress.totals):
        stages.append({
            "key": key, "label": label, "count": count, "missing": missing,
            "missing_label": MISSING_LABELS[key],
            "url": units_url(stage=key), "missing_url": units_url(missing=key),
            "percent": round(100 * count / total) if total else 0,
            # Bar geometry for the inline SVG chart (drawn on the server, no script).
            "y": i * CHART_BAR, "width": round(400 * count / total) if total else 0,
        })
    # Each deadline links to what it waits for: the units, those that have not submitted, the decisions.
    deadline_urls = [units_url(), units_url(missing="submitted"), _decisions_url()]
    may_close = campaign.status == "open" and may(request.user, "awards.close_campaign")
    # The signed documents (the closing panel) and the drafts (the closing refusals) in one read.
    decisions = closing_decisions(campaign, states=[DecisionState.APPROVED, DecisionState.DRAFT])
    drafts = [d for d in decisions if d.state == DecisionState.DRAFT]
    return render(request, "office/dashboard.html", {
        "campaign": campaign,
        "progress": progress,
        "deadlines": list(zip(progress.deadlines, deadline_urls)),
        "stages": stages,
        "chart_height": len(stages) * CHART_BAR,
        "at_risk": progress.at_risk,
        "at_risk_url": units_url(stage="at_risk"),
        "all_url": units_url(),
        "may_close": may_close,
        "closing_refusals": closing_refusals(campaign, drafts=drafts) if may_close else [],  # shown only to who may close
        "closing_decisions": decisions,
        "awardees_page": request.GET.get("trang"),  # the closing panel's list of awardees comes in pages
    })


@office_required
def units(request):
    campaign = scope.of_request(request)
    stage = request.GET.get("stage") or None
    missing = request.GET.get("missing") or None
    if stage not in FILTER_LABELS:
        stage = None
    if missing not in MISSING_LABELS:
        missing = None
    progress = campaign_progress(campaign)
    titles = [FILTER_LABELS[stage]] if stage else []
    if missing:
        titles.append(MISSING_LABELS[missing])
    rows = progress.filtered(stage=stage, missing=missing)
    page = Paginator(rows, UNITS_PER_PAGE).get_page(request.GET.get("trang"))
    params = {k: v for k, v in (("stage", stage), ("missing", missing)) if v}
    return render(request, "office/units.html", {
        "campaign": campaign,
        "progress": progress,
        "rows": rows,
        "page": page,
        "page_url": units_url(**params) + ("&" if params else "?") + "trang=",
        "title": " · ".join(titles) or "Tất cả đơn vị",
        "stage": stage,
        "missing": missing,
        "filters": [(key, label, units_url(stage=key)) for key, label in FILTER_LABELS.items()],
        "all_url": units_url(),
    })


@login_required
@rule_required("awards.close_campaign")
def close(request):
    """The office ends the campaign (POST): the service refuses, naming every reason, while work is pending."""
    campaign = scope.of_request(request)
    if request.method != "POST":
        raise Http404
    try:
        close_campaign(campaign, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Đã kết thúc phong trào {campaign.code}: từ nay chỉ xem, không thay đổi được.")
    return redirect("office:dashboard")
