"""Links into a given campaign from any page: `{{ campaign|campaign_root }}`, `{% campaign_url campaign 'portal:dossier' pk %}`."""

from django import template

from campaigns import scope

register = template.Library()


@register.filter
def campaign_root(campaign):
    return scope.reverse_in(campaign, "campaign_home")


@register.simple_tag
def campaign_url(campaign, viewname, *args):
    return scope.reverse_in(campaign, viewname, args=args)
