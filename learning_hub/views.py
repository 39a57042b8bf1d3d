"""The hub's home and search, served as routes of the hub's index page."""

from django.db.models import Count, Window
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .search import FACETS, SORTS, search_resources

NEW_RESOURCES = 6


def _hub_urls(request, hub):
    url = hub.get_url(request)  # the site's root paths are read once per request
    return {
        "hub_search_url": url + hub.reverse_subpage("search"),
        "feed_url": url + hub.reverse_subpage("feed_rss"),
        "atom_url": url + hub.reverse_subpage("feed_atom"),
    }


def hub_home(request, hub):
    """Show the hub's featured and newest resources, and the search form."""
    # The count rides along with the newest resources: one query, not two.
    newest = list(
        hub.get_resources()
        .annotate(total=Window(Count("pk")))
        .order_by("-first_published_at", "-pk")[:NEW_RESOURCES]
    )
    context = hub.get_context(request)
    context.update(
        {
            "new_resources": newest,
            "resource_count": newest[0].total if newest else 0,
            **_hub_urls(request, hub),
        }
    )
    return TemplateResponse(request, "learning_hub/hub_index_page.html", context)


def hub_search(request, hub):
    """Show the resources matching the query and filters, with facet counts, in pages."""
    outcome = search_resources(hub, request.GET, request=request)
    criteria = outcome.criteria
    sorts = {key: label for key, label in SORTS.items() if key != "relevance" or criteria.query}
    context = hub.get_context(request)
    context.update(
        {
            "outcome": outcome,
            "criteria": criteria,
            "sorts": sorts,
            "facet_count": len(FACETS),
            **_hub_urls(request, hub),
            "page_title": _("Search the hub"),
        }
    )
    return TemplateResponse(request, "learning_hub/search.html", context)
