"""A job's page (its progress bar polls the server through htmx until the job is done), its download and its
retry. Everything goes through `jobs_for(user)`: another person's job is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from campaigns.ops.downloads import content_disposition
from campaigns.ops.jobs import retry_job
from campaigns.ops.models import JobState
from campaigns.ops.rules import asks, require_or_404
from campaigns.ops.selectors import jobs_for


def _job(request, pk, perm="ops.see_job"):
    job = get_object_or_404(jobs_for(request.user), pk=pk)
    require_or_404(request.user, perm, job)
    return job


@require_GET
@login_required
@asks("ops.see_job")
def job_list(request):
    jobs = jobs_for(request.user).order_by("-created_at")[:50]
    return render(request, "ops/jobs.html", {"jobs": jobs})


@require_GET
@login_required
@asks("ops.see_job")
def job(request, pk):
    return render(request, "ops/job.html", {"job": _job(request, pk)})


@require_GET
@login_required
@asks("ops.see_job")
def progress(request, pk):
    """The progress block alone, for htmx; it stops polling once the job is done or failed."""
    return render(request, "ops/_progress.html", {"job": _job(request, pk)})


@require_GET
@login_required
@asks("ops.see_job")
def download(request, pk):
    job = _job(request, pk)
    if job.state != JobState.DONE or not job.result:
        raise Http404("Tệp chưa có.")
    try:
        handle = job.result.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy tệp.")
    response = FileResponse(handle, content_type=job.result_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(job.result_name or "ket-qua")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
@asks("ops.rerun_job")
def retry(request, pk):
    job = _job(request, pk, "ops.rerun_job")
    if job.state != JobState.FAILED:
        messages.info(request, "Việc này không ở trạng thái «Không thành công», không cần chạy lại.")
    else:
        retry_job(job, actor=request.user)
        messages.success(request, "Đã xếp việc vào hàng đợi để chạy lại.")
    page = job.params.get("page") if isinstance(job.params, dict) else None
    if page and url_has_allowed_host_and_scheme(page, allowed_hosts=None):
        return redirect(page)  # the page that shows this job's outcome follows it there
    return redirect("ops:job", pk=job.pk)
