"""Excel in the browser: upload → preview (created, changed, unchanged, every error) → confirm; template and
demo downloads; exports as each user's selector allows.

The uploaded file is kept on the server under a random token (MEDIA_ROOT/excel-imports/) with its owner and
kind; the confirmation imports that file, never a second upload. Imports are the office's; exports are also
offered to others, each holding what their pages show (a unit head's: their unit only)."""

import json
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import scope
from campaigns.excel import jobs as export_jobs
from campaigns.excel.exporters import EXPORTS, export, filename, may_export
from campaigns.excel.importer import run
from campaigns.excel.importers import IMPORTERS
from campaigns.excel.template_files import TEMPLATES, export_org, template
from campaigns.rules import asks, may, rule_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMO_FILE = Path(__file__).resolve().parent.parent / "demo_data" / "to-chuc-mau.xlsx"
UPLOAD_TTL = 24 * 3600
PREVIEW_LIMIT = 300
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


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "excel-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(uploaded, *, user, kind) -> str:
    """Keep an uploaded file under a new token; returns the token. Old uploads are swept away."""
    directory = _upload_dir()
    now = time.time()
    for old in directory.iterdir():
        if now - old.stat().st_mtime > UPLOAD_TTL:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    with open(directory / f"{token}.xlsx", "wb") as fh:
        for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
            fh.write(chunk)
    meta = {"user": user.pk, "kind": kind, "name": getattr(uploaded, "name", "") or "tep.xlsx"}
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def _stored(request, kind, token):
    """The stored upload of this user and kind, or 404."""
    if len(token) != 32 or any(c not in "0123456789abcdef" for c in token):
        raise Http404
    directory = _upload_dir()
    try:
        meta = json.loads((directory / f"{token}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404 from None
    if meta.get("user") != request.user.pk or meta.get("kind") != kind:
        raise Http404
    path = directory / f"{token}.xlsx"
    if not path.exists():
        raise Http404
    return path, meta


def _discard(token):
    directory = _upload_dir()
    for suffix in (".xlsx", ".json"):
        (directory / f"{token}{suffix}").unlink(missing_ok=True)


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
    kind = _kind(kind)
    error = ""
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            error = "Chọn tệp .xlsx cần nhập."
        elif uploaded.size > settings.UPLOAD_MAX_BYTES:
            error = f"Tệp lớn hơn giới hạn {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB."
        else:
            token = store_upload(uploaded, user=request.user, kind=kind)
            return redirect("excel:preview", kind=kind, token=token)
    return render(request, "excel/import.html", {
        "kind": kind, "title": TEMPLATES[kind][0], "help": IMPORT_HELP[kind], "error": error,
        "demo": kind == "org" and DEMO_FILE.exists(),
    }, status=400 if error else 200)


@login_required
@rule_required("campaigns.import_records")
def preview(request, kind, token):
    path, meta = _stored(request, _kind(kind), token)
    with open(path, "rb") as fh:
        report = run(IMPORTERS[kind], fh, actor=request.user, dry_run=True)
    return _render_report(request, kind, token, meta, report)


def _render_report(request, kind, token, meta, report, status=200):
    return render(request, "excel/preview.html", {
        "kind": kind, "token": token, "title": TEMPLATES[kind][0], "file_name": meta["name"], "report": report,
        "created": report.created[:PREVIEW_LIMIT], "changed": report.changed[:PREVIEW_LIMIT], "limit": PREVIEW_LIMIT,
    }, status=status)


@login_required
@require_POST
@rule_required("campaigns.import_records")
def confirm(request, kind, token):
    path, meta = _stored(request, _kind(kind), token)
    with open(path, "rb") as fh:
        report = run(IMPORTERS[kind], fh, actor=request.user)
    if report.errors:
        # The data changed since the preview: show the errors, keep the file for another try.
        return _render_report(request, kind, token, meta, report, status=409)
    _discard(token)
    messages.success(request, report.summary())
    return redirect("excel:import", kind=kind)


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
            "label": EXPORTS[what].label, "rows": rows, "campaign": campaign})
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
