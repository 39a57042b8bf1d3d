"""StreamField blocks of hub resources, and the resource card the campus embeds in lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import FigureBlock, HeadingBlock, MediaEmbedBlock, ParagraphBlock, QuoteBlock
from studio.blocks import RecordingBlock


class AudioBlock(blocks.StructBlock):
    """A sound file from the documents library, played by the browser's own player."""

    audio = DocumentChooserBlock(
        label=_("Sound file"), help_text=_("An MP3, Ogg, Opus, FLAC or WAV file.")
    )
    caption = blocks.CharBlock(
        max_length=250,
        label=_("Caption"),
        help_text=_("Say what is heard; people who cannot hear it rely on this."),
    )
    transcript = blocks.TextBlock(required=False, label=_("Transcript"))

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "learning_hub/blocks/audio_block.html"
        description = _("A sound file with a caption and, for speech, a transcript.")


class DocumentBlock(blocks.StructBlock):
    """A file readers download: a score, a worksheet, a lesson plan."""

    document = DocumentChooserBlock(label=_("File"))
    label = blocks.CharBlock(
        required=False,
        max_length=150,
        label=_("Label"),
        help_text=_("Leave blank to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable file")
        template = "learning_hub/blocks/document_block.html"
        description = _("A file to download (score, worksheet, lesson plan), with its size.")


class ResourceBodyBlock(blocks.StreamBlock):
    """What a resource is made of."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    recording = RecordingBlock()
    audio = AudioBlock()
    image = FigureBlock()
    document = DocumentBlock()
    embed = MediaEmbedBlock()
    quote = QuoteBlock()


class ResourceBlock(blocks.StructBlock):
    """A hub resource shown as a card (title, type, level, licence) that links to it."""

    resource = blocks.PageChooserBlock(page_type="learning_hub.ResourcePage", label=_("Resource"))
    note = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Note"),
        help_text=_("Why this resource, e.g. what to work on with it."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Hub resource")
        template = "learning_hub/blocks/resource_block.html"
        description = _("A resource from the Learning Hub, shown as a card.")
        preview_value = {"note": _("Practise the first eight bars slowly.")}
