"""The course catalogue: filters read from the query string, one page of courses."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator

from core.models import Instrument

from .models import CourseFormat, CoursePage, Level

PER_PAGE = 12


@dataclass(frozen=True)
class CatalogueQuery:
    discipline: str = ""
    level: str = ""
    language: str = ""
    format: str = ""

    @classmethod
    def from_request(cls, request):
        """Return the filters of the query string, unknown values dropped."""
        params = request.GET
        values = {
            "level": (params.get("level", ""), Level.values),
            "language": (params.get("language", ""), [code for code, _name in settings.LANGUAGES]),
            "format": (params.get("format", ""), CourseFormat.values),
        }
        kept = {
            name: value if value in allowed else "" for name, (value, allowed) in values.items()
        }
        return cls(discipline=params.get("discipline", "")[:80], **kept)

    @property
    def is_filtered(self):
        return any((self.discipline, self.level, self.language, self.format))

    def apply(self, queryset):
        if self.discipline:
            queryset = queryset.filter(discipline__slug=self.discipline)
        for name in ("level", "language", "format"):
            if getattr(self, name):
                queryset = queryset.filter(**{name: getattr(self, name)})
        return queryset


def catalogue_context(index, request):
    """Return the context of the catalogue page `index` for `request`."""
    query = CatalogueQuery.from_request(request)
    courses = query.apply(
        CoursePage.objects.live()
        .child_of(index)
        .select_related("discipline", "cover_image")
        .order_by("title")
    )
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    used = CoursePage.objects.live().child_of(index).values("discipline_id")
    return {
        "query": query,
        "page_obj": page,
        "disciplines": Instrument.objects.filter(pk__in=used),
        "filter_levels": Level.choices,
        "filter_languages": settings.LANGUAGES,
        "filter_formats": CourseFormat.choices,
    }
