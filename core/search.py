"""Site search: the live, public pages in the visitor's language, editors' picks first."""

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from core.visibility import findable_pages

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchOutcome:
    """One page of results; `count` covers every page, editors' picks included."""

    query: str
    results: PaginatorPage | None = None
    promotions: list[SearchPromotion] = field(default_factory=list)
    count: int = 0

    @property
    def page_range(self):
        """Return the page numbers to link to, with gaps (`Paginator.ELLIPSIS`) in long lists."""
        if self.results is None:
            return []
        return list(self.results.paginator.get_elided_page_range(self.results.number))


def clean_query(raw):
    """Return the query as typed, without surrounding blanks and cut to a storable length."""
    return " ".join((raw or "").split())[:MAX_QUERY_STRING_LENGTH]


def searchable_pages(user, locale=None):
    """Return the pages `user` may find: live, public, in `locale` (default: active) and
    let through by the apps' page filters (a closed section, a lesson for its students)."""
    pages = Page.objects.live().public().filter(locale=locale or Locale.get_active())
    return findable_pages(pages, user)


def promotions_for(query, *, user, locale=None):
    """Return the editors' picks for `query` whose page is searchable, or external links."""
    pages = searchable_pages(user, locale)
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__in=pages) | Q(page__isnull=True))
        .select_related("page")
        .order_by("sort_order")
    )


def search_site(query, *, user, page_number=1, locale=None):
    """Return the result page `page_number` of what `user` finds for `query` (nothing when
    the query is empty)."""
    query = clean_query(query)
    if not query:
        return SearchOutcome(query=query)
    promotions = promotions_for(query, user=user, locale=locale)
    promoted_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    pages = searchable_pages(user, locale).exclude(pk__in=promoted_ids).specific(defer=True)
    paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
    results = paginator.get_page(page_number)
    return SearchOutcome(
        query=query,
        results=results,
        # Editors' picks head the first page only.
        promotions=promotions if results.number == 1 else [],
        count=paginator.count + len(promotions),
    )


def record_search(query):
    """Count one more search for `query`, for the admin's "popular searches" report."""
    Query.get(query).add_hit()
