"""The one way an uploaded file leaves the server: a download that checks, through the per-user selector, that
this user may see the document the file belongs to. An outsider gets 404, never a hint that the file exists."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from awards.rules import rule_required
from awards.selectors import document_versions_for
from campaigns.ops.downloads import content_disposition

# A PDF a unit uploaded opens in the browser, but nothing in it may run: every download gets the sandboxed
# Content-Security-Policy (campaigns/security/csp.py); the browser's own PDF viewer still draws it.
INLINE_TYPES = {"application/pdf"}


@require_GET
@login_required
@rule_required("awards.download_document")
def version(request, pk):
    version = get_object_or_404(document_versions_for(request.user).select_related("document"), pk=pk)
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy tệp.")
    content_type = version.content_type or "application/octet-stream"
    inline = content_type in INLINE_TYPES and request.GET.get("tai-ve") is None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(version.original_name, inline=inline)
    if inline:
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
