"""Template helpers of electronic ballots: the ballot panel in the minutes (the meeting page gets it from its view),
a member's open ballots."""

from django import template

from awards.models import BallotState, CouncilMeeting
from awards.selectors import council as council_reads
from campaigns.scope import narrow

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def ballot_panel(meeting):
    """How this meeting votes and where the vote stands (awards.selectors.council.ballot_panel): for the minutes."""
    return council_reads.ballot_panel(meeting)


@register.simple_tag(takes_context=True)
def my_ballots(context):
    """The meetings of the page's campaign at which this user is recorded present and voting is electronic."""
    request = context.get("request")
    user = getattr(request, "user", None)
    staff = getattr(user, "staff", None) if user is not None and user.is_authenticated else None
    if staff is None:
        return []
    meetings = (
        narrow(CouncilMeeting.objects.all(), "campaign").filter(attendance__member=staff, attendance__present=True, voting__isnull=False)
        .select_related("voting").order_by("-held_at")[:5]
    )
    voted = set(staff and CouncilMeeting.objects.filter(ballots_cast__member=staff).values_list("pk", flat=True))
    return [{"meeting": m, "state": m.voting, "open": m.voting.state == BallotState.OPEN, "voted": m.pk in voted} for m in meetings]
