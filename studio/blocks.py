"""StreamField blocks that embed studio recordings in lessons and hub resources."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .permissions import policy
from .player import player_config
from .viewsets import recording_chooser_viewset

RecordingChooserBlock = recording_chooser_viewset.get_block_class(
    name="RecordingChooserBlock", module_path="studio.blocks"
)


class RecordingBlock(blocks.StructBlock):
    """A studio recording played in place, 360° and spatial sound included.

    Readers who may not watch the recording (a private or course recording) see why,
    instead of a broken player.
    """

    recording = RecordingChooserBlock(label=_("Recording"))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, max_length=255,
        help_text=_("Shown under the player, e.g. what to listen for."),
    )  # fmt: skip

    class Meta:
        icon = "media"
        label = _("Studio recording")
        template = "studio/blocks/recording_block.html"
        description = _("A recording from the immersive studio, with its accessible player.")
        preview_value = {"caption": _("Listen to the bowing in the second phrase.")}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        recording = value.get("recording")
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        visible = bool(
            recording
            and recording.is_playable
            and user is not None
            and policy.can_view(user, recording)
        )
        # A higher app may put `player_progress_url(recording) -> url` in the page context.
        progress_url = (parent_context or {}).get("player_progress_url")
        context["can_play"] = visible
        context["player_config"] = (
            player_config(recording, progress_url=progress_url(recording) if progress_url else None)
            if visible
            else None
        )
        return context
