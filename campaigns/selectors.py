"""Reads: every page, download and export loads campaign data through these functions."""

from campaigns.models import Campaign, Organisation


def get_organisation():
    """The one organisation this installation serves (None before the plan is loaded)."""
    return Organisation.objects.order_by("id").first()


def get_current_campaign():
    """The campaign shown by default: the newest open one, else the newest."""
    return Campaign.objects.order_by("-year", "-id").select_related("organisation").first()
