"""An .xlsx uploaded on the office's Excel page, from the upload to its import; the long parts are done by the worker
(campaigns/ops/jobs.py), never inside a request.

    upload = store_upload(file, user=clerk, kind="org")   # kept on the default storage (file system or S3)
    check_upload(upload, page=url)                        # the worker reads and checks it: the preview
    import_upload(upload, actor=clerk, page=url)          # the worker imports that same file, all or nothing

Each job reports how far it has got (rows read, checked, then the writing: campaigns.excel.importer.Progress) and
leaves its report on the upload for the page (`ExcelUpload.report`). A successful import discards the file; an
import refused because the data changed since the preview keeps it for another try. Uploads older than UPLOAD_TTL
are swept away with their file (at every upload, and by `manage.py purge_orphan_files`)."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from campaigns.excel.importer import run
from campaigns.excel.importers import IMPORTERS
from campaigns.formatting import money
from campaigns.models import ExcelUpload
from campaigns.ops.jobs import JobError, start_job
from campaigns.ops.models import JobState
from campaigns.rules import may

logger = logging.getLogger(__name__)

UPLOAD_TTL = dt.timedelta(hours=24)
PREVIEW_LIMIT = 300  # rows created and rows changed the page lists (every error is listed)
CHECK = "campaigns.excel.uploads.check_job"
IMPORT = "campaigns.excel.uploads.import_job"
STEPS = {CHECK: ("Đọc tệp", "Kiểm tra từng dòng"), IMPORT: ("Đọc tệp", "Kiểm tra từng dòng", "Ghi vào cơ sở dữ liệu")}


class Stage:
    """Where an upload is (`stage_of`)."""

    CHECKING = "checking"    # the worker reads and checks the file
    CHECKED = "checked"      # the preview is ready (with or without errors)
    IMPORTING = "importing"  # the worker imports it
    REFUSED = "refused"      # the import found errors (the data changed since the preview): nothing written, file kept
    IMPORTED = "imported"    # done; the file is discarded
    FAILED = "failed"        # the worker failed; the job says why and can be run again


def stage_of(upload) -> str:
    job = upload.job
    if upload.imported_at is not None:
        return Stage.IMPORTED
    if job is None:
        return Stage.FAILED
    if not job.finished:
        return Stage.CHECKING if job.handler == CHECK else Stage.IMPORTING
    if job.state == JobState.DONE:
        return Stage.CHECKED
    if job.handler == IMPORT and upload.report and upload.report["errors"]:
        return Stage.REFUSED
    return Stage.FAILED


def may_import(upload) -> bool:
    """The file may be imported now: checked without an error, or an earlier import of it failed."""
    if not upload.file or upload.imported_at is not None or upload.job is None or not upload.job.finished:
        return False
    if upload.job.handler == CHECK:
        return upload.job.state == JobState.DONE and bool(upload.report) and not upload.report["errors"]
    return upload.job.state == JobState.FAILED


# --- the person's steps --------------------------------------------------------------------------------------

def store_upload(uploaded, *, user, kind) -> ExcelUpload:
    """Keep an uploaded file on the default storage under a new generated name, as `user`'s, and sweep the old ones."""
    sweep_uploads()
    content = uploaded if isinstance(uploaded, File) else File(uploaded)
    upload = ExcelUpload(owner=user, kind=kind, name=(getattr(uploaded, "name", "") or "tep.xlsx")[:255],
                         size=content.size or 0)
    upload.file.save("tep.xlsx", content, save=False)
    upload.save()
    return upload


def check_upload(upload, *, page: str):
    """Hand the file to the worker for its preview (read and check, nothing written); `page` shows the outcome."""
    title = IMPORTERS[upload.kind].title.lower()
    with transaction.atomic():
        job = start_job(owner=upload.owner, title=f"Kiểm tra tệp nhập {title}: {upload.name}", handler=CHECK,
                        params={"upload": str(upload.pk), "page": page})
        ExcelUpload.objects.filter(pk=upload.pk).update(job=job, report=None)
    upload.job, upload.report = job, None
    return job


def import_upload(upload, *, actor, page: str):
    """Hand the file just checked to the worker to import; None when it may not be imported now (still being
    checked or imported, its check found errors, or already imported: someone was faster)."""
    if upload.owner_id != actor.pk or not may(actor, "campaigns.import_records"):
        raise PermissionDenied("Chỉ người đã tải tệp lên được nhập tệp này.")
    if not may_import(upload):
        return None
    title = IMPORTERS[upload.kind].title.lower()
    with transaction.atomic():
        job = start_job(owner=actor, title=f"Nhập {title}: {upload.name}", handler=IMPORT,
                        params={"upload": str(upload.pk), "page": page})
        # Only if nobody started another job on it meanwhile (a second click, a second tab).
        if not ExcelUpload.objects.filter(pk=upload.pk, job=upload.job).update(job=job):
            transaction.set_rollback(True)
            return None
    upload.job = job
    return job


def sweep_uploads(*, now=None) -> int:
    """Delete the uploads older than UPLOAD_TTL, with their files; returns how many."""
    old = list(ExcelUpload.objects.filter(created_at__lt=(now or timezone.now()) - UPLOAD_TTL))
    for upload in old:
        if upload.file:
            upload.file.delete(save=False)
        upload.delete()
    return len(old)


# --- the worker's jobs ---------------------------------------------------------------------------------------

def _upload_of(job):
    upload = ExcelUpload.objects.filter(pk=job.params["upload"]).first()
    if upload is None or not upload.file:
        raise JobError("Tệp đã tải lên không còn trên máy chủ (tệp chỉ được giữ 24 giờ). Hãy tải tệp lên lại.")
    if upload.kind not in IMPORTERS:
        raise JobError("Loại dữ liệu này không còn được nhập từ Excel.")
    if not may(job.owner, "campaigns.import_records"):
        raise JobError("Bạn không còn quyền nhập dữ liệu.")
    return upload


def _run(job, progress, *, dry_run):
    upload = _upload_of(job)
    with upload.file.open("rb") as fh:
        report = run(IMPORTERS[upload.kind], fh, actor=job.owner, dry_run=dry_run, progress=progress)
    return upload, report


def check_job(job, progress) -> None:
    """The preview: read and check every row, write nothing; the report is kept for the page."""
    upload, report = _run(job, progress, dry_run=True)
    ExcelUpload.objects.filter(pk=upload.pk).update(report=report.as_page(PREVIEW_LIMIT))


def import_job(job, progress) -> None:
    """Import the stored file in one transaction. Errors found now (the data changed since the preview) write
    nothing and fail the job with the report kept and the file kept for another try; success discards the file."""
    upload, report = _run(job, progress, dry_run=False)
    page = report.as_page(PREVIEW_LIMIT)
    if not report.applied:
        ExcelUpload.objects.filter(pk=upload.pk).update(report=page)
        raise JobError(
            f"Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước: tệp nay có {money(len(report.errors))} lỗi nên chưa nhập "
            "dòng nào. Tệp vẫn được giữ: sửa dữ liệu trong hệ thống rồi bấm «Nhập lại tệp này», hoặc sửa tệp rồi tải "
            "lên lại."
        )
    ExcelUpload.objects.filter(pk=upload.pk).update(report=page, imported_at=timezone.now(), file="")
    try:
        upload.file.delete(save=False)
    except Exception:  # noqa: BLE001 (the import is done and must be reported so; a stray file is only space)
        logger.exception("Could not delete the imported upload %s", upload.file.name)
