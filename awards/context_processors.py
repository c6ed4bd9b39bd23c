from awards.selectors.participation import campaigns_taken


def campaigns(request):
    """The campaign of the page (None outside one) and, for the header's switcher, the campaigns the user takes
    part in (open first)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"campaign_of_page": getattr(request, "campaign", None), "user_campaigns": []}
    return {"campaign_of_page": getattr(request, "campaign", None), "user_campaigns": campaigns_taken(user)}
