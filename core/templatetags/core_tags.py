"""Template tags of the site shell: language switcher and breadcrumbs."""

from django import template
from django.db.models import Subquery
from wagtail.models import Page, Site

from core.shell import language_links as _language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return one link per language to the current content (see `core.shell.language_links`)."""
    request = context.get("request")
    if request is None:
        return []
    return _language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Return the live ancestors of `page` below the site root, the home page first."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if not isinstance(page, Page) or site is None:
        return []
    routed = _routed_ancestors(page, site)
    if routed is not None:
        return routed
    # The home page's translations are its siblings: any of them gives the depth, which the
    # subquery reads without a query of its own.
    home_depth = Page.objects.filter(pk=site.root_page_id).values("depth")
    ancestors = page.get_ancestors().live().filter(depth__gte=Subquery(home_depth))
    return list(ancestors.specific(defer=True))


def _routed_ancestors(page, site):
    """Return the live ancestors of `page` that routing loaded, the home page first, or None.

    Routing keeps each page's parent in `_cached_parent_obj` (treebeard's cache of
    `get_parent()`); when that chain reaches the depth of the site's home page, it is the
    breadcrumbs, without a query. None when a link is missing (a page not reached by routing).
    """
    if not Site.root_page.is_cached(site):
        return None
    home_depth = site.root_page.depth
    chain, current = [], page
    while current.depth > home_depth:
        current = getattr(current, "_cached_parent_obj", None)
        if current is None:
            return None
        chain.append(current)
    return [ancestor for ancestor in reversed(chain) if ancestor.live]
