from django import template

from campaigns.views.excel import nav_links

register = template.Library()


@register.simple_tag(takes_context=True)
def excel_menu(context):
    """The Excel page's URL if this user has anything there (imports or an export), else None."""

    request = context.get("request")
    return nav_links(request.user) if request is not None else None
