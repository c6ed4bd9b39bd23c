"""Helpers shared by the council, decision and certificate pages: who may (office, council), the current
campaign, messages, PDF responses."""


from django.contrib import messages
from django.http import Http404, HttpResponse

from awards.models import (
    CouncilMeeting,
)
from awards.selectors import sees_everything
from campaigns.roles import Role, has_role
from campaigns.selectors import get_current_campaign

# ---------------------------------------------------------------------------------------------- who may

def is_office(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.OFFICE))


def sees_council(user) -> bool:
    return sees_everything(user) or has_role(user, Role.COUNCIL)


def meetings_for(user, qs=None):
    qs = CouncilMeeting.objects.all() if qs is None else qs
    return qs if sees_council(user) else qs.none()


def require_or_404(check, user):
    if not check(user):
        raise Http404


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
