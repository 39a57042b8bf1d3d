"""The hub's pages: its home (index, search, feeds) and the resources under it."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from core.blocks import INTRO_FEATURES

from ..blocks import ResourceBlock, ResourceBodyBlock
from ..caching import serve_cached
from ..forms import ResourcePageForm
from ..licences import LicenceCode, attribution_text, get_licence
from .taxonomy import Discipline, Level, Period, ResourceLanguage, ResourceType


class RoutedRestrictionsMixin:
    """Read the view restrictions of a page reached by routing in one query, not two.

    Wagtail reads the page's ancestors first, to resolve aliases to their source. Routing
    has already loaded them (each page keeps its parent in `_cached_parent_obj`, treebeard's
    cache of `get_parent()`): when none is an alias, the restrictions are those of the pages
    whose paths begin this page's path.
    """

    def get_view_restrictions(self):
        if getattr(self, "routed_restricted", None) is False:
            # Read with the page itself (`HubIndexPage.route`): neither it nor an ancestor is
            # restricted, and no query is needed to say so.
            return PageViewRestriction.objects.none()
        chain, page = [self], self
        while page.depth > 2:  # the root (depth 1) is never an alias
            page = getattr(page, "_cached_parent_obj", None)
            if page is None:
                return super().get_view_restrictions()
            chain.append(page)
        if any(page.alias_of_id for page in chain):
            return super().get_view_restrictions()
        paths = [self.path[: Page.steplen * depth] for depth in range(1, self.depth + 1)]
        return PageViewRestriction.objects.filter(page__path__in=paths)


def _restricted_pages():
    """Return a subquery of the view restrictions on a page or one of its ancestors (OuterRef)."""
    return PageViewRestriction.objects.alias(
        outer_prefix=Substr(models.OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=models.F("outer_prefix"))


class HubIndexPage(RoutedRestrictionsMixin, RoutablePageMixin, Page):
    """The hub's home: new and featured resources, the search and the feeds of new ones."""

    site_section = "hub"
    lists_resources = True  # its cached pages carry the listings' generation (caching.py)

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    featured = StreamField(
        [("resource", ResourceBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("featured resources"),
        help_text=_("Resources shown first on the hub's home."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["learning_hub.ResourcePage"]

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("hub home")
        verbose_name_plural = _("hub homes")

    def get_resources(self):
        """Return the live, public resources of this hub, under any of its translations.

        The library is one for every interface language: each resource keeps the language it
        was written in (its `language` field), and English visitors find the French ones.
        """
        # Subqueries, not queries of their own: the hub's translations (a resource's parent
        # is always a hub) and the view restrictions (as `public()` would read them first).
        hubs = HubIndexPage.objects.filter(translation_key=self.translation_key)
        return (
            ResourcePage.objects.live()
            .alias(parent_path=Substr("path", 1, Length("path") - Page.steplen))
            .filter(parent_path__in=hubs.values("path"))
            .exclude(models.Exists(_restricted_pages()))
        )

    def route(self, request, path_components):
        # A resource is found in one query of its own table, not two (page, then specific).
        if path_components and not self._is_subpage(path_components):
            child = (
                ResourcePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .annotate(
                    routed_restricted=models.Exists(_restricted_pages()),
                    routed_links=models.Exists(
                        ResourceSource.objects.filter(
                            models.Q(page=models.OuterRef("pk"))
                            | models.Q(source=models.OuterRef("pk"))
                        )
                    ),
                )
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail's routing does: no query for it
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _is_subpage(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def serve(self, request, view=None, args=None, kwargs=None):
        return serve_cached(
            request, self, lambda: super(HubIndexPage, self).serve(request, view, args, kwargs)
        )

    @path("")
    def home(self, request):
        from ..views import hub_home

        return hub_home(request, self)

    @path("search/", name="search")
    def search(self, request):
        from ..views import hub_search

        return hub_search(request, self)

    @path("feed/", name="feed_rss")
    def feed_rss(self, request):
        from ..feeds import RssResourcesFeed

        return RssResourcesFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import AtomResourcesFeed

        return AtomResourcesFeed(self)(request)


class ResourcePage(RoutedRestrictionsMixin, Page):
    """A resource of the hub: what it is, for whom, who made it and under which licence."""

    site_section = "hub"

    resource_type = models.CharField(
        _("type of resource"), max_length=20, choices=ResourceType.choices
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences shown in search results and cards."),
    )
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("body"))
    discipline = models.CharField(
        _("discipline"), max_length=20, choices=Discipline.choices, default=Discipline.MUSIC
    )
    instruments = ParentalManyToManyField(
        "core.Instrument", verbose_name=_("instruments"), blank=True, related_name="resources"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=ResourceLanguage.choices,
        default=ResourceLanguage.FRENCH,
        help_text=_("The language the resource is written or spoken in."),
    )
    period = models.CharField(_("period"), max_length=20, choices=Period.choices, blank=True)
    genre = models.CharField(
        _("genre"), max_length=100, blank=True, help_text=_("E.g. sonata, jazz standard, tango.")
    )
    licence = models.CharField(
        _("licence"),
        max_length=12,
        choices=LicenceCode.choices,
        help_text=_("Under which terms others may reuse the resource."),
    )
    permission_note = models.CharField(
        _("permission"),
        max_length=255,
        blank=True,
        help_text=_("For “all rights reserved”: who allowed the publication, and when."),
    )
    attribution = models.CharField(
        _("custom attribution"),
        max_length=500,
        blank=True,
        help_text=_("Leave blank for a text made from the title, authors and licence."),
    )
    source_url = models.URLField(_("original source"), blank=True)
    # Kept up to date by the community's "useful" votes; sorts the most useful first.
    useful_count = models.PositiveIntegerField(_("useful votes"), default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    description_panels = [
        FieldRowPanel([FieldPanel("resource_type"), FieldPanel("discipline")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("language")]),
        FieldPanel("instruments"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("genre")]),
        InlinePanel("works", heading=_("Works referenced"), label=_("Work")),
    ]
    rights_panels = [
        InlinePanel("authors", heading=_("Authors"), label=_("Author"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("licence"),
                FieldPanel("permission_note"),
                FieldPanel("attribution"),
                FieldPanel("source_url"),
            ],
            heading=_("Licence and attribution"),
        ),
        InlinePanel("sources", heading=_("Derived from"), label=_("Source resource")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(description_panels, heading=_("Description")),
            ObjectList(rights_panels, heading=_("Authors and licence")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("genre"),
        index.RelatedFields("works", [index.SearchField("composer"), index.SearchField("title")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields(
            "instruments", [index.SearchField("name_fr"), index.SearchField("name_en")]
        ),
        index.FilterField("resource_type"),
        index.FilterField("discipline"),
        index.FilterField("level"),
        index.FilterField("language"),
        index.FilterField("licence"),
        index.FilterField("instruments"),
        index.FilterField("useful_count"),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["learning_hub.HubIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("resource_type"),
        APIField("summary"),
        APIField("discipline"),
        APIField("level"),
        APIField("language"),
        APIField("period"),
        APIField("genre"),
        APIField("licence"),
        APIField("licence_url"),
        APIField("attribution_line"),
        APIField("useful_count"),
        APIField("body"),
    ]

    base_form_class = ResourcePageForm

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def with_content_json(self, content):
        """Keep the live vote count when a revision is restored or published.

        Revisions store every field; without this, publishing an edit would bring back the
        count as it was when the draft was saved.
        """
        page = super().with_content_json(content)
        page.useful_count = self.useful_count
        return page

    def get_template(self, request, *args, **kwargs):
        return "learning_hub/resource_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..metadata import learning_resource

        context = super().get_context(request, *args, **kwargs)
        instruments, authors, works = self.get_descriptions()
        self.__dict__["author_names"] = [author.name for author in authors]
        sources, derivatives = self.get_derivation_links()
        context.update(
            instruments=instruments,
            authors=authors,
            works=works,
            sources=sources,
            derivatives=derivatives,
            canonical_url=self.get_full_url(request),
        )
        context["learning_resource"] = learning_resource(
            self, request=request, instruments=instruments, authors=authors, sources=sources
        )
        return context

    def serve(self, request, *args, **kwargs):
        return serve_cached(request, self, lambda: super(ResourcePage, self).serve(request))

    # Django's get_FOO_display() builds a dict of the choices at every call; cards show five.
    def get_resource_type_display(self):
        return _label(ResourceType, self.resource_type)

    def get_discipline_display(self):
        return _label(Discipline, self.discipline)

    def get_level_display(self):
        return _label(Level, self.level)

    def get_language_display(self):
        return _label(ResourceLanguage, self.language)

    def get_licence_display(self):
        return _label(LicenceCode, self.licence)

    @cached_property
    def licence_info(self):
        """Return the structured `Licence` of the resource."""
        return get_licence(self.licence)

    @property
    def licence_url(self):
        return self.licence_info.url

    def get_descriptions(self):
        """Return the instruments, authors and works of the resource.

        For a page read by routing (the live one, not a preview of a draft, whose relations
        are in memory), in one query: a UNION of the three tables, every column an
        annotation so that each part selects them in the same order.
        """
        if not hasattr(self, "routed_links"):
            return list(self.instruments.all()), list(self.authors.all()), list(self.works.all())
        from core.models import Instrument

        text = models.CharField()
        empty = models.Value("", output_field=text)
        parts = [
            Instrument.objects.filter(resources=self).annotate(
                kind=models.Value(0), key=F("pk"), order=models.Value(0),
                a=F("name_fr"), b=F("name_en"), c=F("slug"), d=F("family"),
            ),
            self.authors.model.objects.filter(page=self).annotate(
                kind=models.Value(1), key=F("pk"), order=Coalesce("sort_order", 0),
                a=F("name"), b=F("role"), c=empty, d=empty,
            ),
            self.works.model.objects.filter(page=self).annotate(
                kind=models.Value(2), key=F("pk"), order=Coalesce("sort_order", 0),
                a=F("composer"), b=F("title"), c=empty, d=empty,
            ),
        ]  # fmt: skip
        columns = ("kind", "key", "order", "a", "b", "c", "d")
        first, *others = (part.order_by().values_list(*columns) for part in parts)
        rows = sorted(first.union(*others, all=True), key=lambda row: (row[0], row[2], row[1]))
        instruments = [
            Instrument(pk=key, name_fr=a, name_en=b, slug=c, family=d)
            for kind, key, _order, a, b, c, d in rows
            if kind == 0
        ]
        instruments.sort(key=lambda instrument: (instrument.name_fr, instrument.pk))
        authors = [
            ResourceAuthor(pk=key, page=self, sort_order=order, name=a, role=b)
            for kind, key, order, a, b, _c, _d in rows
            if kind == 1
        ]
        works = [
            ResourceWork(pk=key, page=self, sort_order=order, composer=a, title=b)
            for kind, key, order, a, b, _c, _d in rows
            if kind == 2
        ]
        return instruments, authors, works

    def get_derivation_links(self):
        """Return the live resources this one derives from, and those derived from it."""
        if getattr(self, "routed_links", None) is False:
            return [], []  # read with the page itself (`HubIndexPage.route`): there are none
        links = ResourceSource.objects.filter(
            models.Q(page=self) | models.Q(source=self)
        ).select_related("page", "source")
        sources = [link.source for link in links if link.page_id == self.pk and link.source.live]
        derivatives = [link.page for link in links if link.source_id == self.pk and link.page.live]
        return sources, sorted(derivatives, key=lambda page: page.title)

    @cached_property
    def author_names(self):
        """Return the authors' names, in their order."""
        return [author.name for author in self.authors.all()]

    @property
    def attribution_line(self):
        """Return the attribution text to copy when reusing the resource."""
        if self.attribution:
            return self.attribution
        return attribution_text(
            title=self.title,
            authors=self.author_names,
            licence_code=self.licence,
            url=self.full_url or "",
        )


def _label(choices, value):
    """Return the label of `value` among the TextChoices `choices` (`value` if unknown)."""
    try:
        return choices(value).label
    except ValueError:
        return value


class ResourceAuthor(Orderable):
    """Someone who made the resource, credited in its attribution."""

    page = ParentalKey(ResourcePage, related_name="authors", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("E.g. author, arranger, performer.")
    )

    def __str__(self):
        return self.name


class ResourceWork(Orderable):
    """A work (and its composer) that the resource is about or uses."""

    page = ParentalKey(ResourcePage, related_name="works", on_delete=models.CASCADE)
    composer = models.CharField(_("composer"), max_length=255, blank=True)
    title = models.CharField(_("work"), max_length=255)

    def __str__(self):
        return f"{self.composer}: {self.title}" if self.composer else self.title


class ResourceSource(Orderable):
    """A resource that this one adapts: its licence constrains this one's."""

    page = ParentalKey(ResourcePage, related_name="sources", on_delete=models.CASCADE)
    source = models.ForeignKey(
        ResourcePage,
        verbose_name=_("source resource"),
        on_delete=models.CASCADE,
        related_name="derivative_links",
    )

    panels = [PageChooserPanel("source", "learning_hub.ResourcePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("source resource")
        verbose_name_plural = _("source resources")
