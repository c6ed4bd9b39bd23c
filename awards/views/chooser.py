"""The home page's chooser of campaigns, a campaign's own root address, and old addresses without a campaign."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from awards.selectors.participation import campaigns_of
from campaigns import scope
from campaigns.models import Campaign, CampaignStatus
from campaigns.roles import Role, user_roles
from campaigns.rules import asks, public

# Where each role lands in a campaign, in order of precedence.
LANDING = [
    (Role.OFFICE, "office:dashboard"),
    (Role.DIRECTOR, "office:dashboard"),
    (Role.UNIT_HEAD, "portal:home"),
    (Role.COUNCIL, "decisions:council_home"),
]


def landing_name(user):
    roles = user_roles(user)
    if user.is_superuser:
        return "office:dashboard"
    for role, url_name in LANDING:
        if role in roles:
            return url_name
    return None


@login_required
@asks()  # signed in is enough: the chooser lists only the campaigns the user takes part in
def home(request):
    """The chooser: the campaigns this user takes part in, open ones first, closed ones read-only. With exactly
    one, straight to its page for the user's role; staff with no other role go to their own records."""
    campaigns = list(campaigns_of(request.user))
    url_name = landing_name(request.user)
    if url_name is None and Role.STAFF in user_roles(request.user):
        return redirect("records:mine")
    if len(campaigns) == 1 and url_name:
        return redirect(scope.reverse_in(campaigns[0], url_name))
    today = timezone.localdate()
    rows = [{
        "campaign": c, "url": scope.reverse_in(c, url_name or "campaign_home"),
        "days_left": (c.dossier_deadline - today).days if c.status == CampaignStatus.OPEN else None,
    } for c in campaigns]
    return render(request, "campaigns/home.html", {"rows": rows})


@login_required
@asks()  # the middleware answers 404 to a user with no part in the campaign
def campaign_home(request):
    """/<code>/: the campaign's page for the user's role."""
    url_name = landing_name(request.user)
    if url_name is None:
        raise Http404
    try:
        return redirect(reverse(url_name))
    except NoReverseMatch:
        raise Http404 from None


@public  # a redirect only; the page it leads to asks its own rules
def old_address(request, rest):
    """An address from before campaigns were in the URL: to the same page of the open campaign when exactly one
    is open, else to the chooser."""
    open_ones = list(Campaign.objects.filter(status=CampaignStatus.OPEN).values_list("code", flat=True)[:2])
    if len(open_ones) != 1:
        return redirect("home")
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{request.META.get('SCRIPT_NAME', '')}/{open_ones[0]}/{rest}" + (f"?{query}" if query else ""))
