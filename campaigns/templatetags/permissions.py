"""Templates ask the permission table the way views do:

    {% load permissions %}
    {% may "awards.submit_dossier" dossier as can_submit %}{% if can_submit %}…{% endif %}
    {% if request.user|may:"awards.score" %}…{% endif %}

Both ask campaigns.rules.may (the table of campaigns/rules.py and awards/rules.py)."""

from django import template

from campaigns.rules import may as _may

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, perm, obj=None):
    """`{% may "awards.x" obj as allowed %}`: whether the page's user may do `perm` (on `obj`)."""
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return bool(user is not None and _may(user, perm, obj))


@register.filter(name="may")
def may_filter(user, perm):
    """`user|may:"awards.x"`: whether `user` may do `perm` in general."""
    return bool(user is not None and _may(user, perm))
