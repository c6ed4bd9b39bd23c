"""reverse() for tests, outside a request: the site's own pages as Django reverses them; a campaign page in the
campaign given (`campaign=`), else in the active one (`campaigns.scope.within`), else in the only campaign of the
test's database (a test with several campaigns must say which)."""

from django.urls import NoReverseMatch
from django.urls import reverse as django_reverse

from campaigns import scope
from campaigns.models import Campaign


def test_campaign():
    campaign = scope.active()
    if campaign is not None:
        return campaign
    campaigns = list(Campaign.objects.all()[:2])
    if len(campaigns) != 1:
        raise AssertionError(f"{len(campaigns)} campaigns in the test database: pass campaign= to reverse()")
    return campaigns[0]


def reverse(viewname, args=None, kwargs=None, *, campaign=None, **options):
    try:
        return django_reverse(viewname, args=args, kwargs=kwargs, **options)
    except NoReverseMatch:
        campaign = campaign or test_campaign()
    return django_reverse(viewname, urlconf=scope.urlconf_of(campaign.code), args=args, kwargs=kwargs, **options)
