from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from campaigns.roles import Role, user_roles
from campaigns.rules import asks, public
from campaigns.selectors import get_current_campaign, get_organisation

# Where each role lands after logging in, in order of precedence.
LANDING = [
    (Role.OFFICE, "office:dashboard"),
    (Role.DIRECTOR, "office:dashboard"),
    (Role.UNIT_HEAD, "portal:home"),
    (Role.COUNCIL, "decisions:council_home"),
    (Role.STAFF, "records:mine"),
]


@login_required
@asks()  # signed in is enough: it only sends each role to its own pages
def home(request):
    roles = user_roles(request.user)
    for role, url_name in LANDING:
        if role in roles:
            try:
                return redirect(reverse(url_name))
            except NoReverseMatch:
                continue
    return render(request, "campaigns/home.html", {"campaign": get_current_campaign()})


@public
def emblem(request, path):
    """The organisation's emblem, public because it is printed on every certificate."""
    organisation = get_organisation()
    if organisation is None or not organisation.emblem or organisation.emblem.name != path:
        raise Http404
    return FileResponse(organisation.emblem.open("rb"))
