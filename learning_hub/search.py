"""Finding resources: a text query, facets with counts, a sort order and pages of results.

Facets are disjunctive: values of one facet combine with OR, facets with AND, and each
facet's counts ignore its own selection so that visitors see what else they could pick.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.models import Instrument
from core.search import clean_query

from .licences import LicenceCode
from .models import Discipline, Level, ResourceLanguage, ResourcePage, ResourceType

RESULTS_PER_PAGE = 12


@dataclass(frozen=True)
class FacetDefinition:
    param: str
    field: str
    label: str
    choices: type | None  # TextChoices, or None for instruments (labelled from the database)


FACETS = (
    FacetDefinition("type", "resource_type", _("Type"), ResourceType),
    FacetDefinition("discipline", "discipline", _("Discipline"), Discipline),
    FacetDefinition("instrument", "instruments", _("Instrument"), None),
    FacetDefinition("level", "level", _("Level"), Level),
    FacetDefinition("language", "language", _("Language"), ResourceLanguage),
    FacetDefinition("licence", "licence", _("Licence"), LicenceCode),
)

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest first"),
    "useful": _("Most useful first"),
}
SORT_ORDERS = {
    "newest": ("-first_published_at", "-pk"),
    "useful": ("-useful_count", "-first_published_at", "-pk"),
}


@dataclass(frozen=True)
class Criteria:
    """What a visitor asked for, reduced to known values (unknown ones are ignored)."""

    query: str = ""
    selected: dict = field(default_factory=dict)  # facet param → tuple of values
    sort: str = "newest"
    page: str = "1"

    @property
    def is_filtered(self):
        return bool(self.query or any(self.selected.values()))

    def querydict(self, **changes):
        """Return the criteria as GET parameters, with `changes` applied (a value of None drops)."""
        params = QueryDict(mutable=True)
        if self.query:
            params["q"] = self.query
        for param, values in self.selected.items():
            params.setlist(param, list(values))
        if self.sort != default_sort(self.query):
            params["sort"] = self.sort
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            elif isinstance(value, (list, tuple)):
                params.setlist(name, list(value))
            else:
                params[name] = value
        return params


def default_sort(query):
    """Return the order results come in unless asked: by relevance for a text query."""
    return "relevance" if query else "newest"


def parse_criteria(params, *, instrument_slugs):
    """Return the `Criteria` read from GET `params`; unknown facet values are dropped."""
    query = clean_query(params.get("q"))
    selected = {}
    for facet in FACETS:
        allowed = instrument_slugs if facet.choices is None else facet.choices.values
        values = tuple(dict.fromkeys(v for v in params.getlist(facet.param) if v in allowed))
        if values:
            selected[facet.param] = values
    sort = params.get("sort") or default_sort(query)
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = default_sort(query)
    return Criteria(query=query, selected=selected, sort=sort, page=params.get("page") or "1")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    options: list

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


@dataclass(frozen=True)
class SearchOutcome:
    criteria: Criteria
    results: object  # a paginator page of ResourcePage
    count: int
    facets: list

    @property
    def page_range(self):
        return list(self.results.paginator.get_elided_page_range(self.results.number))


def _filter(queryset, criteria, *, skip=None):
    for facet in FACETS:
        values = criteria.selected.get(facet.param)
        if not values or facet.param == skip:
            continue
        if facet.choices is None:
            queryset = queryset.filter(
                pk__in=ResourcePage.instruments.through.objects.filter(
                    instrument__slug__in=values
                ).values("resourcepage_id")
            )
        else:
            queryset = queryset.filter(**{f"{facet.field}__in": values})
    return queryset


def _matching(queryset, criteria):
    """Return the resources matching the text query: a search result set, or the queryset."""
    if not criteria.query:
        return queryset.order_by(*SORT_ORDERS[criteria.sort])
    if criteria.sort == "relevance":
        return queryset.search(criteria.query, operator="and")
    # The search backends sort by indexed fields only, so without the pk tie-breaker.
    order = [field for field in SORT_ORDERS[criteria.sort] if field != "-pk"]
    return queryset.order_by(*order).search(
        criteria.query, operator="and", order_by_relevance=False
    )


def _counts(matching, criteria, facet):
    """Return value → number of resources in `matching` after every filter but `facet`'s own."""
    name = "instruments__slug" if facet.choices is None else facet.field
    rows = (
        _filter(matching, criteria, skip=facet.param)
        .order_by()
        .values(name)
        .annotate(count=Count("pk", distinct=True))
    )
    return {row[name]: row["count"] for row in rows if row[name] is not None}


def _facet(counts, criteria, definition, instruments):
    chosen = set(criteria.selected.get(definition.param, ()))
    if definition.choices is None:
        labels = {instrument.slug: instrument.name for instrument in instruments}
    else:
        labels = dict(definition.choices.choices)
    options = [
        FacetOption(value, str(labels[value]), counts.get(value, 0), value in chosen)
        for value in labels
        if counts.get(value) or value in chosen
    ]
    return Facet(definition.param, str(definition.label), options)


def _page(paginator, number):
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _text_match_ids(queryset, criteria):
    """Return the ids of the resources matching the text query, in result order.

    This is the only full-text query of a search: results, pages and facets are then
    counted over these ids (facets from their values, read once), which costs far less
    than searching again for the results and each facet.
    """
    results = _matching(queryset, criteria)
    get_queryset = getattr(results, "get_queryset", None)  # every database backend has it
    if get_queryset is None:
        return list(dict.fromkeys(resource.pk for resource in results))
    return list(dict.fromkeys(get_queryset().values_list("pk", flat=True)))


def _facet_values(queryset, ids):
    """Return {resource id: {facet param: set of values}} for the resources `ids`: two queries."""
    fields = [facet.field for facet in FACETS if facet.choices is not None]
    values = {}
    for row in queryset.filter(pk__in=ids).order_by().values("pk", *fields):
        values[row["pk"]] = {
            facet.param: {row[facet.field]} for facet in FACETS if facet.choices is not None
        }
    instrument = next(facet.param for facet in FACETS if facet.choices is None)
    for facet_values in values.values():
        facet_values[instrument] = set()
    links = ResourcePage.instruments.through.objects.filter(resourcepage_id__in=list(values))
    for pk, slug in links.values_list("resourcepage_id", "instrument__slug"):
        values[pk][instrument].add(slug)
    return values


def _search_text(queryset, criteria, instruments):
    ordered_ids = _text_match_ids(queryset, criteria)
    values = _facet_values(queryset, ordered_ids) if ordered_ids else {}
    selected = {param: set(chosen) for param, chosen in criteria.selected.items()}

    def passes(pk, skip=None):
        return all(
            values[pk][param] & chosen for param, chosen in selected.items() if param != skip
        )

    ordered_ids = [pk for pk in ordered_ids if pk in values and passes(pk)]
    paginator = Paginator(ordered_ids, RESULTS_PER_PAGE, allow_empty_first_page=True)
    results = _page(paginator, criteria.page)
    page_ids = list(results.object_list)
    if page_ids:
        found = queryset.filter(pk__in=page_ids).in_bulk()
        results.object_list = [found[pk] for pk in page_ids if pk in found]
    counts = {facet.param: Counter() for facet in FACETS}
    for pk, resource_values in values.items():
        for facet in FACETS:
            if passes(pk, skip=facet.param):
                counts[facet.param].update(v for v in resource_values[facet.param] if v is not None)
    facets = [_facet(counts[facet.param], criteria, facet, instruments) for facet in FACETS]
    return SearchOutcome(criteria=criteria, results=results, count=paginator.count, facets=facets)


def _all_counts(queryset, criteria):
    """Return {facet param: {value: count}} for every facet, in two queries.

    One groups the resources by the combination of their single-valued facets, the other
    counts the instruments; the counts of each single-valued facet are then summed from the
    combinations that pass the other facets' selections.
    """
    instrument = next(facet for facet in FACETS if facet.choices is None)
    single = [facet for facet in FACETS if facet.choices is not None]
    fields = [facet.field for facet in single]
    only_instruments = Criteria(
        selected={instrument.param: criteria.selected.get(instrument.param, ())}
    )
    rows = (
        _filter(queryset, only_instruments)
        .order_by()
        .values(*fields)
        .annotate(count=Count("pk", distinct=True))
    )
    selected = {facet.param: set(criteria.selected.get(facet.param, ())) for facet in single}
    counts = {facet.param: Counter() for facet in FACETS}
    for row in rows:
        for facet in single:
            passes = all(
                row[other.field] in selected[other.param]
                for other in single
                if other is not facet and selected[other.param]
            )
            if passes and row[facet.field] is not None:
                counts[facet.param][row[facet.field]] += row["count"]
    counts[instrument.param] = _counts(queryset, criteria, instrument)
    return counts


def search_resources(queryset, params):
    """Return the `SearchOutcome` for GET `params` over `queryset` (the hub's resources)."""
    instruments = list(Instrument.objects.only("pk", "slug", "name_fr", "name_en"))
    criteria = parse_criteria(params, instrument_slugs={i.slug for i in instruments})
    if criteria.query:
        return _search_text(queryset, criteria, instruments)
    paginator = Paginator(
        _matching(_filter(queryset, criteria), criteria),
        RESULTS_PER_PAGE,
        allow_empty_first_page=True,
    )
    results = _page(paginator, criteria.page)
    counts = _all_counts(queryset, criteria)
    facets = [_facet(counts[facet.param], criteria, facet, instruments) for facet in FACETS]
    return SearchOutcome(criteria=criteria, results=results, count=paginator.count, facets=facets)
