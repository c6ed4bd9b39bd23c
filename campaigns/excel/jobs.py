"""Exports too big for a request (more than JOB_INLINE_MAX_ROWS rows, as the report counts them through the
registry) are written by the worker (campaigns/ops/jobs.py): the person confirms, follows the progress page and downloads
the file when it is done. The rows are read through the owner's own selector when the job runs, exactly as the
inline download would. The bar moves every 2 % of the rows (campaigns.excel.writer.counting_rows)."""

from django.conf import settings
from django.http import Http404

from campaigns.excel.exporters import EXPORTS, export, export_rows, filename
from campaigns.models import Campaign
from campaigns.ops.jobs import JobError, JobOutput, start_job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT = "campaigns.excel.jobs.export_job"

__all__ = ["export_rows", "needs_job", "report_every", "start_export", "export_job"]


def needs_job(rows: int) -> bool:
    return rows > settings.JOB_INLINE_MAX_ROWS


def report_every(rows: int) -> int:
    """How often an export reports its rows: every 2 % of them (400 rows of 20,000), at least every 100 rows."""
    return max(100, rows // 50)


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
    total = job.total

    def rows_written(rows):
        # The count is the report's main sheet; a report may add summary sheets, so the bar stops just short of
        # the end until the file is saved.
        progress(min(rows, total - 1) if total else rows)

    try:
        data = export(what, campaign=campaign, user=job.owner, progress=rows_written, every=report_every(total))
    except Http404:
        raise JobError("Bạn không còn quyền xem báo cáo này.") from None
    progress(total, total)
    return JobOutput(filename(what, campaign), data, XLSX)
