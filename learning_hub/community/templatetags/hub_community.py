"""Template tags other hub templates use to show the community's parts of a page."""

from django import template

from ..queries import featured_collections as featured_collections_query
from ..queries import resource_community as resource_community_query

register = template.Library()


@register.simple_tag
def featured_collections(limit=6):
    """Return the featured public collections with their first resources, in 2 queries."""
    return featured_collections_query(limit=limit)


@register.simple_tag(takes_context=True)
def resource_community(context, page):
    """Return what the community part of resource `page` shows to the current person."""
    return resource_community_query(page=page, user=context["request"].user)
