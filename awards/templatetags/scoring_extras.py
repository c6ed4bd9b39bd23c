"""Template helpers of the scoring area."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def scoring_access(context):
    """What the scoring menu shows this user: {"office": scores, "overview": sees the ranking}."""
    from awards.selectors import sees_everything
    from awards.services.scoring import may_score
    from campaigns.roles import Role, user_roles

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {"office": may_score(user), "overview": sees_everything(user) or Role.COUNCIL in user_roles(user)}


@register.simple_tag
def file_url(version):
    """The permission-checked download of a DocumentVersion (files:version), or "" while that view is absent."""
    try:
        return reverse("files:version", args=[version.pk])
    except NoReverseMatch:
        return ""


@register.filter
def vn_number(value):
    from awards.services.scoring import fmt_number

    if value in (None, ""):
        return "—"
    return fmt_number(value)
