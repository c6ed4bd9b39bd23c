from django.http import FileResponse, Http404

from campaigns.rules import public
from campaigns.selectors import get_organisation


@public
def emblem(request, path):
    """The organisation's emblem, public because it is printed on every certificate."""
    organisation = get_organisation()
    if organisation is None or not organisation.emblem or organisation.emblem.name != path:
        raise Http404
    return FileResponse(organisation.emblem.open("rb"))
