from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from campaigns.selectors import get_current_campaign, get_organisation


@login_required
def home(request):
    return render(request, "campaigns/home.html", {"campaign": get_current_campaign()})


def emblem(request, path):
    """The organisation's emblem, public because it is printed on every certificate."""
    organisation = get_organisation()
    if organisation is None or not organisation.emblem or organisation.emblem.name != path:
        raise Http404
    return FileResponse(organisation.emblem.open("rb"))
