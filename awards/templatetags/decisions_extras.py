"""Template helpers of the decisions area."""

from django import template

from awards.rules import may
from campaigns import formatting

register = template.Library()


@register.simple_tag(takes_context=True)
def decisions_access(context):
    """What the decisions menu shows this user (each entry asks the rule of the pages it links to)."""

    user = context["request"].user if "request" in context else context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {
        "council": may(user, "awards.view_council"), "overview": may(user, "awards.view_decision"),
        "office": may(user, "awards.draft_decision"), "certificates": may(user, "awards.view_certificates"),
    }


@register.filter
def money(value):
    """1080000 → "1.080.000"."""
    return formatting.money(value)


@register.filter
def pct(value):
    return formatting.number(value) if value is not None else ""
