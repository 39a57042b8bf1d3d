"""Settings an editor changes per site: identity, contact details and menus."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.blocks import NavigationLinkBlock, SocialLinkBlock


def _in_english():
    return (get_language() or "").startswith("en")


@register_setting(icon="site", order=100)
class SiteSettings(BaseSiteSetting):
    """Who publishes the site and how to reach them, shown in the header and footer."""

    site_name = models.CharField(
        _("site name"),
        max_length=100,
        blank=True,
        help_text=_("Leave blank to use the name given to the site in Wagtail."),
    )
    tagline = models.CharField(_("tagline (French)"), max_length=200, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    social_links = StreamField(
        [("social_link", SocialLinkBlock())],
        blank=True,
        max_num=12,
        verbose_name=_("social networks"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("tagline_en")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("postal_address")], heading=_("Contact")
        ),
        FieldPanel("social_links"),
    ]

    select_related = ["site"]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    def get_site_name(self):
        """Return the name to show: this setting, else the Wagtail site's, else the platform's."""
        return self.site_name or self.site.site_name or settings.WAGTAIL_SITE_NAME

    def get_tagline(self):
        """Return the tagline in the active language, French when no English one is given."""
        return (self.tagline_en if _in_english() else "") or self.tagline


class AccessibilityStatus(models.TextChoices):
    """Compliance levels that French law (RGAA) asks every page footer to state."""

    NOT_COMPLIANT = "none", _("not compliant")
    PARTIAL = "partial", _("partially compliant")
    FULL = "full", _("fully compliant")


@register_setting(icon="list-ul", order=101)
class NavigationSettings(BaseSiteSetting):
    """The header menu, the footer links and the pages the law asks every page to link to."""

    header_links = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("main menu"),
        help_text=_("Links of the main menu, in the header of every page."),
    )
    footer_links = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        max_num=12,
        verbose_name=_("footer links"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_status = models.CharField(
        _("accessibility compliance"),
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NOT_COMPLIANT,
        help_text=_("As stated in the accessibility statement; shown in the footer."),
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    select_related = ["accessibility_page", "legal_notice_page"]

    panels = [
        FieldPanel("header_links"),
        FieldPanel("footer_links"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_status"),
                FieldPanel("legal_notice_page"),
            ],
            heading=_("Mandatory pages"),
        ),
    ]

    class Meta:
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")
