"""The export registry: the campaign's reports offered on the Excel page (campaigns.views.excel) and by
`manage.py export_xlsx`, each written as the user's pages show it.

campaigns knows only the registry; the reports themselves (dossier state per unit, the scoring matrix, the
ranking with the quota line, the award list, the budget by fund) read dossiers, results and decisions, which are
awards' business: awards.exports registers them here when the app is ready (AwardsConfig.ready). So campaigns
never imports awards, and a report nobody registered simply is not offered. `user=None` is the full view (the
command line's default, for scheduled reports).

    data = export("status", campaign=campaign, user=request.user)          # bytes
    export("scores", campaign=campaign, user=None, out="/tmp/diem.xlsx")   # to a file
    export("scores", campaign=campaign, user=u, progress=report, every=400)  # report(rows) every 400 rows
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from campaigns import formatting
from campaigns.excel.writer import counting_rows, new_workbook, save


@dataclass(frozen=True)
class Report:
    """One registered report."""

    label: str                          # its title, in Vietnamese
    slug: str                           # the file name's stem
    write: Callable                     # write(workbook, campaign, user, header): adds its sheets
    allowed: Callable[[object], bool]   # allowed(user): has this user anything to see (404 otherwise)?
    scope: Callable[[object], str]      # scope(user): what part the user sees, for the subtitle
    # rows(campaign, user): how many rows it will have, for the reports that can grow past a few thousand (those
    # are written by the worker: campaigns/excel/jobs.py); None for reports of one row per unit or nominee.
    rows: Callable | None = None


EXPORTS: dict[str, Report] = {}


def register(what: str, report: Report) -> None:
    """Offer a report under the name `what` (called by the app that writes it, when it is ready)."""
    EXPORTS[what] = report


def may_export(what, user) -> bool:
    """Whether `user` has anything to see in this export (404 otherwise); `user=None` sees everything."""
    return what in EXPORTS and (user is None or EXPORTS[what].allowed(user))


def export(what, *, campaign, user=None, out=None, progress=None, every=500):
    """Write export `what` for `campaign` as `user` sees it; bytes when `out` is None. With `progress`, it is told
    `progress(rows)`, the rows written so far over all sheets, every `every` rows (a job's bar)."""
    if what not in EXPORTS:
        raise KeyError(what)
    if not may_export(what, user):
        raise Http404
    report = EXPORTS[what]
    workbook = new_workbook()
    header = {
        "title": f"{campaign.title} – {report.label}",
        "subtitle": (
            f"{campaign.organisation.name} · Phạm vi: {report.scope(user)} · "
            f"Xuất lúc {formatting.date(timezone.now())}"
        ),
    }
    with counting_rows(progress, every=every) if progress is not None else contextlib.nullcontext():
        report.write(workbook, campaign, user, header)
    return save(workbook, out)


def filename(what, campaign):
    return f"{EXPORTS[what].slug}-{campaign.code}.xlsx"


def export_rows(what, *, campaign, user) -> int:
    """The number of rows report `what` will have for this user (0 when the report does not count them)."""
    report = EXPORTS[what]
    return report.rows(campaign, user) if report.rows else 0
