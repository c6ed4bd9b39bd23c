"""Excel in the browser: upload → preview (created, changed, unchanged, every error) → confirm; template and
demo downloads; exports as each user's selector allows.

The uploaded file is kept on the default storage with its owner, kind and name (campaigns/excel/uploads.py); the
worker checks it (the preview) and then imports that same file, never a second upload, while the page follows its
progress. Imports are the office's; exports are also offered to others, each holding what their pages show (a unit
head's: their unit only)."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import scope
from campaigns.excel import jobs as export_jobs
from campaigns.excel import uploads
from campaigns.excel.exporters import EXPORTS, export, filename, may_export
from campaigns.excel.importers import IMPORTERS
from campaigns.excel.template_files import TEMPLATES, export_org, template
from campaigns.formatting import money, number
from campaigns.ops.models import JobState
from campaigns.rules import asks, may, rule_required
from campaigns.selectors import uploads_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMO_FILE = Path(__file__).resolve().parent.parent / "demo_data" / "to-chuc-mau.xlsx"
IMPORT_HELP = {
    "org": "Đơn vị và cán bộ, công chức, viên chức, người lao động. Nhận biết theo mã đơn vị và mã cán bộ.",
    "indicators": "Số liệu chỉ tiêu của từng đơn vị theo năm (giải ngân, dịch vụ công trực tuyến, TTHC, kiểm tra CCHC, "
                  "DDCI) và chỉ số thành phần PAR INDEX, PCI, PAPI, SIPAS. Kết quả tự động được tính lại sau khi nhập.",
    "ratings": "Xếp loại chất lượng hằng năm của cán bộ và của tập thể. Kết quả tự động được tính lại sau khi nhập.",
    "initiatives": "Sáng kiến được Hội đồng sáng kiến công nhận, của cá nhân hoặc của đơn vị.",
}


def may_import(user) -> bool:
    return may(user, "campaigns.import_records")


def _kind(kind):
    if kind not in IMPORTERS:
        raise Http404
    return kind


def _upload(request, kind, token):
    """The user's own upload of this kind, or 404."""
    return get_object_or_404(uploads_for(request.user), pk=token, kind=_kind(kind))


def _page(upload):
    return reverse("excel:preview", args=[upload.kind, upload.pk])


def _campaign(request):
    return scope.of_request(request)


@login_required
@asks("campaigns.import_records", "awards.export_report")
def home(request):
    exports = [(what, report.label) for what, report in EXPORTS.items() if may_export(what, request.user)]
    office = may_import(request.user)
    if not exports and not office:
        raise Http404
    imports = [(kind, TEMPLATES[kind][0], IMPORT_HELP[kind]) for kind in IMPORTERS] if office else []
    return render(request, "excel/home.html", {
        "imports": imports, "exports": exports, "office": office, "campaign": scope.of_request(request),
    })


@login_required
@rule_required("campaigns.import_records")
def import_page(request, kind):
    """The upload form; a file is stored and handed to the worker to check, and the person follows it there."""
    kind = _kind(kind)
    error = ""
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            error = "Chọn tệp .xlsx cần nhập."
        elif uploaded.size > settings.UPLOAD_MAX_BYTES:
            error = f"Tệp lớn hơn giới hạn {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB."
        else:
            upload = uploads.store_upload(uploaded, user=request.user, kind=kind)
            uploads.check_upload(upload, page=_page(upload))
            return redirect(_page(upload))
    return render(request, "excel/import.html", {
        "kind": kind, "title": TEMPLATES[kind][0], "help": IMPORT_HELP[kind], "error": error,
        "demo": kind == "org" and DEMO_FILE.exists(),
    }, status=400 if error else 200)


@require_GET
@login_required
@rule_required("campaigns.import_records")
def preview(request, kind, token):
    """The upload's page: the progress while the worker checks or imports it, then the preview (or the outcome)."""
    upload = _upload(request, kind, token)
    stage = uploads.stage_of(upload)
    report = upload.report or {}
    return render(request, "excel/preview.html", {
        "upload": upload, "kind": upload.kind, "title": TEMPLATES[upload.kind][0], "file_name": upload.name,
        "stage": stage, "running": stage in (uploads.Stage.CHECKING, uploads.Stage.IMPORTING),
        "report": report, "created": report.get("created", []), "changed": report.get("changed", []),
        "may_import": uploads.may_import(upload), **_progress(upload),
    })


@require_GET
@login_required
@rule_required("campaigns.import_records")
def progress(request, kind, token):
    """The progress block alone, polled by htmx; once the job has finished, the whole page is loaded again to show
    the preview or the outcome."""
    upload = _upload(request, kind, token)
    if upload.job is None or upload.job.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "excel/_progress.html", {"upload": upload, **_progress(upload)})


def _progress(upload):
    """The job's progress as the office reads it: which step (reading, checking, writing) and how many rows."""
    job = upload.job
    steps = uploads.STEPS.get(job.handler, ()) if job else ()
    if not steps or not job.total:
        return {"job": job, "step": "Mở tệp" if job and job.state == JobState.RUNNING else "", "rows": ""}
    rows = job.total // len(steps)
    index = min(job.done // rows, len(steps) - 1) if rows else 0
    done = job.done - index * rows
    step = f"Bước {index + 1}/{len(steps)}: {steps[index]}"
    if index == 2:
        text = f"{money(rows)} dòng, trong một lần: hoặc tất cả, hoặc không dòng nào"
    else:
        text = f"{money(done)}/{money(rows)} dòng"
    return {"job": job, "step": step, "rows": text}


@login_required
@require_POST
@rule_required("campaigns.import_records")
def confirm(request, kind, token):
    """Hand the stored file to the worker to import; the page follows it."""
    upload = _upload(request, kind, token)
    if uploads.import_upload(upload, actor=request.user, page=_page(upload)) is None:
        messages.info(request, "Tệp này không thể nhập lúc này (đang được kiểm tra hoặc nhập, có lỗi, hoặc đã nhập xong).")
    return redirect(_page(upload))


@login_required
@rule_required("campaigns.import_records")
def template_download(request, kind):
    kind = _kind(kind)
    return _xlsx(template(kind), TEMPLATES[kind][2])


@login_required
@rule_required("campaigns.import_records")
def demo_file(request):
    if not DEMO_FILE.exists():
        raise Http404
    return FileResponse(open(DEMO_FILE, "rb"), as_attachment=True, filename=DEMO_FILE.name, content_type=XLSX)


@login_required
@asks("awards.export_report")
@require_http_methods(["GET", "POST"])
def export_download(request, what):
    """The export at once, or, past JOB_INLINE_MAX_ROWS rows, a page whose button hands it to the worker."""
    if what not in EXPORTS or not may_export(what, request.user):
        raise Http404
    campaign = _campaign(request)
    rows = export_jobs.export_rows(what, campaign=campaign, user=request.user)
    if export_jobs.needs_job(rows):
        if request.method == "POST":
            job = export_jobs.start_export(user=request.user, what=what, campaign=campaign, rows=rows)
            return redirect("ops:job", pk=job.pk)
        return render(request, "excel/export_job.html", {
            "label": EXPORTS[what].label, "rows": number(rows), "campaign": campaign})
    return _xlsx(export(what, campaign=campaign, user=request.user), filename(what, campaign))


@login_required
@rule_required("campaigns.import_records")
def export_org_download(request):
    return _xlsx(export_org(), "co-cau-to-chuc.xlsx")


def _xlsx(data, name):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def nav_links(user):
    """What the Excel menu offers this user (for templates/excel/_nav.html)."""
    if not user.is_authenticated:
        return None
    if may_import(user) or any(may_export(what, user) for what in EXPORTS):
        return reverse("excel:home")
    return None
