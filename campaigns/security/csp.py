"""The Content-Security-Policy of every response (django-csp 4, policy in settings.CONTENT_SECURITY_POLICY).

Pages may run and style only with the application's own files (`'self'`: htmx and scoring.js under /static/; no
inline script, event handler or style attribute in our templates), embed no plugin (`object-src 'none'`) and
be framed by nobody (`frame-ancestors 'none'`).

A download (an uploaded document, a generated PDF or workbook: anything sent as an attachment or that is not
HTML) gets a stricter policy of its own: nothing may load and the document is sandboxed, so a PDF or an HTML
file someone uploaded can run nothing if a browser opens it in place.

A PDF the application itself renders to show inside one of its own pages (the Director's reading of a draft:
`frame_in_own_pages(response)`) may be framed by the application's pages (`frame-ancestors 'self'`) and is not
sandboxed (it is the application's own rendering, never an upload); nothing may load from it either."""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts

DOWNLOAD_POLICY = {
    "default-src": [NONE],
    "sandbox": True,
    "frame-ancestors": [NONE],
    "form-action": [NONE],
    "base-uri": [NONE],
}

OWN_FRAMED_PDF_POLICY = {
    "default-src": [NONE],
    "frame-ancestors": [SELF],
    "form-action": [NONE],
    "base-uri": [NONE],
}


def frame_in_own_pages(response):
    """Mark a PDF the application renders itself as shown in a frame of its own pages."""
    response.csp_own_frame = True
    return response


def is_download(response) -> bool:
    content_type = response.get("Content-Type", "")
    return response.has_header("Content-Disposition") or not content_type.startswith("text/html")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and is_download(response):
            if getattr(response, "csp_own_frame", False):
                return PolicyParts(config=OWN_FRAMED_PDF_POLICY)
            return PolicyParts(config=DOWNLOAD_POLICY)
        return super().get_policy_parts(request, response, report_only)
