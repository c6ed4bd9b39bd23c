"""{% load audit %}{% history_for obj as history %}{% include "_history.html" %}: the audit trail of an object on
its page. Include it only on pages of objects the user may see (loaded through the per-user selectors)."""

from django import template

from awards.audit import history_for as _history_for

register = template.Library()


@register.simple_tag
def history_for(obj, state_field="state"):
    return _history_for(obj, state_field=state_field)
