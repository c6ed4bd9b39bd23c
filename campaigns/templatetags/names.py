"""{% load names %}{{ user|person_name }}: a person's name, family name first, from their staff row."""

from django import template

from campaigns.formatting import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user):
    return _person_name(user)
