"""The campaign a request is about, taken from the first segment of its URL (`/cchc-2023/don-vi/…`).

emulation's CampaignMiddleware activates it for one request; commands, mails and tests activate it with
`within(campaign)`. While a campaign is active, the per-user selectors keep to its rows and `reverse()` /
`{% url %}` of a campaign page stay in it (the URL configuration of that campaign is active). Nothing here ever
guesses a campaign: when none is active, campaign pages cannot be reversed and the selectors are not narrowed."""

from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import get_urlconf, reverse, set_urlconf

from campaigns.models import CampaignStatus

_active = ContextVar("active_campaign", default=None)
# Set by the root URL module (emulation/urls.py): code -> URL configuration of that campaign (campaigns knows
# no URLs of awards).
urlconf_builder = None


def urlconf_of(code):
    if urlconf_builder is None:
        import_module(settings.ROOT_URLCONF)  # it sets urlconf_builder
    return urlconf_builder(code)


def active():
    """The campaign of the current request (or `within` block), or None."""
    return _active.get()


def activate(campaign):
    return _active.set(campaign)


def deactivate(token):
    _active.reset(token)


@contextmanager
def within(campaign):
    """Run a block as if in a request under `campaign`'s URL: selectors narrowed, reverse() inside it."""
    token = activate(campaign)
    previous = get_urlconf()
    set_urlconf(urlconf_of(campaign.code))
    try:
        yield campaign
    finally:
        set_urlconf(previous)
        deactivate(token)


def reverse_in(campaign, viewname, args=None, kwargs=None):
    """The URL of a campaign page of `campaign`, from anywhere (a mail, the admin, a page of another area)."""
    return reverse(viewname, urlconf=urlconf_of(campaign.code), args=args, kwargs=kwargs)


def narrow(qs, path):
    """`qs` limited to the active campaign's rows (`path`: the lookup to the campaign), if one is active."""
    campaign = active()
    return qs.filter(**{path: campaign}) if campaign is not None else qs


def closed_message(campaign):
    return (f"Phong trào «{campaign.title}» ({campaign.code}) đã kết thúc: hồ sơ, kết quả và văn bản của phong trào "
            "được giữ nguyên, không thể thay đổi.")


def is_closed(campaign) -> bool:
    """A closed campaign's rows and signed documents never change: its pages only show them."""
    return campaign is not None and campaign.status == CampaignStatus.CLOSED


def ensure_open(campaign):
    """Writes on a closed campaign are refused: its rows and signed documents never change."""
    if is_closed(campaign):
        raise ValidationError(closed_message(campaign))


def of_request(request):
    """The campaign in the request's URL; 404 for a campaign page reached without one (never a guess)."""
    campaign = getattr(request, "campaign", None)
    if campaign is None:
        raise Http404
    return campaign
