"""The Content-Security-Policy of every response (django-csp 4, policy in settings.CONTENT_SECURITY_POLICY).

Pages may run and style only with the application's own files (`'self'`: htmx and scoring.js under /static/; no
inline script, event handler or style attribute in our templates), embed no plugin (`object-src 'none'`) and
be framed by nobody (`frame-ancestors 'none'`).

A download (an uploaded document, a generated PDF or workbook: anything sent as an attachment or that is not
HTML) gets a stricter policy of its own: nothing may load and the document is sandboxed, so a PDF or an HTML
file someone uploaded can run nothing if a browser opens it in place."""

from csp.constants import NONE
from csp.middleware import CSPMiddleware, PolicyParts

DOWNLOAD_POLICY = {
    "default-src": [NONE],
    "sandbox": True,
    "frame-ancestors": [NONE],
    "form-action": [NONE],
    "base-uri": [NONE],
}


def is_download(response) -> bool:
    content_type = response.get("Content-Type", "")
    return response.has_header("Content-Disposition") or not content_type.startswith("text/html")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and is_download(response):
            return PolicyParts(config=DOWNLOAD_POLICY)
        return super().get_policy_parts(request, response, report_only)
