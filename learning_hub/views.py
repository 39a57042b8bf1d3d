"""The hub's home and search, served as routes of the hub's index page."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .search import FACETS, SORTS, search_resources

NEW_RESOURCES = 6


def hub_home(request, hub):
    """Show the hub's featured and newest resources, and the search form."""
    resources = hub.get_resources().order_by("-first_published_at", "-pk")
    context = hub.get_context(request)
    context.update(
        {
            "new_resources": list(resources[:NEW_RESOURCES]),
            "resource_count": resources.count(),
            "hub_search_url": hub.url + hub.reverse_subpage("search"),
            "feed_url": hub.url + hub.reverse_subpage("feed_rss"),
            "atom_url": hub.url + hub.reverse_subpage("feed_atom"),
        }
    )
    return TemplateResponse(request, "learning_hub/hub_index_page.html", context)


def hub_search(request, hub):
    """Show the resources matching the query and filters, with facet counts, in pages."""
    outcome = search_resources(hub.get_resources(), request.GET)
    criteria = outcome.criteria
    sorts = {key: label for key, label in SORTS.items() if key != "relevance" or criteria.query}
    context = hub.get_context(request)
    context.update(
        {
            "outcome": outcome,
            "criteria": criteria,
            "sorts": sorts,
            "facet_count": len(FACETS),
            "hub_search_url": hub.url + hub.reverse_subpage("search"),
            "feed_url": hub.url + hub.reverse_subpage("feed_rss"),
            "atom_url": hub.url + hub.reverse_subpage("feed_atom"),
            "page_title": _("Search the hub"),
        }
    )
    return TemplateResponse(request, "learning_hub/search.html", context)
