"""Forms of the studio's admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from media_pipeline.models import AudioLayout, Projection, StereoMode


class ConfirmMediaForm(forms.Form):
    """The uploader confirms or corrects what the probe detected."""

    projection = forms.ChoiceField(label=_("Picture"), choices=Projection.choices)
    stereo_mode = forms.ChoiceField(label=_("Stereoscopy"), choices=StereoMode.choices)
    audio_layout = forms.ChoiceField(
        label=_("Sound"),
        choices=AudioLayout.choices,
        help_text=_(
            "Choose “First-order ambisonics (AmbiX)” only for a 4-channel recording made with an "
            "ambisonic microphone: otherwise the channels are mixed as loudspeakers."
        ),
    )

    def __init__(self, *args, has_video=True, has_audio=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_video:
            del self.fields["projection"]
            del self.fields["stereo_mode"]
        if not has_audio:
            del self.fields["audio_layout"]

    @classmethod
    def initial_from_probe(cls, probe):
        """Return the initial values: what the probe detected."""
        probe = probe or {}
        layout = probe.get("audio_layout") or "stereo"
        if probe.get("ambisonic_candidate"):
            layout = AudioLayout.AMBIX
        return {
            "projection": probe.get("projection") or Projection.FLAT,
            "stereo_mode": probe.get("stereo_mode") or StereoMode.MONO,
            "audio_layout": layout if layout in AudioLayout.values else AudioLayout.STEREO,
        }
