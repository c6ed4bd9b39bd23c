"""Long work done by the worker instead of inside a request: a certificate batch, a big export.

A caller starts a job with `start_job(owner=…, title=…, handler="awards.jobs.certificates", params={…})` and sends
the person to the job's page (`ops:job`), whose progress bar updates itself. The worker calls the handler as
`handler(job, progress)`; the handler calls `progress(done, total)` as it goes and returns a `JobOutput` (the file
to download), or None when what it did is shown elsewhere: then `params["page"]` names that page (an Excel
import's), which the job's page links to and a retry returns to. A handler refuses with `JobError("Vietnamese
reason")`; any other exception fails the job with a general Vietnamese message (the details go to the log). A
failed job can be started again by its owner."""

import logging
import traceback
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from campaigns.ops.models import Job, JobState

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A reason, in Vietnamese, that the job could not be done (shown to its owner as it is)."""


@dataclass
class JobOutput:
    name: str              # the file name the person downloads (may be Vietnamese)
    content: bytes
    content_type: str


def start_job(*, owner, title: str, handler: str, params: dict | None = None, total: int = 0) -> Job:
    """Record the job and hand it to the worker once the transaction commits.

    The same work asked again by the same person while it is still waiting or running (a second click, a page
    sent twice) is not started twice: that job is returned. Asking is serialised on the owner's row, so two
    requests at the same moment cannot both start it."""
    import_string(handler)  # a wrong path fails here, in the request, not later in the worker
    params = params or {}
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=owner.pk).exists()
        pending = [job for job in Job.objects.filter(
            owner=owner, handler=handler, state__in=[JobState.QUEUED, JobState.RUNNING]) if job.params == params]
        if pending:
            return pending[0]
        job = Job.objects.create(owner=owner, title=title[:300], handler=handler, params=params, total=total)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def retry_job(job: Job, *, actor) -> Job:
    """Start a failed job again (its owner's button)."""
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
            state=JobState.QUEUED, error="", done=0, started_at=None, finished_at=None,
        )
        if updated:
            transaction.on_commit(lambda: _enqueue(job.pk))
    job.refresh_from_db()
    return job


def _enqueue(job_id):
    run_job.enqueue(str(job_id))


@task()
def run_job(job_id: str) -> str:
    """The worker's task: run one job (see run)."""
    return run(job_id)


def progress_reporter(job_id):
    """The `progress(done, total=None)` a handler is given: it writes the job's row, which its page polls."""

    def report(done: int, total: int | None = None):
        fields = {"done": done}
        if total is not None:
            fields["total"] = total
        Job.objects.filter(pk=job_id).update(**fields)
    return report


def run(job_id) -> str:
    """What the worker does with one job: claim it, run its handler, keep its file or its reason."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(state=JobState.RUNNING, started_at=now)
    if not claimed:
        return "skipped"  # already done, running elsewhere, or gone
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    try:
        output = import_string(job.handler)(job, progress_reporter(job.pk))
        if output is not None:
            job.result.save(output.name, ContentFile(output.content), save=False)
    except JobError as exc:
        _fail(job, str(exc))
        return JobState.FAILED
    except Exception:  # noqa: BLE001  (any failure must reach the owner as a reason, never a stuck bar)
        logger.error("Job %s (%s) failed:\n%s", job.pk, job.handler, traceback.format_exc())
        _fail(job, "Lỗi hệ thống khi thực hiện việc này. Hãy bấm «Chạy lại»; nếu vẫn lỗi, hãy báo quản trị hệ thống.")
        return JobState.FAILED
    file = {"result": job.result.name, "result_name": output.name, "result_type": output.content_type} if output else {}
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE, done=F("total"), finished_at=timezone.now(), **file)
    return JobState.DONE


def _fail(job, reason):
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=reason, finished_at=timezone.now())
