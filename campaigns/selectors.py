"""Reads: every page, download and export loads campaign data through these functions.

Units, campaigns and criteria are not personal: every account sees them; anonymous visitors see nothing. The
per-user selectors of people and their records (staff, ratings, initiatives, discipline, indicator data) depend
on who is nominated and what the council considers, so they live in awards.selectors.records."""

from campaigns.models import Campaign, Criterion, ExcelUpload, Organisation, Unit


def get_organisation():
    """The one organisation this installation serves (None before the plan is loaded)."""
    return Organisation.objects.order_by("id").first()


def units_for(user, qs=None):
    qs = Unit.objects.all() if qs is None else qs
    return qs if user.is_authenticated else qs.none()


def campaigns_for(user, qs=None):
    qs = Campaign.objects.all() if qs is None else qs
    return qs if user.is_authenticated else qs.none()


def criteria_for(user, qs=None):
    qs = Criterion.objects.all() if qs is None else qs
    return qs if user.is_authenticated else qs.none()


def uploads_for(user):
    """The Excel files a person uploaded to import: theirs only (anybody else's is 404, even to the office)."""
    if not user.is_authenticated:
        return ExcelUpload.objects.none()
    return ExcelUpload.objects.filter(owner=user).select_related("job")
