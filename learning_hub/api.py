"""A read-only JSON API of the published resources (Wagtail API v2).

`/api/v2/hub/resources/` lists them; filter by any facet (`?resource_type=score&level=beginner`,
`?licence=cc-by`, `?instrument=violon`), search with `?search=`, order with `?order=`.
"""

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from core.models import Instrument

from .models import ResourcePage


class InstrumentFilter(BaseFilterBackend):
    """Keep the resources for an instrument given by its slug (`?instrument=violon`)."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("instrument")
        if not slug:
            return queryset
        if not Instrument.objects.filter(slug=slug).exists():
            raise BadRequestError(f"instrument '{slug}' does not exist")
        return queryset.filter(instruments__slug=slug).distinct()


class ResourcesAPIViewSet(PagesAPIViewSet):
    """The live, public resources; their descriptive fields, licence and attribution."""

    name = "resources"
    model = ResourcePage
    filter_backends = [InstrumentFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["instrument"])
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "resource_type",
        "discipline",
        "level",
        "language",
        "licence",
        "summary",
    ]

    def get_queryset(self):
        return ResourcePage.objects.live().public().order_by("-first_published_at", "-pk")


api_router = WagtailAPIRouter("learning_hub")
api_router.register_endpoint("resources", ResourcesAPIViewSet)
