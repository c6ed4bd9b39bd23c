from campaigns.selectors import get_organisation


def organisation(request):
    """The organisation row, so templates never hard-code the agency's name. On a campaign's page it is the
    campaign's, which the campaign middleware loaded with it (no query of its own)."""
    campaign = getattr(request, "campaign", None)
    return {"organisation": campaign.organisation if campaign is not None else get_organisation()}
