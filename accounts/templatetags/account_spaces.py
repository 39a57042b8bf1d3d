from django import template

from accounts import spaces

register = template.Library()


@register.simple_tag(takes_context=True)
def account_spaces(context):
    """Return the member's personal spaces for the account navigation."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return spaces.links_for(request)
