"""Awards' background jobs (run by the worker through campaigns/ops/jobs.py): a batch of Giấy khen too big for a request.

The lines are read again through the owner's own selector when the job runs, so the file holds exactly what the
person may print at that moment. Pages are rendered in chunks (WeasyPrint is fastest on batches of pages) and
joined with pypdf; progress is reported after each chunk."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError

from awards.models import Decision, DocumentType
from awards.pdf import certificates_pdf
from awards.selectors import decision_lines_for
from campaigns.ops.jobs import JobError, JobOutput, start_job

CHUNK = 50
CERTIFICATES = "awards.jobs.certificates"


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
