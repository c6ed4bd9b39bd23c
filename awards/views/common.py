"""Helpers shared by the council, decision and certificate pages: the page's campaign, messages, PDF responses.
(Who may do what is asked of the permission table, awards/rules.py.)"""


from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render

from campaigns import formatting, scope


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


def long_document_page(request, *, title: str, lines: int, back: str, button: str = "Tạo tệp PDF"):
    """The page in place of a document whose list is too long to render in a request (awards.jobs.long_document):
    it says so, and its button posts to the same address, which starts the job."""
    return render(request, "decisions/long_document.html", {
        "title": title, "lines": formatting.number(lines), "back": back, "button": button,
    })
