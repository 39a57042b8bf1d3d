"""The pages every site has: its home page and plain content pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import INTRO_FEATURES, BodyStreamBlock, HomePageStreamBlock


class HomePage(Page):
    """The root of the site in one language: an introduction and featured sections."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    body = StreamField(HomePageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(Page):
    """A page of running text: accessibility statement, legal notice, about…"""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def updated_at(self):
        """Return when the page was last published, shown as its revision date."""
        return self.last_published_at or self.latest_revision_created_at
