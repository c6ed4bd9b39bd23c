"""The unit portal: a unit head's home, registration, the unit's plan and the award dossier; and the office's
pages to appraise dossiers live in awards.views.office. Views are thin: forms check input, the
services in awards.services.dossiers decide and write, selectors decide who sees what (outsiders get 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.forms import portal as forms
from awards.models import (
    Document,
    DocumentKind,
    DocumentVersion,
    Dossier,
    DossierState,
    Nominee,
    Registration,
)
from awards.rules import asks, may, require_or_404, rule_required
from awards.selectors import (
    documents_for,
    dossier_page,
    dossiers_for,
    nominees_for,
    user_unit_id,
)
from awards.services import deadlines, files
from awards.services import dossiers as svc
from awards.services.transitions import transitions_list
from campaigns import scope
from campaigns.models import Unit

OFFICE_DECISIONS = (DossierState.RETURNED, DossierState.ACCEPTED, DossierState.REJECTED, DossierState.DRAFT)


# --- helpers ---------------------------------------------------------------------------------------------------

def _unit_head_or_404(request):
    require_or_404(request.user, "awards.use_portal")
    unit = Unit.objects.get(pk=user_unit_id(request.user))
    return unit, scope.of_request(request)


def _own_dossiers(user):
    """A unit head's own unit's dossiers (never those the council also sees)."""
    if not may(user, "awards.use_portal"):
        return Dossier.objects.none()
    return dossiers_for(user).filter(unit_id=user_unit_id(user))


def refusal(request, exc):
    for message in exc.messages:
        messages.error(request, message)


def versions_prefetch(with_uploader=True):
    """A document's versions, newest first (with who uploaded each, for the pages that list them all)."""
    versions = DocumentVersion.objects.order_by("-number")
    return Prefetch("versions", queryset=versions.select_related("uploaded_by__staff") if with_uploader else versions)


def dossier_parts(dossier):
    """Nominees, documents (with versions) and the checklist of one dossier, in a fixed number of queries."""
    nominees = dossier_page.nominees(dossier)
    # No ordering (the documents are looked up by kind): the default one joins the campaign and the unit.
    documents = list(Document.objects.filter(dossier=dossier).order_by().prefetch_related(versions_prefetch(with_uploader=False)))
    by_key = {(d.kind, d.nominee_id): d for d in documents}
    for nominee in nominees:
        nominee.report = by_key.get((DocumentKind.ACHIEVEMENT_REPORT, nominee.pk))
    dossier_documents = [(kind, DocumentKind(kind).label, by_key.get((kind, None))) for kind in svc.DOSSIER_DOCUMENT_KINDS]
    checklist = svc.dossier_checklist(dossier, nominees=nominees, documents=documents)
    return nominees, dossier_documents, checklist


# --- unit head -------------------------------------------------------------------------------------------------

@login_required
@asks("awards.use_portal", "awards.oversee_campaign")
def home(request):
    if not may(request.user, "awards.use_portal"):
        if may(request.user, "awards.oversee_campaign"):
            return redirect("portal:office_dossiers")
        raise Http404
    unit, campaign = _unit_head_or_404(request)
    now = timezone.now()
    extension = deadlines.latest_extension(campaign, unit)
    registrations = dossier_page.registrations(campaign, unit)
    unit_registration = next((r for r in registrations if r.staff_id is None), None)
    plan_version = dossier_page.plan_version(campaign, unit)
    dossier = _own_dossiers(request.user).filter(campaign=campaign).order_by().first()  # one a campaign and unit
    nominees, checklist, comments, reasons = [], [], [], []
    if dossier:
        dossier.campaign, dossier.unit = campaign, unit
        nominees, _, checklist = dossier_parts(dossier)
        comments = dossier_page.comments(dossier, open_only=True)
        # The office's word that still applies: the reason of the latest transition, if the office gave one.
        latest = next(iter(transitions_list(dossier)), None)
        reasons = [latest] if latest and latest.reason and latest.to_state in OFFICE_DECISIONS else []
    return render(request, "portal/home.html", {
        "campaign": campaign, "unit": unit, "now": now,
        "closes": deadlines.deadline_for(campaign, unit, extension=extension),
        "days_left": deadlines.days_left(campaign, unit, now=now, extension=extension),
        "extension": extension if extension and extension.until > deadlines.end_of_day(campaign.dossier_deadline) else None,
        "unit_registration": unit_registration, "individual_count": sum(1 for r in registrations if r.staff_id),
        "plan_version": plan_version, "dossier": dossier, "nominees": nominees, "checklist": checklist,
        "complete": dossier is not None and all(i.done for i in checklist),
        "comments": comments, "reasons": reasons,
        "submitted": dossier is not None and dossier.first_submitted_at is not None,
        "editable": dossier is not None and dossier.state in svc.EDITABLE_STATES and now <= deadlines.deadline_for(campaign, unit, extension=extension),
    })


@login_required
@rule_required("awards.use_portal", then=("awards.register",))
def registration(request):
    """The unit's registration and its individuals'; each of the two forms posts with its own prefix."""
    unit, campaign = _unit_head_or_404(request)
    bound = request.POST if request.method == "POST" else None
    which = request.POST.get("which") if bound else None
    unit_form = forms.UnitRegistrationForm(bound if which == "unit" else None, campaign=campaign, prefix="unit")
    person_form = forms.IndividualRegistrationForm(bound if which == "person" else None, campaign=campaign, unit=unit, prefix="person")
    form = {"unit": unit_form, "person": person_form}.get(which)
    if form is not None and form.is_valid():
        try:
            reg = svc.register(campaign, unit, award_kind=form.cleaned_data["award_kind"], actor=request.user,
                               staff=form.cleaned_data.get("staff"))
        except ValidationError as exc:
            refusal(request, exc)
        else:
            messages.success(request, f"Đã đăng ký thi đua cho {reg}: {reg.award_kind.name}.")
            return redirect("portal:registration")
    registrations = list(Registration.objects.filter(campaign=campaign, unit=unit).select_related("staff", "award_kind", "registered_by"))
    return render(request, "portal/registration.html", {
        "campaign": campaign, "unit": unit, "unit_form": unit_form, "person_form": person_form,
        "unit_registration": next((r for r in registrations if r.staff_id is None), None),
        "individuals": [r for r in registrations if r.staff_id],
        "closed": deadlines.deadline_passed(campaign, unit),
    })


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.register",))
def registration_cancel(request, pk):
    unit, campaign = _unit_head_or_404(request)
    reg = get_object_or_404(Registration.objects.select_related("campaign", "unit", "staff"), pk=pk, unit=unit)
    try:
        svc.cancel_registration(reg, actor=request.user)
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, f"Đã hủy đăng ký của {reg}.")
    return redirect("portal:registration")


@login_required
@rule_required("awards.use_portal", then=("awards.edit_dossier",))
def plan(request):
    unit, campaign = _unit_head_or_404(request)
    form = forms.UploadForm()
    if request.method == "POST":
        form = forms.UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = svc.upload_unit_plan(campaign, unit, form.cleaned_data["file"], actor=request.user)
            except ValidationError as exc:
                refusal(request, exc)
            else:
                messages.success(request, f"Đã lưu kế hoạch «{version.original_name}» (phiên bản {version.number}).")
                return redirect("portal:plan")
    document = Document.objects.filter(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN).prefetch_related(versions_prefetch()).first()
    return render(request, "portal/plan.html", {
        "campaign": campaign, "unit": unit, "form": form, "document": document,
        "versions": list(document.versions.all()) if document else [], "closed": deadlines.deadline_passed(campaign, unit),
    })


@login_required
@rule_required("awards.use_portal")
def dossier_current(request):
    unit, campaign = _unit_head_or_404(request)
    dossier = svc.get_or_create_dossier(campaign, unit)
    return redirect("portal:dossier", pk=dossier.pk)


@login_required
@rule_required("awards.use_portal")
def dossier(request, pk):
    dossier = get_object_or_404(_own_dossiers(request.user).select_related("campaign", "unit"), pk=pk)
    nominees, dossier_documents, checklist = dossier_parts(dossier)
    campaign, unit = dossier.campaign, dossier.unit
    closed = deadlines.deadline_passed(campaign, unit)
    editable = dossier.state in svc.EDITABLE_STATES and not closed
    return render(request, "portal/dossier.html", {
        "dossier": dossier, "campaign": campaign, "unit": unit, "nominees": nominees,
        "dossier_documents": dossier_documents, "checklist": checklist,
        "complete": all(i.done for i in checklist), "closed": closed, "editable": editable,
        "closes": deadlines.deadline_for(campaign, unit),
        "collective_form": forms.CollectiveNomineeForm(campaign=campaign, unit=unit, prefix="collective") if editable else None,
        "individual_form": forms.IndividualNomineeForm(campaign=campaign, unit=unit, prefix="individual") if editable else None,
        "upload_form": forms.UploadForm() if editable else None,
        "history": transitions_list(dossier),
        "comments": dossier_page.comments(dossier), "upload_accept": files.ACCEPT,
    })


NOMINEE_FORMS = {"tap-the": (forms.CollectiveNomineeForm, "collective"), "ca-nhan": (forms.IndividualNomineeForm, "individual")}


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.edit_dossier",))
def nominee_add(request, pk, target):
    dossier = get_object_or_404(_own_dossiers(request.user).select_related("campaign", "unit"), pk=pk)
    if target not in NOMINEE_FORMS:
        raise Http404
    form_class, prefix = NOMINEE_FORMS[target]
    form = form_class(request.POST, campaign=dossier.campaign, unit=dossier.unit, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("portal:dossier", pk=dossier.pk)
    try:
        nominee = svc.add_nominee(
            dossier, award_kind=form.cleaned_data["award_kind"], actor=request.user,
            staff=form.cleaned_data.get("staff"), collective=form.cleaned_data.get("collective"),
            achievement=form.cleaned_data["achievement"],
        )
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, f"Đã thêm {nominee.name} ({nominee.award_kind.short_name}). Hãy tải báo cáo thành tích lên.")
    return redirect("portal:dossier", pk=dossier.pk)


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.edit_dossier",))
def nominee_remove(request, pk):
    nominee = get_object_or_404(nominees_for(request.user).filter(dossier__in=_own_dossiers(request.user)).select_related("dossier", "staff", "unit"), pk=pk)
    try:
        svc.remove_nominee(nominee, actor=request.user)
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, f"Đã bỏ {nominee.name} khỏi hồ sơ.")
    return redirect("portal:dossier", pk=nominee.dossier_id)


def _upload(request, do_upload, back):
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        version = do_upload(form.cleaned_data["file"])
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, f"Đã lưu «{version.original_name}» (phiên bản {version.number}).")
    return redirect(back)


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.edit_dossier",))
def dossier_upload(request, pk, kind):
    dossier = get_object_or_404(_own_dossiers(request.user).select_related("campaign", "unit"), pk=pk)
    if kind not in svc.DOSSIER_DOCUMENT_KINDS:
        raise Http404
    return _upload(request, lambda f: svc.upload_dossier_document(dossier, kind, f, actor=request.user),
                   reverse("portal:dossier", args=[dossier.pk]))


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.edit_dossier",))
def report_upload(request, pk):
    nominee = get_object_or_404(Nominee.objects.filter(dossier__in=_own_dossiers(request.user)).select_related("dossier"), pk=pk)
    return _upload(request, lambda f: svc.upload_achievement_report(nominee, f, actor=request.user),
                   reverse("portal:dossier", args=[nominee.dossier_id]))


@login_required
@require_POST
@rule_required("awards.use_portal", then=("awards.submit_dossier",))
def dossier_submit(request, pk):
    dossier = get_object_or_404(_own_dossiers(request.user), pk=pk)
    try:
        change = svc.submit_dossier(dossier, actor=request.user)
    except ValidationError as exc:
        refusal(request, exc)
    else:
        verb = "nộp lại" if change.to_state == DossierState.RESUBMITTED else "nộp"
        messages.success(request, f"Đã {verb} hồ sơ. Văn phòng Sở sẽ xem xét và báo kết quả qua thư điện tử.")
    return redirect("portal:dossier", pk=dossier.pk)


@login_required
@rule_required("awards.view_document")
def document(request, pk):
    """One document's versions, newest first (a replaced file is kept and stays downloadable)."""
    doc = get_object_or_404(
        documents_for(request.user).select_related("unit", "campaign", "dossier", "nominee__staff", "nominee__unit")
        .prefetch_related(versions_prefetch()), pk=pk,
    )
    return render(request, "portal/document.html", {"document": doc, "versions": list(doc.versions.all()),
                                                    "office": may(request.user, "awards.oversee_campaign")})
