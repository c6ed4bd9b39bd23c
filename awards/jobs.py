"""Awards' background jobs (run by the worker through campaigns/ops/jobs.py): documents too big for a request.

- a batch of Giấy khen (more than JOB_INLINE_MAX_PAGES): pages rendered in chunks (WeasyPrint is fastest on
  batches of pages) and joined with pypdf; progress after each chunk;
- a Quyết định or Tờ trình with its list, and the council's Biên bản, whose list has more than
  JOB_INLINE_MAX_LINES lines (half a minute for 1,000): progress as WeasyPrint lays out the pages;
- the electronic document of an approved decision that the Director signs (the same verb as in a request,
  `signing.document_for_signing`, which stores it once: the file downloaded from the job is those bytes).

What a job prints is read again through the owner's own selector when it runs, so the file holds exactly what the
person may see at that moment."""

import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.models import Decision, DocumentType
from awards.pdf import certificates_pdf, decision_filename, decision_pdf, minutes_filename, minutes_pdf
from awards.selectors import decision_lines_for, decisions_for, meetings_for
from awards.services import signing
from campaigns import formatting
from campaigns.ops.jobs import JobError, JobOutput, start_job

CHUNK = 50
CERTIFICATES = "awards.jobs.certificates"
DECISION = "awards.jobs.decision_document"
SIGNING = "awards.jobs.signing_document"
MINUTES = "awards.jobs.minutes_document"
PDF = "application/pdf"


def _lines(user, decision_id):
    return decision_lines_for(user).filter(decision__doc_type=DocumentType.DECISION, decision_id=decision_id)


def certificates_filename(decision) -> str:
    return f"giay-khen-qd-{decision.number}-{decision.number_year}.pdf"


def needs_job(count: int) -> bool:
    return count > settings.JOB_INLINE_MAX_PAGES


def start_certificates(*, user, decision, count):
    return start_job(
        owner=user, handler=CERTIFICATES, params={"decision": decision.pk}, total=count,
        title=f"{count} Giấy khen của Quyết định số {decision.number_text}",
    )


def certificates(job, progress) -> JobOutput:
    from pypdf import PdfWriter  # noqa: PLC0415 — loaded only in the worker, when a batch is joined

    decision = Decision.objects.filter(pk=job.params["decision"]).first()
    line_ids = list(_lines(job.owner, job.params["decision"]).order_by("order").values_list("pk", flat=True))
    if decision is None or not line_ids:
        raise JobError("Không còn Giấy khen nào bạn được in trong quyết định này (quyết định đã bị thay thế hoặc quyền đã thay đổi).")
    progress(0, len(line_ids))
    writer = PdfWriter()
    for start in range(0, len(line_ids), CHUNK):
        chunk = decision.lines.filter(pk__in=line_ids[start:start + CHUNK])
        try:
            pdf = certificates_pdf(decision, chunk)
        except ValidationError as exc:
            raise JobError(" ".join(exc.messages)) from exc
        writer.append(io.BytesIO(pdf))
        progress(min(start + CHUNK, len(line_ids)))
    out = io.BytesIO()
    writer.write(out)
    return JobOutput(certificates_filename(decision), out.getvalue(), "application/pdf")


# ------------------------------------------------------------------------------- documents with a long list

def long_document(lines: int) -> bool:
    """Whether a document with a list of this many lines is rendered by the worker rather than in the request."""
    return lines > settings.JOB_INLINE_MAX_LINES


def _count(lines: int) -> str:
    return f"{formatting.number(lines)} dòng"


def start_decision_document(*, user, decision, lines):
    return start_job(owner=user, handler=DECISION, params={"decision": decision.pk}, total=100,
                     title=f"{decision} ({_count(lines)}), bản PDF")


def start_signing_document(*, user, decision, lines):
    return start_job(owner=user, handler=SIGNING, params={"decision": decision.pk}, total=100,
                     title=f"{decision} ({_count(lines)}), văn bản điện tử để ký số")


def start_minutes_document(*, user, meeting, lines):
    return start_job(owner=user, handler=MINUTES, params={"meeting": meeting.pk}, total=100,
                     title=f"Biên bản họp Hội đồng ngày {timezone.localtime(meeting.held_at):%d/%m/%Y} ({_count(lines)}), bản PDF")


def _decision_of(job):
    decision = decisions_for(job.owner).select_related("award_kind").filter(pk=job.params["decision"]).first()
    if decision is None:
        raise JobError("Bạn không còn quyền xem văn bản này, hoặc văn bản đã bị xóa.")
    return decision


def decision_document(job, progress) -> JobOutput:
    decision = _decision_of(job)
    return JobOutput(decision_filename(decision), decision_pdf(decision, progress=progress), PDF)


def signing_document(job, progress) -> JobOutput:
    decision = _decision_of(job)
    try:
        doc = signing.document_for_signing(decision, actor=job.owner, progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        raise JobError(" ".join(getattr(exc, "messages", None) or [str(exc)])) from exc
    with doc.unsigned_file.open("rb") as f:
        data = f.read()
    return JobOutput(decision_filename(decision, "chua-ky"), data, PDF)


def minutes_document(job, progress) -> JobOutput:
    meeting = meetings_for(job.owner).filter(pk=job.params["meeting"]).first()
    if meeting is None:
        raise JobError("Bạn không còn quyền xem biên bản này, hoặc cuộc họp đã bị xóa.")
    return JobOutput(minutes_filename(meeting), minutes_pdf(meeting, progress=progress), PDF)


# ------------------------------------------------------------------------------- signing every Giấy khen

SIGN_CERTIFICATES = "awards.jobs.sign_certificates"
SEAL_CERTIFICATES = "awards.jobs.seal_certificates"


def start_certificate_signing(*, user, decision, count, page, seal=False):
    """The Director's signature (or the văn thư's seal) on each Giấy khen of a batch of more than
    JOB_INLINE_MAX_PAGES: each is rendered and signed on its own, so a batch of 1,000 takes minutes."""
    what = "Văn thư ký số cơ quan cho" if seal else "Giám đốc ký số"
    return start_job(owner=user, handler=SEAL_CERTIFICATES if seal else SIGN_CERTIFICATES, total=count,
                     params={"decision": decision.pk, "page": page},
                     title=f"{what} {formatting.number(count)} Giấy khen của {decision}")


def _sign_each(job, progress, verb):
    decision = _decision_of(job)
    try:
        verb(decision, actor=job.owner, progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        raise JobError(" ".join(getattr(exc, "messages", None) or [str(exc)])) from exc
    # No file: the signed Giấy khen are on the decision's page (params["page"], «Xem kết quả»).


def sign_certificates(job, progress) -> None:
    _sign_each(job, progress, signing.sign_certificates_as_director)


def seal_certificates(job, progress) -> None:
    _sign_each(job, progress, signing.seal_certificates)
