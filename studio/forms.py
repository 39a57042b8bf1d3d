"""Forms of the studio's admin screens, and the check of the recordings other forms embed."""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from media_pipeline.models import AudioLayout, Projection, StereoMode

from .blocks import RecordingChooserBlock
from .models import Recording
from .permissions import policy

NOT_CHOOSABLE = _(
    "You may not place this recording: it is someone else's private or course recording. "
    "Choose one of your recordings or a shared one."
)


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


def _embedded(block, value):
    """Yield the recordings that `value` (of `block`) embeds, however deeply nested."""
    if isinstance(block, RecordingChooserBlock):
        if value is not None:
            yield value
    elif isinstance(block, blocks.StreamBlock):
        for child in value or ():
            yield from _embedded(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _embedded(child_block, (value or {}).get(name))
    elif isinstance(block, blocks.ListBlock):
        for child_value in value or ():
            yield from _embedded(block.child_block, child_value)


def _refusals(block, value, refused):
    """Return the block errors that mark each recording of `refused` in `value`, or None."""
    if isinstance(block, RecordingChooserBlock):
        if value is not None and value.pk in refused:
            return ValidationError(NOT_CHOOSABLE, code="recording_not_choosable")
        return None
    if isinstance(block, blocks.StreamBlock):
        children = enumerate((child.block, child.value) for child in value or ())
        errors = {i: e for i, (b, v) in children if (e := _refusals(b, v, refused))}
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.StructBlock):
        items = block.child_blocks.items()
        errors = {n: e for n, b in items if (e := _refusals(b, (value or {}).get(n), refused))}
        return StructBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.ListBlock):
        children = enumerate(value or ())
        errors = {i: e for i, v in children if (e := _refusals(block.child_block, v, refused))}
        return ListBlockValidationError(block_errors=errors) if errors else None
    return None


def _chooser_inputs(block, data, prefix):
    """Yield the names of the posted inputs that carry a recording's id, in Wagtail's naming."""
    if isinstance(block, RecordingChooserBlock):
        yield prefix
    elif isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        for i in range(int(data.get(f"{prefix}-count") or 0)):
            if isinstance(block, blocks.ListBlock):
                child = block.child_block
            else:
                child = block.child_blocks.get(data.get(f"{prefix}-{i}-type"))
            if child is not None:
                yield from _chooser_inputs(child, data, f"{prefix}-{i}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _chooser_inputs(child, data, f"{prefix}-{name}")


class ChoosableRecordingsFormMixin:
    """Refuse a recording that the editor may not choose, placed in any StreamField.

    The chooser lists and hands over only what `policy.choosable` allows, but the form data
    carries bare ids that anyone can write by hand: the save checks them again. A recording
    already in the saved object (its live version or its latest revision) is kept, so that a
    co-teacher may still save a lesson where its owner or staff placed it. The form shown
    again leaves a refused recording's chooser empty, so that it does not tell its title.
    Mix it into the
    `base_form_class` of every page or snippet whose StreamFields can embed a recording
    (tests/studio/test_embedding.py finds them all).
    """

    def clean(self):
        cleaned_data = super().clean()
        fields = {n: b for n, b in self._stream_fields().items() if n in cleaned_data}
        placed = {
            recording.pk
            for name, block in fields.items()
            for recording in _embedded(block, cleaned_data[name])
        }
        if not placed:
            return cleaned_data
        user = getattr(self, "for_user", None) or AnonymousUser()
        allowed = policy.choosable(user, Recording.objects.filter(pk__in=placed))
        refused = placed - set(allowed.values_list("pk", flat=True))
        if refused:
            refused -= self._saved_recording_ids()
        if refused:
            self._refuse(fields, refused)
        return cleaned_data

    def _refuse(self, fields, refused):
        """Mark the refused recordings on their blocks and take their ids out of the form."""
        data, ids = self.data.copy(), {str(pk) for pk in refused}
        for name, block in fields.items():
            if errors := _refusals(block, self.cleaned_data[name], refused):
                self.add_error(name, errors)
            for key in _chooser_inputs(block, data, self.add_prefix(name)):
                if data.get(key) in ids:
                    data[key] = ""
        self.data = data

    def _stream_fields(self):
        return {
            name: field.block
            for name, field in self.fields.items()
            if isinstance(getattr(field, "block", None), blocks.StreamBlock)
        }

    def _saved_recording_ids(self):
        """Return the ids of the recordings that the saved object already embeds."""
        instance = self.instance
        saved = instance.pk and type(instance)._default_manager.filter(pk=instance.pk).first()
        if not saved:
            return set()
        versions = [saved]
        if hasattr(saved, "get_latest_revision_as_object"):
            versions.append(saved.get_latest_revision_as_object())
        return {
            recording.pk
            for version in versions
            for name, block in self._stream_fields().items()
            for recording in _embedded(block, getattr(version, name, None))
        }
