"""The public catalogue: search and facets over public, ready recordings."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q

from core.models import Instrument

from .models import Recording

PAGE_SIZE = 12


@dataclass(frozen=True)
class CatalogueQuery:
    text: str = ""
    instrument: str = ""
    composer: str = ""
    kind: str = ""  # "360" or "flat"

    @classmethod
    def from_request(cls, request):
        get = request.GET
        return cls(
            text=get.get("q", "").strip()[:200],
            instrument=get.get("instrument", "").strip()[:80],
            composer=get.get("composer", "").strip()[:120],
            kind=get.get("kind", "") if get.get("kind") in ("360", "flat") else "",
        )

    @property
    def is_filtered(self):
        return any((self.text, self.instrument, self.composer, self.kind))


def search_recordings(query: CatalogueQuery):
    """Return the public recordings matching `query`, newest first."""
    recordings = Recording.objects.public().select_related("asset")
    if query.text:
        recordings = recordings.filter(
            Q(title__icontains=query.text)
            | Q(description__icontains=query.text)
            | Q(works__title__icontains=query.text)
            | Q(works__composer__icontains=query.text)
            | Q(performers__name__icontains=query.text)
        )
    if query.instrument:
        recordings = recordings.filter(instruments__slug=query.instrument)
    if query.composer:
        recordings = recordings.filter(works__composer__icontains=query.composer)
    if query.kind == "360":
        recordings = recordings.spherical()
    elif query.kind == "flat":
        recordings = recordings.exclude(asset__projection__in=("equirectangular", "cubemap"))
    return recordings.distinct().prefetch_related("works", "instruments")


def catalogue_page(request):
    """Return (query, page of recordings, instruments offered as a filter)."""
    query = CatalogueQuery.from_request(request)
    page = Paginator(search_recordings(query), PAGE_SIZE).get_page(request.GET.get("page"))
    instruments = Instrument.objects.filter(recording__in=Recording.objects.public()).distinct()
    return query, page, instruments
