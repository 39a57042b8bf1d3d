"""Finding resources: a text query, facets with counts, a sort order and pages of results.

Facets are disjunctive: values of one facet combine with OR, facets with AND, and each
facet's counts ignore its own selection so that visitors see what else they could pick.

A search costs at most one full-text query: the filters, the counts, the orders and the
results' cards come from the hub's facet index (`facet_index`), and the resources matching
a text, most relevant first, are kept in the cache until the hub's content changes, so that
another page, filter or order of the same words costs no full-text query.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.caching import cache_errors
from core.models import Instrument
from core.search import clean_query

from . import caching, facet_index, fulltext
from .licences import LicenceCode
from .models import Discipline, Level, ResourceLanguage, ResourceType

RESULTS_PER_PAGE = 12
TEXT_TIMEOUT = 10 * 60
_TEXT_MATCHES = "learning_hub:search:{}"

logger = logging.getLogger(__name__)


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

_INSTRUMENT_PARAM = next(facet.param for facet in FACETS if facet.choices is None)

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest first"),
    "useful": _("Most useful first"),
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

    @property
    def count_text(self):
        """Return "3 resources", for screen readers (the digits alone are shown)."""
        return ngettext("%(counter)s resource", "%(counter)s resources", self.count) % {
            "counter": self.count
        }


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


def _facet(counts, criteria, definition, instruments):
    chosen = set(criteria.selected.get(definition.param, ()))
    if definition.choices is None:
        labels = {
            slug: Instrument(slug=slug, name_fr=name_fr, name_en=name_en).name
            for slug, name_fr, name_en in instruments
        }
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


class _Matches:
    """The resources of a search in their order, read a page at a time (for the Paginator)."""

    def __init__(self, index, bits, *, sort, text_order):
        self.index, self.bits, self.sort, self.text_order = index, bits, sort, text_order

    def __len__(self):
        return self.bits.bit_count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        if self.sort == "relevance":
            return self.index.ordered_pks(self.text_order, self.bits, start, stop)
        if self.sort == "useful":
            return self.index.in_order(self.index.useful_order, self.bits, start, stop)
        return self.index.newest(self.bits, start, stop)


def text_matches(query, *, stamp=None):
    """Return the pks of the resources matching `query`, most relevant first.

    One full-text query (`fulltext.matching_ids`), kept in the cache under the hub's
    generation `stamp[0]` (a publish replaces it; votes, which do not change what matches,
    do not).
    """
    key = None
    if stamp is not None:
        raw = f"{stamp[0]}|{query.casefold()}"
        key = _TEXT_MATCHES.format(hashlib.sha256(raw.encode()).hexdigest())
        try:
            found = cache.get(key)
        except cache_errors() as error:
            logger.warning("Hub cache unreachable, searching %r: %s", query, error)
            key = found = None
        if found is not None:
            return found
    pks = fulltext.matching_ids(query)
    if key is not None:
        try:
            cache.set(key, pks, TEXT_TIMEOUT)
        except cache_errors() as error:
            logger.warning("Hub cache unreachable, matches of %r not kept: %s", query, error)
    return pks


def _instruments(index, wanted):
    """Return the instruments of the index's resources, and those of `wanted` (slugs) that
    exist without any resource: a link may ask for one, which is then shown with no result.
    """
    others = set(wanted) - index.instrument_slugs
    if not others:
        return index.instruments
    found = Instrument.objects.filter(slug__in=others).values_list("slug", "name_fr", "name_en")
    return tuple(sorted([*index.instruments, *found], key=lambda row: (row[1], row[0])))


def search_resources(hub, params, *, request=None):
    """Return the `SearchOutcome` for GET `params` over `hub`'s resources."""
    stamp = caching.listing_stamp(request)
    index = facet_index.index_for(
        hub,
        stamp,
        fields={facet.param: facet.field for facet in FACETS if facet.choices is not None},
        instrument=_INSTRUMENT_PARAM,
    )
    instruments = _instruments(index, params.getlist(_INSTRUMENT_PARAM))
    criteria = parse_criteria(params, instrument_slugs={slug for slug, _fr, _en in instruments})
    text_order = text_matches(criteria.query, stamp=stamp) if criteria.query else ()
    within = index.bits_of(text_order) if criteria.query else index.everything
    chosen = within & index.selection(criteria.selected)
    matches = _Matches(index, chosen, sort=criteria.sort, text_order=text_order)
    paginator = Paginator(matches, RESULTS_PER_PAGE, allow_empty_first_page=True)
    results = _page(paginator, criteria.page)
    results.object_list = [index.resource(pk) for pk in results.object_list]
    counts = index.counts(within, criteria.selected)
    facets = [_facet(counts.get(facet.param, {}), criteria, facet, instruments) for facet in FACETS]
    return SearchOutcome(criteria=criteria, results=results, count=paginator.count, facets=facets)
