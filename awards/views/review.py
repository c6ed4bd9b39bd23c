"""The Director's reading before signing: the decision as it will be printed (the PDF inline and the list with the
money and the total in words), the Tờ trình and the minutes it rests on, and what changed since they last looked;
then approve with a signing date or return with a reason (awards.services.decisions, as everywhere). The admin's
approve button and bulk action lead here too. `?tiep=3,4` carries the rest of a bulk selection: after signing,
the next one is shown."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from awards import jobs, pdf
from awards.models import Decision, DecisionReading, DecisionState, DocumentType
from awards.rules import rule_required
from awards.selectors import decisions_for
from awards.services import approval
from awards.views.common import pdf_response
from awards.views.common import show_errors as _errors
from campaigns.params import parse_id
from campaigns.scope import reverse_in
from campaigns.security.csp import frame_in_own_pages

FIELDS = {"name": "tên", "position": "chức vụ", "unit": "đơn vị", "target": "đối tượng", "amount": "số tiền"}


def _decision(request, pk):
    return get_object_or_404(
        decisions_for(request.user).select_related("campaign__organisation", "award_kind", "meeting", "replaces"), pk=pk,
    )


def _queue(request):
    raw = request.POST.get("tiep") if request.method == "POST" else request.GET.get("tiep")
    ids = []
    for part in (raw or "").split(","):
        pk = parse_id(part)
        if pk:
            ids.append(pk)
    return ids


def snapshot_of(decision) -> dict:
    return {
        str(line.nominee_id): {
            "name": line.recipient_name, "position": line.position, "unit": line.unit_name,
            "target": line.get_target_display(), "amount": None if line.amount is None else int(line.amount),
        }
        for line in decision.lines.order_by("order")
    }


def changes_between(old: dict, new: dict) -> dict:
    """Lines added, removed and changed (field by field) from one snapshot of the list to another."""
    added = [new[k]["name"] for k in new if k not in old]
    removed = [old[k]["name"] for k in old if k not in new]
    changed = []
    for key in new:
        if key in old:
            diffs = [f"{label}: «{old[key].get(field) or '—'}» → «{new[key].get(field) or '—'}»"
                     for field, label in FIELDS.items() if old[key].get(field) != new[key].get(field)]
            if diffs:
                changed.append({"name": new[key]["name"], "diffs": diffs})
    return {"added": added, "removed": removed, "changed": changed, "any": bool(added or removed or changed)}


def _proposal_of(decision):
    if decision.doc_type == DocumentType.PROPOSAL:
        return None
    return (
        Decision.objects.filter(campaign=decision.campaign, doc_type=DocumentType.PROPOSAL)
        .exclude(state=DecisionState.REJECTED).order_by("-created_at", "-pk").first()
    )


@login_required
@rule_required("awards.approve_decision")
def review(request, pk):
    decision = _decision(request, pk)
    now = timezone.now()
    current = snapshot_of(decision)
    reading = DecisionReading.objects.filter(decision=decision, user=request.user).first()
    changes = changes_between(reading.snapshot, current) if reading else None
    last_seen = reading.seen_at if reading else None
    DecisionReading.objects.update_or_create(decision=decision, user=request.user, defaults={"seen_at": now, "snapshot": current})
    context = pdf.decision_context(decision)
    queue = _queue(request)
    return render(request, "decisions/review.html", {
        "decision": decision, "ctx": context, "rows": context["collectives"] + context["individuals"],
        "long_document": jobs.long_document(len(context["collectives"]) + len(context["individuals"])),
        "changes": changes, "last_seen": last_seen, "today": timezone.localdate(),
        "editable": decision.state == DecisionState.DRAFT, "proposal": _proposal_of(decision),
        "queue": ",".join(str(q) for q in queue), "queue_len": len(queue),
    })


@xframe_options_sameorigin
@login_required
@rule_required("awards.approve_decision")
def preview_pdf(request, pk):
    """The decision as it will be printed, to show inline on the review page (same origin only). A long list is not
    rendered here (the review page offers the worker's file instead): this sends to the PDF's own page, which does."""
    decision = _decision(request, pk)
    if jobs.long_document(decision.lines.count()):
        return redirect("decisions:pdf", pk=decision.pk)
    return frame_in_own_pages(pdf_response(pdf.decision_pdf(decision), f"xem-truoc-{decision.pk}.pdf"))


def _next(request, decision):
    queue = [pk for pk in _queue(request) if pk != decision.pk]
    if queue:
        # The next draft may be of another campaign (a bulk selection in the admin): its page is in its campaign,
        # which checks who may read it.
        following = Decision.objects.select_related("campaign").filter(pk=queue[0]).first()
        if following is not None:
            return redirect(review_url(following, queue[1:]))
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.approve_decision")
def approve(request, pk):
    decision = _decision(request, pk)
    raw = request.POST.get("signed_on", "")
    try:
        signed_on = dt.date.fromisoformat(raw)
    except ValueError:
        messages.error(request, "Ngày ký không hợp lệ: chọn ngày theo dạng ngày/tháng/năm.")
        return redirect(reverse("decisions:review", args=[decision.pk]) + (f"?tiep={request.POST.get('tiep')}" if request.POST.get("tiep") else ""))
    try:
        decision = approval.approve_decision(decision, actor=request.user, signed_on=signed_on)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return redirect("decisions:review", pk=decision.pk)
    messages.success(request, f"Đã ký ban hành {decision} ngày {decision.signed_on:%d/%m/%Y}.")
    return _next(request, decision)


@require_POST
@login_required
@rule_required("awards.approve_decision")
def reject(request, pk):
    decision = _decision(request, pk)
    try:
        approval.reject_decision(decision, actor=request.user, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return redirect("decisions:review", pk=decision.pk)
    messages.success(request, f"Đã trả lại {decision} cho Văn phòng, kèm lý do.")
    return _next(request, decision)


def review_url(decision, queue=()) -> str:
    """The review page of `decision`, in its campaign (from anywhere: the admin, another campaign's page)."""
    rest = ",".join(str(q) for q in queue)
    return reverse_in(decision.campaign, "decisions:review", args=[decision.pk]) + (f"?tiep={rest}" if rest else "")
