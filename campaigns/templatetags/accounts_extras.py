from django import template

from campaigns.services.accounts import manages_accounts as _manages_accounts

register = template.Library()


@register.filter
def manages_accounts(user):
    return _manages_accounts(user)
