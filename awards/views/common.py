"""Helpers shared by the council, decision and certificate pages: the page's campaign, messages, PDF responses.
(Who may do what is asked of the permission table, awards/rules.py.)"""


from django.contrib import messages
from django.http import HttpResponse

from campaigns import scope


def campaign_or_404(request):
    """The campaign in the page's URL (never a guess)."""
    return scope.of_request(request)


def show_errors(request, exc):
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def pdf_response(pdf: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
