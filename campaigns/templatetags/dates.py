"""{% load dates %}{{ moment|vn_date:"d/m/Y H:i" }}: dates and moments (in local time) as campaigns.formatting
writes them, with the numeric letters of Django's date format (d m Y H i s)."""

from django import template

from campaigns.formatting import date_as

register = template.Library()


@register.filter
def vn_date(value, pattern="d/m/Y"):
    return date_as(value, pattern)
