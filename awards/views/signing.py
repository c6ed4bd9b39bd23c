"""Pages of digital signing: on a decision's page the Director signs (server certificate) or downloads the unsigned
document and uploads it signed by their own tool, and the office (văn thư) adds the organisation's signature; the
public verification page judges an uploaded PDF. Thin: everything goes through awards.services.signing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from awards import jobs
from awards.models import DecisionState, DocumentType, SignedDocument, SigningState
from awards.pdf import decision_filename
from awards.rules import public, rule_required
from awards.selectors import decision_lines_for, decisions_for
from awards.services import signing
from awards.services.files import _megabytes
from awards.signing import config
from awards.views.common import long_document_page


def _decision(request, pk):
    return get_object_or_404(decisions_for(request.user).select_related("campaign__organisation"), pk=pk)


def _errors(request, exc):
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def _pdf(data: bytes, filename: str, *, inline=False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def _filename(decision, suffix):
    return decision_filename(decision, suffix)


def _needs_preparing(decision, lines: int | None = None) -> bool:
    """A long document not yet rendered for signing: the worker renders it (awards.jobs.signing_document)."""
    if signing.stored_document(decision) is not None:
        return False
    return jobs.long_document(decision.lines.count() if lines is None else lines)


def signing_context(decision, user, *, lines: int | None = None) -> dict:
    """What the decision page shows of signing (decisions/_signing.html)."""
    doc = SignedDocument.objects.filter(decision=decision, line__isnull=True).first()
    certificates = {}
    if decision.doc_type == DocumentType.DECISION:
        for state in SignedDocument.objects.filter(decision=decision, line__isnull=False).values_list("state", flat=True):
            certificates[state] = certificates.get(state, 0) + 1
    return {
        "signed_doc": doc,
        "needs_preparing": doc is None and decision.state == DecisionState.APPROVED and _needs_preparing(decision, lines),
        "issued_line_ids": set(SignedDocument.objects.filter(decision=decision, line__isnull=False, state=SigningState.ISSUED)
                               .values_list("line_id", flat=True)) if certificates else set(),
        "certificates_signed": certificates.get(SigningState.SIGNER_SIGNED, 0),
        "certificates_issued": certificates.get(SigningState.ISSUED, 0),
        "server_org_cert": config.has_server_certificate(config.ORGANISATION),
        "can_sign": signing.can_sign(user), "can_seal": signing.can_seal(user),
        "can_prepare": signing.can_prepare(user),
        "server_director_cert": config.has_server_certificate(config.DIRECTOR),
        "upload_max_mb": _megabytes(settings.UPLOAD_MAX_BYTES),
    }


NOT_PREPARED = ("Văn bản điện tử của {decision} chưa được lập: danh sách dài nên máy chủ lập riêng. "
                "Hãy bấm «Lập văn bản điện tử để ký số» rồi ký khi việc đó xong.")


@login_required
@rule_required("awards.view_decision", then=("awards.prepare_signing",))
@require_http_methods(["GET", "POST"])
def unsigned_pdf(request, pk):
    """The document to sign, rendered once (the Director's own tool signs exactly these bytes). A long list not yet
    rendered is rendered by the worker: GET says so, the button's POST starts the job, whose file is those bytes."""
    decision = _decision(request, pk)
    if _needs_preparing(decision):
        if request.method != "POST":
            return long_document_page(
                request, title=f"{decision}: văn bản điện tử để ký số", lines=decision.lines.count(),
                back=reverse("decisions:detail", args=[decision.pk]), button="Lập văn bản điện tử để ký số")
        job = jobs.start_signing_document(user=request.user, decision=decision, lines=decision.lines.count())
        return redirect("ops:job", pk=job.pk)
    try:
        doc = signing.document_for_signing(decision, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("decisions:detail", pk=decision.pk)
    with doc.unsigned_file.open("rb") as f:
        return _pdf(f.read(), _filename(decision, "chua-ky"))


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.prepare_signing", "awards.sign_decision"))
def sign_director(request, pk):
    decision = _decision(request, pk)
    if _needs_preparing(decision):
        messages.error(request, NOT_PREPARED.format(decision=decision))
        return redirect("decisions:detail", pk=decision.pk)
    try:
        doc = signing.document_for_signing(decision, actor=request.user)
        signing.sign_as_director(doc, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ký số {decision}. Văn thư ký số của cơ quan để phát hành.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.prepare_signing", "awards.sign_decision"))
def upload_signed(request, pk):
    decision = _decision(request, pk)
    if _needs_preparing(decision):
        messages.error(request, NOT_PREPARED.format(decision=decision))
        return redirect("decisions:detail", pk=decision.pk)
    try:
        doc = signing.document_for_signing(decision, actor=request.user)
        signing.accept_director_signed(doc, actor=request.user, uploaded=request.FILES.get("file"))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã nhận văn bản {decision} có chữ ký số của người có thẩm quyền.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.prepare_signing", "awards.seal_decision"))
def seal(request, pk):
    decision = _decision(request, pk)
    if _needs_preparing(decision):
        messages.error(request, NOT_PREPARED.format(decision=decision))
        return redirect("decisions:detail", pk=decision.pk)
    try:
        doc = signing.document_for_signing(decision, actor=request.user)
        signing.seal_document(doc, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ký số của cơ quan: {decision} được phát hành.")
    return redirect("decisions:detail", pk=decision.pk)


@login_required
@rule_required("awards.view_decision")
def signed_pdf(request, pk):
    decision = _decision(request, pk)
    doc = SignedDocument.objects.filter(decision=decision, line__isnull=True, state=SigningState.ISSUED).first()
    if doc is None:
        raise Http404
    with doc.signed_file.open("rb") as f:
        return _pdf(f.read(), _filename(decision, "da-ky-so"))


@public
def verify_file(request):
    """Public: judge an uploaded PDF by its content. Shows only what the document itself prints."""
    verdict, error = None, None
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None or not uploaded.size:
            error = "Hãy chọn tệp PDF văn bản điện tử cần kiểm tra."
        elif uploaded.size > settings.UPLOAD_MAX_BYTES:
            error = (f"Tệp nặng {_megabytes(uploaded.size, up=True)} MB, vượt giới hạn {_megabytes(settings.UPLOAD_MAX_BYTES)} MB: "
                     "không phải văn bản do Sở phát hành.")
        else:
            try:
                verdict = signing.verify_pdf(b"".join(uploaded.chunks()))
            except ValidationError as exc:
                error = " ".join(exc.messages)
    return render(request, "decisions/verify.html", {
        "state": "file", "verdict": verdict, "file_error": error,
        "verdict_lines": verdict.lines() if verdict else [],
    }, status=200)


def _certificates_job(request, decision, *, seal):
    count = decision.lines.count()
    if not jobs.needs_job(count) or decision.doc_type != DocumentType.DECISION:
        return None
    return jobs.start_certificate_signing(user=request.user, decision=decision, count=count, seal=seal,
                                          page=reverse("decisions:detail", args=[decision.pk]) + "#ky-so")


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.sign_decision",))
def sign_certificates(request, pk):
    """The Director signs every Giấy khen of the decision (one electronic file per awardee); more than
    JOB_INLINE_MAX_PAGES of them, in the worker."""
    decision = _decision(request, pk)
    if (job := _certificates_job(request, decision, seal=False)) is not None:
        return redirect("ops:job", pk=job.pk)
    try:
        docs = signing.sign_certificates_as_director(decision, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ký số {len(docs)} Giấy khen. Văn thư ký số của cơ quan để phát hành.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
@rule_required("awards.view_decision", then=("awards.seal_decision",))
def seal_certificates(request, pk):
    decision = _decision(request, pk)
    if (job := _certificates_job(request, decision, seal=True)) is not None:
        return redirect("ops:job", pk=job.pk)
    try:
        docs = signing.seal_certificates(decision, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ký số của cơ quan: {len(docs)} Giấy khen được phát hành.")
    return redirect("decisions:detail", pk=decision.pk)


@login_required
@rule_required("awards.view_decisionline")
def signed_certificate_pdf(request, line_pk):
    """One awardee's electronic Giấy khen, for whoever may print that certificate."""
    line = get_object_or_404(decision_lines_for(request.user).filter(decision__doc_type=DocumentType.DECISION), pk=line_pk)
    doc = SignedDocument.objects.filter(line=line, state=SigningState.ISSUED).select_related("decision").first()
    if doc is None:
        raise Http404
    with doc.signed_file.open("rb") as f:
        return _pdf(f.read(), f"giay-khen-so-so-vang-{line.order}-{doc.decision.number_year}-da-ky-so.pdf")
