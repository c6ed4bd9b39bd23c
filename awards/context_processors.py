from django.utils.functional import SimpleLazyObject

from awards.selectors.participation import campaigns_taken


def campaigns(request):
    """The campaign of the page (None outside one) and, for the header's switcher, the campaigns the user takes
    part in (open first). The list is read only by a page that shows the switcher: the admin's pages never do, and
    would pay a query each for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"campaign_of_page": getattr(request, "campaign", None), "user_campaigns": []}
    return {"campaign_of_page": getattr(request, "campaign", None),
            "user_campaigns": SimpleLazyObject(lambda: campaigns_taken(user))}
