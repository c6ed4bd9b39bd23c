"""Helpers shared by the council, decision and certificate pages: the current campaign, messages, PDF responses.
(Who may do what is asked of the permission table, awards/rules.py.)"""


from django.contrib import messages
from django.http import Http404, HttpResponse

from campaigns.selectors import get_current_campaign


def current_campaign_or_404():
    campaign = get_current_campaign()
    if campaign is None:
        raise Http404
    return campaign


def show_errors(request, exc):
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def pdf_response(pdf: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
