"""Exports too big for a request (more than JOB_INLINE_MAX_ROWS rows, as the report counts them through the
registry) are written by the worker (campaigns/ops/jobs.py): the person confirms, follows the progress page and downloads
the file when it is done. The rows are read through the owner's own selector when the job runs, exactly as the
inline download would."""

from django.conf import settings
from django.http import Http404

from campaigns.excel.exporters import EXPORTS, export, export_rows, filename
from campaigns.models import Campaign
from campaigns.ops.jobs import JobError, JobOutput, start_job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT = "campaigns.excel.jobs.export_job"

__all__ = ["export_rows", "needs_job", "start_export", "export_job"]


def needs_job(rows: int) -> bool:
    return rows > settings.JOB_INLINE_MAX_ROWS


def start_export(*, user, what, campaign, rows):
    return start_job(
        owner=user, handler=EXPORT, params={"what": what, "campaign": campaign.pk}, total=rows,
        title=f"{EXPORTS[what].label} ({rows:,} dòng) – {campaign.code}".replace(",", "."),
    )


def export_job(job, progress) -> JobOutput:
    campaign = Campaign.objects.filter(pk=job.params["campaign"]).select_related("organisation").first()
    if campaign is None:
        raise JobError("Phong trào thi đua của báo cáo này không còn nữa.")
    what = job.params["what"]
    if what not in EXPORTS:
        raise JobError("Báo cáo này không còn được cung cấp.")
    try:
        data = export(what, campaign=campaign, user=job.owner)
    except Http404:
        raise JobError("Bạn không còn quyền xem báo cáo này.") from None
    progress(job.total, job.total)
    return JobOutput(filename(what, campaign), data, XLSX)
