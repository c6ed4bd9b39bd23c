"""The office's pages for campaigns across years: every campaign, next year's campaign made from one, the draft's
criteria, quotas and dates edited until it is launched, and deadline extensions for any unit of a campaign (also a
unit with no dossier yet). Every page names its campaign in the URL (its code); none guesses one.

The office and the director see the pages (the director reads); changes are the office's (the director gets 403,
everyone else 404). Each change is one service (awards.services.cloning, awards.services.dossiers)."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from awards.forms.portal import ExtensionForm
from awards.models import CampaignAward, DeadlineExtension
from awards.rules import may, require, rule_required
from awards.services import cloning, deadlines
from awards.services import dossiers as dossier_svc
from campaigns.models import Campaign, CampaignStatus, Criterion, Unit

READ, CHANGE = "awards.oversee_campaign", "awards.set_up_campaign"


def may_change(user) -> bool:
    return may(user, CHANGE)


def viewer(view):
    """The office and the director open the page (404 to others); a change is the office's (403 otherwise)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            require(request.user, CHANGE)
        return view(request, *args, **kwargs)

    return login_required(rule_required(READ, then=(CHANGE,))(wrapped))


class CloneForm(forms.Form):
    source = forms.ModelChoiceField(label="Từ phong trào", queryset=Campaign.objects.order_by("-year", "code"),
                                    to_field_name="code")
    code = forms.SlugField(label="Mã phong trào mới", max_length=50, help_text="Ví dụ: cchc-2024")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = cloning.CAMPAIGN_FIELDS
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ("plan_date", "period_start", "period_end", "dossier_deadline", "decision_deadline")}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = cloning.CRITERION_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def _campaign(code):
    return get_object_or_404(Campaign.objects.select_related("organisation"), code=code)


def _setup_url(campaign):
    return reverse("setup:edit", kwargs={"code": campaign.code})


def _refused(request, exc):
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@viewer
def campaign_list(request):
    campaigns = list(Campaign.objects.order_by("-year", "code"))
    latest = campaigns[0] if campaigns else None
    initial = {"source": latest.code, "year": latest.year + 1,
               "code": f"{latest.code.rsplit('-', 1)[0]}-{latest.year + 1}"} if latest else {}
    return render(request, "setup/list.html", {
        "campaigns": campaigns, "clone_form": CloneForm(initial=initial), "can_change": may_change(request.user),
    })


@viewer
@require_POST
def clone(request):
    form = CloneForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("setup:list")
    try:
        new = cloning.clone_campaign(form.cleaned_data["source"], code=form.cleaned_data["code"],
                                     year=form.cleaned_data["year"], actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("setup:list")
    messages.success(request, f"Đã tạo phong trào «{new.title}» (đang soạn) từ phong trào {form.cleaned_data['source'].code}. "
                              "Kiểm tra tiêu chí, số lượng, thời hạn và căn cứ rồi phát động.")
    return redirect(_setup_url(new))


@viewer
def edit(request, code):
    campaign = _campaign(code)
    draft = campaign.status == CampaignStatus.DRAFT
    criteria = list(campaign.criteria.order_by("target", "order"))
    awards = list(CampaignAward.objects.filter(campaign=campaign).select_related("award_kind").order_by("award_kind__level", "target"))
    mentions_old_year = [c for c in criteria if any(str(y) in c.text + c.short_name for y in range(campaign.year - 3, campaign.year))]
    return render(request, "setup/edit.html", {
        "campaign": campaign, "draft": draft, "can_change": draft and may_change(request.user),
        "campaign_form": CampaignForm(instance=campaign),
        "criteria": [(c, CriterionForm(instance=c, prefix=f"c{c.pk}")) for c in criteria],
        "new_criterion": CriterionForm(prefix="new"), "awards": awards,
        "grounds": list(campaign.grounds.order_by("order")), "mentions_old_year": mentions_old_year,
        "open_problems": cloning.open_problems(campaign) if draft else [],
    })


@viewer
@require_POST
def update(request, code):
    campaign = _campaign(code)
    form = CampaignForm(request.POST, instance=Campaign.objects.get(pk=campaign.pk))
    if form.is_valid():
        try:
            cloning.update_campaign(campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, "Đã lưu thông tin phong trào.")
    else:
        _form_errors(request, form)
    return redirect(_setup_url(campaign))


@viewer
@require_POST
def criterion_save(request, code, pk=None):
    campaign = _campaign(code)
    criterion = get_object_or_404(Criterion, campaign=campaign, pk=pk) if pk else None
    form = CriterionForm(request.POST, prefix=f"c{pk}" if pk else "new",
                         instance=Criterion.objects.get(pk=criterion.pk) if criterion else Criterion(campaign=campaign))
    if form.is_valid():
        try:
            cloning.save_criterion(campaign, criterion=criterion, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, "Đã lưu tiêu chí." if criterion else "Đã thêm tiêu chí.")
    else:
        _form_errors(request, form)
    return redirect(_setup_url(campaign))


@viewer
@require_POST
def criterion_delete(request, code, pk):
    campaign = _campaign(code)
    criterion = get_object_or_404(Criterion, campaign=campaign, pk=pk)
    try:
        cloning.delete_criterion(criterion, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"Đã xóa tiêu chí «{criterion.short_name}».")
    return redirect(_setup_url(campaign))


@viewer
@require_POST
def quotas(request, code):
    campaign = _campaign(code)
    try:
        for award in CampaignAward.objects.filter(campaign=campaign):
            raw = (request.POST.get(f"quota-{award.pk}") or "").strip()
            if not raw.isdigit() and raw != "":
                raise cloning.CloneError("Số lượng là số nguyên không âm, hoặc để trống (khen tất cả nếu đủ điều kiện).")
            quota = int(raw) if raw else None
            if quota != award.quota:
                cloning.set_quota(award, quota=quota, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "Đã lưu số lượng khen thưởng.")
    return redirect(_setup_url(campaign))


@viewer
@require_POST
def open_campaign(request, code):
    campaign = _campaign(code)
    try:
        cloning.open_campaign(campaign, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"Đã phát động «{campaign.title}». Từ nay tiêu chí đã khóa.")
    return redirect(_setup_url(campaign))


class UnitExtensionForm(ExtensionForm):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.filter(active=True).order_by("code"),
                                  empty_label="— chọn đơn vị —")
    field_order = ["unit", "until", "reason"]


@viewer
def extensions(request, code):
    """Every unit's deadline for this campaign, and an extension for any of them (with or without a dossier)."""
    campaign = _campaign(code)
    form = UnitExtensionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            try:
                dossier_svc.grant_extension(campaign, unit, actor=request.user, until=form.cleaned_data["until"],
                                            reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, f"Đã gia hạn nộp hồ sơ cho {unit.name} đến hết ngày "
                                          f"{form.cleaned_data['until']:%d/%m/%Y}.")
                return redirect(reverse("setup:extensions", kwargs={"code": campaign.code}))
        else:
            _form_errors(request, form)
    latest = {}
    for ext in DeadlineExtension.objects.filter(campaign=campaign).select_related("granted_by__staff").order_by("until"):
        latest[ext.unit_id] = ext
    closes = deadlines.end_of_day(campaign.dossier_deadline)
    rows = []
    for unit in Unit.objects.filter(active=True).order_by("code"):
        ext = latest.get(unit.pk)
        rows.append({"unit": unit, "extension": ext if ext and ext.until > closes else None})
    return render(request, "setup/extensions.html", {
        "campaign": campaign, "rows": rows, "form": form, "closes": closes, "can_change": may_change(request.user),
    })
