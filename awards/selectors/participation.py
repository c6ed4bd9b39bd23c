"""Which campaigns a user takes part in: the home page's chooser, the header's switcher, and the 404 that a
campaign's pages answer to a user who has no part in it.

The office, the director and superusers take part in every campaign (drafts included); council members in every
campaign past its draft; a unit head in every open campaign (their unit may register) and in a closed one where
their unit registered or filed a dossier; a member of staff in a campaign where they were nominated (their
scores and certificates). Staff land on their own records page, which spans the years."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from awards.models import CouncilMeeting, Decision, DecisionState, Dossier, Nominee, Registration
from awards.selectors import is_unit_head, sees_everything, user_staff_id, user_unit_id
from campaigns.models import Campaign, CampaignStatus
from campaigns.roles import Role, user_roles


def stage_facts() -> dict:
    """What a campaign's stage asks of it, as annotations of a Campaign queryset: whether it has a signed decision
    and a council meeting."""
    return {
        "has_signed_decision": Exists(Decision.objects.filter(campaign=OuterRef("pk"), state=DecisionState.APPROVED)),
        "has_council_meeting": Exists(CouncilMeeting.objects.filter(campaign=OuterRef("pk"))),
    }


def campaigns_of(user, *, stage=False):
    """The campaigns `user` takes part in: open ones first, then the others, each newest first. With `stage`, each
    knows whether it has a signed decision and a council meeting (`has_signed_decision`, `has_council_meeting`):
    the header's stage of a campaign page (awards.templatetags.menu.campaign_stage), read with the list that the
    page's campaign is found in, not in a query of its own."""
    qs = Campaign.objects.select_related("organisation")
    if stage:
        qs = qs.annotate(**stage_facts())
    if not user.is_authenticated:
        return qs.none()
    if not sees_everything(user):
        cond = Q(pk__in=[])
        if Role.COUNCIL in user_roles(user):
            cond |= ~Q(status=CampaignStatus.DRAFT)
        if is_unit_head(user):
            unit_id = user_unit_id(user)
            cond |= Q(status=CampaignStatus.OPEN)
            # Plain subqueries of campaign ids (not EXISTS correlated to each campaign): the same rows, and about
            # half the work for Django to write on every page a unit head opens.
            cond |= Q(pk__in=Registration.objects.filter(unit_id=unit_id).values("campaign_id"))
            cond |= Q(pk__in=Dossier.objects.filter(unit_id=unit_id).values("campaign_id"))
        staff_id = user_staff_id(user)
        if staff_id:
            cond |= Q(pk__in=Nominee.objects.filter(staff_id=staff_id).values("dossier__campaign_id"))
        qs = qs.filter(cond)
    order = Case(When(status=CampaignStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(open_first=order).order_by("open_first", "-year", "code")


def campaigns_taken(user, *, stage=False) -> list:
    """`campaigns_of(user)` read once for the request and kept on the user object (as `user_roles` is): the check
    that answers 404 to outsiders and the header's switcher ask it on every campaign page. A campaign page asks it
    first (CampaignMiddleware), with `stage`."""
    cached = getattr(user, "_campaigns_cache", None)
    if cached is None or (stage and not user._campaigns_stage):
        cached = user._campaigns_cache = list(campaigns_of(user, stage=stage))
        user._campaigns_stage = stage
    return cached


def takes_part(user, campaign):
    return any(c.pk == campaign.pk for c in campaigns_taken(user))
