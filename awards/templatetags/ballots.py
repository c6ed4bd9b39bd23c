"""Template helpers of electronic ballots: the office's panel on the meeting page, a member's open ballots."""

from django import template

from awards.models import BallotState, CouncilMeeting
from awards.services import ballots
from campaigns.scope import narrow

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def ballot_panel(meeting):
    """How this meeting votes and where the vote stands: for the office's meeting page and the minutes."""
    voting = ballots.voting_of(meeting)
    present = list(meeting.attendance.filter(present=True).select_related("member").order_by("id"))
    # Members cast ballots only in an electronic vote (awards.services.ballots.cast_ballot): none on paper.
    cast = set(meeting.ballots_cast.values_list("member_id", flat=True)) if voting is not None else set()
    counted = meeting.votes.exists()
    return {
        "voting": voting, "electronic": voting is not None, "paper": voting is None and counted,
        "members": [{"member": a.member, "role": a.role, "voted": a.member_id in cast} for a in present],
        "n_cast": len(cast), "n_present": len(present),
        "confirmations": ballots.confirmations(meeting, present=present) if counted else [],
    }


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
