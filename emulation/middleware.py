"""The campaign of a request is the first segment of its URL (`/cchc-2023/don-vi/` → campaign cchc-2023)."""

from functools import cache
from importlib import import_module

from django.conf import settings
from django.http import Http404

from awards import urls as awards_urls
from awards.selectors.participation import campaigns_taken, takes_part
from campaigns import scope
from campaigns import urls as campaigns_urls
from campaigns.models import Campaign
from emulation.urls import CAMPAIGN_AREAS, SITE_URLPATTERNS, campaign_urlconf

# First segments that are never a campaign code (the site's own areas and the static files): no query for them.
RESERVED = ({str(p.pattern).split("/")[0] for p in SITE_URLPATTERNS + awards_urls.site_urlpatterns
             + campaigns_urls.site_urlpatterns} | set(CAMPAIGN_AREAS) | {"static", "media", "favicon.ico", ""})


@cache
def reserved(root_urlconf: str) -> frozenset:
    """RESERVED and the first segment of every other page of the root URLconf (one that adds pages of its own,
    as the benchmark's does, is no campaign either)."""
    return frozenset(RESERVED | {str(p.pattern).split("/")[0] for p in import_module(root_urlconf).urlpatterns})


class CampaignMiddleware:
    """Recognises a campaign code as the first URL segment: sets `request.campaign`, makes that campaign's URL
    configuration the request's (so reverse() stays in it), and narrows the selectors to it. A signed-in user who
    takes no part in the campaign (a unit head of a unit outside it) gets 404 on every address of it, a page that
    names no campaign."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        first = request.path_info.lstrip("/").split("/", 1)[0]
        campaign = None
        if first not in reserved(settings.ROOT_URLCONF):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                # The campaigns the user takes part in are read for every page anyway (the 404 below, the header's
                # switcher): the page's campaign is found among them without a query of its own, with its stage.
                campaign = next((c for c in campaigns_taken(user, stage=True) if c.code == first), None)
            if campaign is None:  # a visitor, an outsider or no campaign at all
                campaign = Campaign.objects.select_related("organisation").filter(code=first).first()
                if campaign is not None and user is not None and user.is_authenticated:
                    # An outsider: 404 at once, whatever the address, and the page says nothing of the campaign
                    # (no title or stage in its header, no switcher entry).
                    request.campaign = None
                    raise Http404
        if campaign is None:
            request.campaign = None
            return self.get_response(request)
        request.campaign = campaign
        request.urlconf = campaign_urlconf(campaign.code)
        token = scope.activate(campaign)
        try:
            return self.get_response(request)
        finally:
            scope.deactivate(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        campaign = getattr(request, "campaign", None)
        if campaign is not None and request.user.is_authenticated and not takes_part(request.user, campaign):
            raise Http404
        return None
