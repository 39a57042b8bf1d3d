"""The resources matching a text, most relevant first, as a list of ids.

On PostgreSQL with Wagtail's database backend, one query of the search index alone:
`plainto_tsquery` in the backend's language (`SEARCH_CONFIG`) against `title || body`, which
a GIN index covers (migration 0002), ranked as the backend ranks, without joining the pages
(the caller keeps the live resources of its hub). Elsewhere, Wagtail's search API.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, IntegerField
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend

from .models import ResourcePage


def matching_ids(text):
    """Return the ids of the resources whose indexed text has every word of `text`, most
    relevant first (live or not: the caller keeps the ones it lists)."""
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

        if isinstance(backend, PostgresSearchBackend):
            return _postgres(text, backend.config)
    results = ResourcePage.objects.search(text, operator="and")
    # The other database backends build a queryset: read the ids alone, not whole pages.
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:
        return [resource.pk for resource in results]
    return list(dict.fromkeys(get_queryset().values_list("pk", flat=True)))


def _postgres(text, config):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from wagtail.search.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    query = SearchQuery(text, search_type="plain", config=config)
    weights = get_sql_weights()
    document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    rank = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), query, weights=weights
    )
    entries = (
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ResourcePage))
        .alias(document=document, rank=rank)
        .annotate(page_id=Cast("object_id", IntegerField()))
        .filter(document=query)
        .order_by("-rank", "-page_id")
    )
    return list(entries.values_list("page_id", flat=True))
