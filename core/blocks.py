"""StreamField blocks shared by every section: links, featured sections, calls to action, prose.

Chosen pages are stored once, in the language they were picked in; templates receive the
translation in the visitor's language (``page.localized``), so a translated page keeps
working when its source page is copied for translation.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from core.localization import prefetch_target_pages

# Headings come from HeadingBlock, so that editors keep the outline in order.
INTRO_FEATURES = ["bold", "italic", "link", "document-link"]
PROSE_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "superscript", "subscript"]


class LocalizedPageMixin:
    """Give a StructValue with a `page` child the live page to show in the active language."""

    @property
    def target_page(self):
        """Return the page's live translation in the active language, else the page itself
        when it is live, else None. Remembered per language for the life of the value."""
        prefetch_target_pages([self])
        return self.__dict__.get("_targets", {}).get(get_language())


class LinkValue(LocalizedPageMixin, blocks.StructValue):
    """A link's target and text, resolved in the visitor's language."""

    @property
    def href(self):
        """Return the URL to link to, or "" when the chosen page is no longer published."""
        if self.get("page") is not None:
            return self.target_page.get_url() if self.target_page else ""
        return self.get("url") or ""

    @property
    def text(self):
        """Return the custom label, else the page title in the visitor's language."""
        if self.get("label"):
            return self.get("label")
        return self.target_page.title if self.target_page else self.get("url", "")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another website, with an optional label."""

    page = blocks.PageChooserBlock(
        required=False,
        label=_("Page"),
        help_text=_("A page of this site; visitors get its translation in their language."),
    )
    url = blocks.URLBlock(required=False, label=_("External URL"))
    label = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Label"),
        help_text=_("Leave blank to use the page title. Required for an external URL."),
    )

    class Meta:
        icon = "link"
        value_class = LinkValue
        label = _("Link")
        template = "core/blocks/link_block.html"
        description = _("A link to a page of this site or to another website.")
        preview_value = {"url": "https://www.example.org/", "label": _("An example link")}

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an external URL.")
            errors["page"] = ValidationError(message)
            errors["url"] = ValidationError(message)
        elif value.get("url") and not value.get("label"):
            errors["label"] = ValidationError(_("An external link needs a label."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class NavigationLinkValue(LinkValue):
    """A menu link whose custom label may also be given in English."""

    @property
    def text(self):
        if self.get("label_en") and (get_language() or "").startswith("en"):
            return self.get("label_en")
        return super().text


class NavigationLinkBlock(LinkBlock):
    """A link of the header or footer menu; site settings are shared by every language."""

    label_en = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Label in English"),
        help_text=_("Shown to English-speaking visitors when the label above is set."),
    )

    class Meta:
        icon = "link"
        value_class = NavigationLinkValue
        label = _("Menu link")
        template = "core/blocks/link_block.html"
        description = _("A menu link, labelled in French and in English.")
        preview_value = {
            "url": "https://www.example.org/",
            "label": "Un lien",
            "label_en": "A link",
        }


class FeaturedItemValue(LocalizedPageMixin, blocks.StructValue):
    """A featured page, with the editor's label and summary taking precedence."""

    @property
    def title(self):
        return self.get("label") or (self.target_page.title if self.target_page else "")

    @property
    def summary_text(self):
        if self.get("summary"):
            return self.get("summary")
        return self.target_page.search_description if self.target_page else ""


class FeaturedItemBlock(blocks.StructBlock):
    """A chosen page shown as a card: title, short summary, optional image."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        required=False,
        max_length=100,
        label=_("Custom title"),
        help_text=_("Leave blank to use the page title."),
    )
    summary = blocks.TextBlock(
        required=False,
        max_length=300,
        label=_("Summary"),
        help_text=_("Leave blank to use the page's search description."),
    )
    image = ImageBlock(required=False, label=_("Image"))

    class Meta:
        icon = "doc-full"
        value_class = FeaturedItemValue
        label = _("Featured page")
        template = "core/blocks/featured_item_block.html"
        description = _("A page of the site presented as a card.")


class FeaturedSectionBlock(blocks.StructBlock):
    """A titled section of the home page that highlights a few chosen pages."""

    heading = blocks.CharBlock(max_length=100, label=_("Heading"))
    text = blocks.RichTextBlock(required=False, features=INTRO_FEATURES, label=_("Text"))
    items = blocks.ListBlock(FeaturedItemBlock(), min_num=1, max_num=12, label=_("Featured pages"))

    class Meta:
        icon = "grip"
        label = _("Featured section")
        template = "core/blocks/featured_section_block.html"
        description = _("A heading, a short text and a few chosen pages shown as cards.")
        preview_value = {
            "heading": _("Discover the platform"),
            "text": format_lazy(
                "<p>{}</p>", _("Courses, a shared library and immersive recordings.")
            ),
            "items": [],
        }

    def get_context(self, value, parent_context=None):
        prefetch_target_pages(value["items"])
        return super().get_context(value, parent_context=parent_context)


class CallToActionBlock(blocks.StructBlock):
    """A short invitation to act, with one prominent link."""

    heading = blocks.CharBlock(max_length=100, label=_("Heading"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Text"))
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "core/blocks/call_to_action_block.html"
        description = _("A heading, a sentence and a button that invites visitors to act.")
        preview_value = {
            "heading": _("Join the beta programme"),
            "text": _("Try the platform before it opens and tell us what to improve."),
            "link": {"url": "https://www.example.org/", "label": _("Take part")},
        }


class HeadingBlock(blocks.StructBlock):
    """A section heading whose level keeps the page outline in order."""

    text = blocks.CharBlock(max_length=150, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
        help_text=_("Level 2 for a section, 3 for a subsection; do not skip a level."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "core/blocks/heading_block.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": _("A section heading"), "level": "h2"}


class FigureBlock(blocks.StructBlock):
    """An image with its text alternative, an optional caption and credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    attribution = blocks.CharBlock(required=False, max_length=150, label=_("Credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/figure_block.html"
        description = _("An image with a text alternative, a caption and a credit.")


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said it."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=150, label=_("Author"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote_block.html"
        description = _("A quotation, with its author.")
        preview_value = {
            "text": _("A quotation that gives a voice to someone."),
            "attribution": _("Its author"),
        }


class MediaEmbedBlock(blocks.StructBlock):
    """Content from another website (video, sound, score) with a caption that names it."""

    embed = EmbedBlock(label=_("Address of the content"))
    caption = blocks.CharBlock(
        max_length=250,
        label=_("Caption"),
        help_text=_("Say what the embedded content is; people who cannot see it rely on this."),
    )

    class Meta:
        icon = "media"
        label = _("Embedded media")
        template = "core/blocks/media_embed_block.html"
        description = _("A video, a sound or a document from another website, with a caption.")


class ParagraphBlock(blocks.RichTextBlock):
    """Running text: paragraphs, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PROSE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "core/blocks/paragraph_block.html"
        description = _("Text with paragraphs, lists and links.")
        preview_value = format_lazy("<p>{}</p>", _("Some running text, with a link or a list."))


class HomePageStreamBlock(blocks.StreamBlock):
    """What the home page is made of."""

    featured_section = FeaturedSectionBlock()
    call_to_action = CallToActionBlock()
    paragraph = ParagraphBlock()

    class Meta:
        block_counts = {"call_to_action": {"max_num": 3}}


class BodyStreamBlock(blocks.StreamBlock):
    """What a standard page (statement, legal notice, about…) is made of."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    embed = MediaEmbedBlock()


class SocialNetwork(models.TextChoices):
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    PEERTUBE = "peertube", "PeerTube"
    YOUTUBE = "youtube", "YouTube"
    VIMEO = "vimeo", "Vimeo"
    SOUNDCLOUD = "soundcloud", "SoundCloud"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    OTHER = "other", _("Other website")


class SocialLinkValue(blocks.StructValue):
    @property
    def network_label(self):
        """Return the network's name, which is the link text."""
        return SocialNetwork(self.get("network")).label


class SocialLinkBlock(blocks.StructBlock):
    """The address of the organisation's account on a social network."""

    network = blocks.ChoiceBlock(choices=SocialNetwork.choices, label=_("Network"))
    url = blocks.URLBlock(label=_("Address of the account"))

    class Meta:
        icon = "globe"
        value_class = SocialLinkValue
        label = _("Social network")
        template = "core/blocks/social_link_block.html"
        description = _("A link to the organisation's account on a social network.")
        preview_value = {
            "network": SocialNetwork.MASTODON,
            "url": "https://mastodon.example/@conservatoire",
        }
