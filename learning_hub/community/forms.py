"""Forms of the community: comments, reports, collections and the contribution form."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Collection
from .sanitizer import sanitize_comment
from .validators import MAX_FILE_BYTES, MAX_FILES, validate_document

COMMENT_MAX_LENGTH = 5000


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text; links and simple emphasis (<em>, <strong>) are kept."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        body = sanitize_comment(self.cleaned_data["body"])
        if not body.strip():
            raise forms.ValidationError(
                _("Your comment is empty once formatting is removed: write a few words.")
            )
        return body


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators look at this comment?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: insult, spam, personal data, off topic."),
    )


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "description", "visibility"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
        }


class AddToCollectionForm(forms.Form):
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=Collection.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your own collections.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.filter(owner=user)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is validated on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Attach %(max)s files at most; put the others in a zip or another proposal.")
                % {"max": MAX_FILES}
            )
        errors = []
        for upload in uploads:
            try:
                validate_document(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return list(uploads)


CONTRIBUTION_MODEL_FIELDS = [
    "title",
    "resource_type",
    "summary",
    "discipline",
    "instruments",
    "level",
    "language",
    "period",
    "genre",
    "licence",
    "permission_note",
    "attribution",
    "source_url",
]


def _resource_fields():
    from learning_hub.models import ResourcePage

    fields = forms.fields_for_model(
        ResourcePage,
        fields=CONTRIBUTION_MODEL_FIELDS,
        formfield_callback=_formfield,
        widgets={
            "summary": forms.Textarea(attrs={"rows": 3}),
            "instruments": forms.CheckboxSelectMultiple,
            "licence": forms.RadioSelect,
        },
    )
    # A radio list needs no "---------" choice: nothing checked already says "not chosen".
    fields["licence"].choices = [choice for choice in fields["licence"].choices if choice[0]]
    fields["title"].help_text = _("What a reader looks for, e.g. “Vibrato exercises for cello”.")
    return fields


class ContributionForm(forms.Form):
    """What a member fills in to propose a resource; the licence rules are the admin's own."""

    body_text = forms.CharField(
        label=_("Text of the resource"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Separate paragraphs with an empty line. You can also only attach files."),
    )
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Scores, worksheets, recordings: PDF, MusicXML, MuseScore, MIDI, MP3, Ogg, "
                    "FLAC, WAV, ODT, DOCX or text; up to %(count)s files of %(size)s MB each.")
        % {"count": MAX_FILES, "size": MAX_FILE_BYTES // (1024 * 1024)},
    )  # fmt: skip
    authors = forms.CharField(
        label=_("Authors"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line: everyone who made the resource, credited when reused."),
    )
    works = forms.CharField(
        label=_("Works referenced"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, as “Composer: Work”, e.g. “Bach: Cello Suite No. 1”."),
    )
    derived_from = forms.CharField(
        label=_("Derived from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("If you adapted resources of the hub, paste their addresses, one per line."),
    )

    field_order = [
        "title", "resource_type", "summary", "body_text", "files", "discipline", "instruments",
        "level", "language", "period", "genre", "authors", "works", "licence",
        "permission_note", "attribution", "source_url", "derived_from",
    ]  # fmt: skip

    def __init__(self, *args, has_files=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_resource_fields())
        self.order_fields(self.field_order)
        self.has_files = has_files
        for name in ("title", "summary", "authors"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_authors(self):
        names = _lines(self.cleaned_data["authors"])
        if not names:
            raise forms.ValidationError(_("Name at least one author (you, for example)."))
        _refuse_long_lines(names)
        return names

    def clean_works(self):
        works = []
        for line in _lines(self.cleaned_data["works"]):
            composer, _sep, title = line.rpartition(":")
            works.append((composer.strip(), title.strip() or line))
        _refuse_long_lines([part for work in works for part in work])
        return works

    def clean_derived_from(self):
        from learning_hub.models import ResourcePage

        sources, unknown = [], []
        for line in _lines(self.cleaned_data["derived_from"]):
            slug = [part for part in line.split("?")[0].split("/") if part][-1:]
            source = ResourcePage.objects.live().filter(slug__in=slug).first()
            if source is None:
                unknown.append(line)
            elif source not in sources:
                sources.append(source)
        if unknown:
            raise forms.ValidationError(
                _("Not a published resource of the hub: %(lines)s. Paste the address shown in "
                  "your browser on the resource's page.") % {"lines": ", ".join(unknown)}
            )  # fmt: skip
        return sources

    def clean(self):
        from learning_hub.forms import licence_errors

        data = super().clean()
        if (
            not (data.get("body_text") or "").strip()
            and not data.get("files")
            and not self.has_files
        ):
            self.add_error(
                "body_text", _("Write the text of the resource or attach at least one file.")
            )
        errors = licence_errors(
            licence=data.get("licence"),
            permission_note=data.get("permission_note"),
            sources=data.get("derived_from") or [],
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, message)
        return data


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# What a name, a composer or a work's title may hold (the database's columns).
LINE_MAX_LENGTH = 255


def _refuse_long_lines(parts):
    too_long = [part for part in parts if len(part) > LINE_MAX_LENGTH]
    if too_long:
        raise forms.ValidationError(
            _("“%(start)s…” is too long: a name or a title may have %(max)s characters at most.")
            % {"start": too_long[0][:40], "max": LINE_MAX_LENGTH}
        )
