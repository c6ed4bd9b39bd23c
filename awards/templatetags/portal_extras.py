"""Template helpers of the unit portal."""

from django import template

from awards.models import DossierState
from awards.rules import may

register = template.Library()


@register.filter
def filesize(n):
    """1.234.567 bytes → "1,2 MB"; under 1 MB in kB."""
    if n is None:
        return ""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(n / 1024))} kB"


@register.simple_tag(takes_context=True)
def portal_access(context):
    """What the portal's menu shows this user: {"unit": unit head, "office": sees every dossier}."""

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {"unit": may(user, "awards.use_portal"), "office": may(user, "awards.oversee_campaign")}


@register.filter
def dossier_state(value):
    """A dossier state's Vietnamese label ("returned" → "Trả lại để bổ sung")."""

    return DossierState(value).label if value in DossierState.values else (value or "—")
