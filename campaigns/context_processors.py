from campaigns.selectors import get_organisation


def organisation(request):
    """The organisation row, so templates never hard-code the agency's name."""
    return {"organisation": get_organisation()}
