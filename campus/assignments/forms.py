"""Forms of the submission, review and comment pages; services do the checks that matter."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_pipeline.models import MediaAsset

from .models import SubmissionKind, SubmissionStatus
from .validators import COMMENT_MAX_LENGTH, NOTE_MAX_LENGTH, parse_time


class SubmissionForm(forms.Form):
    """Hand in a recording (uploaded first, or sent with the form) or a file, with a note."""

    kind = forms.ChoiceField(
        label=_("What do you hand in?"), choices=SubmissionKind.choices, widget=forms.RadioSelect
    )
    asset = forms.UUIDField(required=False, widget=forms.HiddenInput)
    recording = forms.FileField(
        label=_("Recording"),
        required=False,
        help_text=_("Video or audio (MP4, MOV, M4V, MKV, WebM, WAV, FLAC, Ogg, MP3 or M4A)."),
    )
    file = forms.FileField(label=_("File"), required=False)
    note = forms.CharField(
        label=_("Note for your teacher"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: what you worked on, what you would like feedback about."),
    )

    def __init__(self, *args, accepts, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [c for c in SubmissionKind.choices if c[0] in accepts]
        self.fields["kind"].choices = choices
        if len(choices) == 1:
            self.fields["kind"].initial = choices[0][0]
            self.fields["kind"].widget = forms.HiddenInput()
        if "recording" not in accepts:
            del self.fields["recording"]
            del self.fields["asset"]
        if "file" not in accepts:
            del self.fields["file"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SubmissionKind.RECORDING:
            if data.get("asset"):
                data["asset_object"] = MediaAsset.objects.filter(uuid=data["asset"]).first()
                if data["asset_object"] is None:
                    self.add_error(
                        "recording", _("This recording does not exist: upload it again.")
                    )
            elif not data.get("recording"):
                self.add_error("recording", _("Choose the recording to hand in."))
        elif kind == SubmissionKind.FILE and not data.get("file"):
            self.add_error("file", _("Choose the file to hand in."))
        return data


class ReviewForm(forms.Form):
    """The teacher's verdict and, when the assignment is graded, the grade."""

    status = forms.ChoiceField(
        label=_("Verdict"),
        choices=[
            (SubmissionStatus.REVIEWED, _("Reviewed")),
            (SubmissionStatus.TO_REDO, _("To redo: the student hands in a new attempt")),
        ],
        widget=forms.RadioSelect,
    )
    grade = forms.IntegerField(label=_("Grade"), required=False)

    def __init__(self, *args, max_grade=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_grade = max_grade
        if max_grade is None:
            del self.fields["grade"]
        else:
            self.fields["grade"].label = _("Grade (out of %(max)s)") % {"max": max_grade}
            self.fields["grade"].widget.attrs.update({"min": 0, "max": max_grade})


class CommentForm(forms.Form):
    """A comment at a moment typed as m:ss (or taken from the player), or on the whole work."""

    moment = forms.CharField(
        label=_("Moment"),
        required=False,
        max_length=16,
        help_text=_("As m:ss, e.g. 1:05. Leave empty for a comment on the whole work."),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_moment(self):
        value = self.cleaned_data.get("moment", "").strip()
        if not value:
            return None
        try:
            return parse_time(value)
        except ValueError as exc:
            raise ValidationError(
                _("“%(value)s” is not a moment: write minutes and seconds, e.g. 1:05.")
                % {"value": value},
                code="moment_format",
            ) from exc
