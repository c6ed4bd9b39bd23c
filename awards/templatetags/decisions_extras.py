"""Template helpers of the decisions area."""

from django import template

from awards.selectors import is_unit_head, sees_everything, user_staff_id
from awards.views.common import is_office, sees_council
from campaigns import formatting

register = template.Library()


@register.simple_tag(takes_context=True)
def decisions_access(context):
    """What the decisions menu shows this user."""

    user = context["request"].user if "request" in context else context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {
        "council": sees_council(user), "overview": sees_everything(user), "office": is_office(user),
        "certificates": sees_everything(user) or is_unit_head(user) or bool(user_staff_id(user)),
    }


@register.filter
def money(value):
    """1080000 → "1.080.000"."""
    return formatting.money(value)


@register.filter
def pct(value):
    return formatting.number(value) if value is not None else ""
