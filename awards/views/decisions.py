"""Pages of the decisions area: drafting and correcting decisions, the Director's approval (also in the admin),
PDF downloads and certificates. Thin: every change goes through awards.services.decisions."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from awards import jobs, pdf
from awards.models import (
    AwardLevel,
    CampaignAward,
    Decision,
    DecisionLine,
    DecisionState,
    DocumentType,
)
from awards.rules import may, rule_required
from awards.selectors import decision_lines_for, decisions_for
from awards.services import approval
from awards.services import council as council_service
from awards.services import decisions as decision_service
from awards.views.common import (
    campaign_or_404,
    long_document_page,
    pdf_response,
    show_errors,
)
from awards.views.signing import signing_context
from campaigns.params import parse_id

# ---------------------------------------------------------------------------------------------- decisions

@login_required
@rule_required("awards.view_decision")
def decision_list(request):
    campaign = campaign_or_404(request)
    rows = (
        decisions_for(request.user, campaign.decisions.all()).select_related("award_kind", "replaces", "created_by__staff", "decided_by")
        .annotate(n_lines=Count("lines")).order_by("-created_at", "-id")
    )
    kinds = CampaignAward.objects.filter(campaign=campaign).select_related("award_kind").order_by("award_kind__code")
    department_kinds = {a.award_kind for a in kinds if a.award_kind.level == AwardLevel.DEPARTMENT}
    return render(request, "decisions/decision_list.html", {
        "campaign": campaign, "decisions": rows, "office": may(request.user, "awards.draft_decision"),
        "department_kinds": sorted(department_kinds, key=lambda k: k.code),
        "has_province": any(a.award_kind.level == AwardLevel.PROVINCE for a in kinds),
        "meeting": council_service.latest_meeting(campaign),
    })


@require_POST
@login_required
@rule_required("awards.draft_decision")
def draft(request):
    campaign = campaign_or_404(request)
    kind = _department_kind(campaign, request.POST.get("award_kind"))
    try:
        decision = decision_service.draft_decision(campaign, award_kind=kind, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        show_errors(request, exc)
        return redirect("decisions:list")
    messages.success(request, f"Đã lập dự thảo quyết định gồm {decision.lines.count()} đối tượng.")
    return redirect("decisions:detail", pk=decision.pk)


def _department_kind(campaign, kind_id):
    award = (
        CampaignAward.objects.filter(campaign=campaign, award_kind__level=AwardLevel.DEPARTMENT)
        .filter(award_kind_id=parse_id(kind_id)).select_related("award_kind").first()
    )
    if award is None:
        raise Http404
    return award.award_kind


@require_POST
@login_required
@rule_required("awards.draft_decision")
def draft_proposal(request):
    campaign = campaign_or_404(request)
    try:
        decision = decision_service.draft_proposal(campaign, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        show_errors(request, exc)
        return redirect("decisions:list")
    messages.success(request, f"Đã lập dự thảo tờ trình gồm {decision.lines.count()} đối tượng.")
    return redirect("decisions:detail", pk=decision.pk)


def _decision(request, pk):
    return get_object_or_404(
        decisions_for(request.user).select_related("campaign__organisation", "award_kind", "meeting", "replaces", "legal_basis", "decided_by", "created_by"),
        pk=pk,
    )


@login_required
@rule_required("awards.view_decision")
def decision_detail(request, pk):
    decision = _decision(request, pk)
    lines = list(decision.lines.select_related("nominee__staff").order_by("order"))
    return render(request, "decisions/decision_detail.html", {
        "decision": decision, "lines": lines,
        "office": may(request.user, "awards.draft_decision"), "director": may(request.user, "awards.approve_decision"),
        "editable": decision.state == DecisionState.DRAFT, "today": timezone.localdate(),
        "replacement": Decision.objects.filter(replaces=decision).first(),
        "total_lines": len(lines), "long_document": jobs.long_document(len(lines)),
        "certificates_job": jobs.needs_job(len(lines)),
        **signing_context(decision, request.user, lines=len(lines)),
    })


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.draft_decision",))
def line_edit(request, pk, line_pk):
    decision = _decision(request, pk)
    line = get_object_or_404(decision.lines.all(), pk=line_pk)
    fields = {name: request.POST[name] for name in decision_service.LINE_FIELDS if name in request.POST}
    try:
        decision_service.update_line(line, actor=request.user, **fields)
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Đã sửa dòng «{line.recipient_name}».")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.draft_decision",))
def line_remove(request, pk, line_pk):
    decision = _decision(request, pk)
    line = get_object_or_404(decision.lines.all(), pk=line_pk)
    try:
        decision_service.remove_line(line, actor=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Đã bỏ «{line.recipient_name}» khỏi dự thảo.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.draft_decision",))
def decision_delete(request, pk):
    decision = _decision(request, pk)
    try:
        decision_service.delete_decision(decision, actor=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
        return redirect("decisions:detail", pk=decision.pk)
    messages.success(request, "Đã xóa dự thảo.")
    return redirect("decisions:list")


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.draft_decision",))
def decision_replace(request, pk):
    decision = _decision(request, pk)
    try:
        new = approval.replace_decision(decision, actor=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
        return redirect("decisions:detail", pk=decision.pk)
    messages.success(request, f"Đã lập dự thảo thay thế {decision}. Sửa danh sách rồi trình Giám đốc phê duyệt.")
    return redirect("decisions:detail", pk=new.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.approve_decision",))
def decision_approve(request, pk):
    decision = _decision(request, pk)
    try:
        signed_on = dt.date.fromisoformat(request.POST["signed_on"]) if request.POST.get("signed_on") else None
    except ValueError:
        messages.error(request, "Ngày ký không hợp lệ.")
        return redirect("decisions:detail", pk=decision.pk)
    try:
        decision = approval.approve_decision(decision, actor=request.user, signed_on=signed_on)
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Đã ký ban hành {decision}.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.approve_decision",))
def decision_reject(request, pk):
    decision = _decision(request, pk)
    try:
        approval.reject_decision(decision, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, "Đã trả lại dự thảo, kèm lý do.")
    return redirect("decisions:detail", pk=decision.pk)


@login_required
@rule_required("awards.view_decision")
@require_http_methods(["GET", "POST"])
def decision_pdf(request, pk):
    """The Quyết định (or Tờ trình) with its list. A list of more than JOB_INLINE_MAX_LINES lines is rendered by the
    worker: GET shows what will happen and a button, whose POST starts the job and sends to its progress page."""
    decision = _decision(request, pk)
    lines = decision.lines.count()
    if jobs.long_document(lines):
        if request.method != "POST":
            return long_document_page(request, title=str(decision), lines=lines,
                                      back=reverse("decisions:detail", args=[decision.pk]))
        job = jobs.start_decision_document(user=request.user, decision=decision, lines=lines)
        return redirect("ops:job", pk=job.pk)
    return pdf_response(pdf.decision_pdf(decision), pdf.decision_filename(decision))


# ---------------------------------------------------------------------------------------------- certificates

def _visible_lines(user):
    return decision_lines_for(user).filter(decision__doc_type=DocumentType.DECISION)


@login_required
@rule_required("awards.list_certificates")
def certificates(request):
    """The certificates this user may print: all for the office, their unit's for a unit head, their own for staff."""
    lines = (
        _visible_lines(request.user).select_related("decision__award_kind", "decision__campaign")
        .order_by("-decision__signed_on", "decision_id", "order")
    )
    groups = {}
    for line in lines:
        groups.setdefault(line.decision, []).append(line)
    return render(request, "decisions/certificates.html", {
        "groups": list(groups.items()), "inline_max": settings.JOB_INLINE_MAX_PAGES,
    })


@login_required
@rule_required("awards.view_decisionline")
@require_http_methods(["GET", "POST"])
def certificates_pdf(request, pk):
    """All the certificates of one decision that this user may print (a unit head: their own unit's). A batch of
    more than JOB_INLINE_MAX_PAGES is made by the worker: POST starts it and sends the person to its progress page
    (GET sends them to the list, whose button posts)."""
    lines = _visible_lines(request.user).filter(decision_id=pk)
    count = lines.count()
    if not count:
        raise Http404
    decision = Decision.objects.get(pk=pk)
    if jobs.needs_job(count):
        if request.method != "POST":
            messages.info(request, f"{count} Giấy khen được tạo thành tệp ở máy chủ: hãy bấm nút «Tạo tệp».")
            return redirect("decisions:certificates")
        job = jobs.start_certificates(user=request.user, decision=decision, count=count)
        return redirect("ops:job", pk=job.pk)
    try:
        document = pdf.certificates_pdf(decision, lines)
    except ValidationError:
        raise Http404
    return pdf_response(document, f"giay-khen-qd-{decision.number}-{decision.number_year}.pdf")


@login_required
@rule_required("awards.view_decisionline")
def certificate_pdf(request, line_pk):
    line = get_object_or_404(_visible_lines(request.user).select_related("decision"), pk=line_pk)
    try:
        document = pdf.certificates_pdf(line.decision, DecisionLine.objects.filter(pk=line.pk))
    except ValidationError:
        raise Http404
    return pdf_response(document, f"giay-khen-qd-{line.decision.number}-{line.decision.number_year}-so-{line.order}.pdf")
