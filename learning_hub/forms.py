"""The resource form's rules, shared by the Wagtail admin and the community's proposal form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from studio.forms import ChoosableRecordingsFormMixin

from .licences import LicenceCode, LicenceConflict, check_derivation


def licence_errors(*, licence, permission_note, sources):
    """Return the form errors, as {field: [messages]}, of a licence choice given its sources.

    `sources` are the `ResourcePage`s the resource derives from. Call this from any form that
    sets a resource's licence, so that the admin and the front-end form say the same thing.
    """
    errors = {}
    if not licence:
        return errors
    try:
        check_derivation(licence, [(source.title, source.licence) for source in sources])
    except LicenceConflict as conflict:
        errors["licence"] = list(conflict.args)
    if licence == LicenceCode.ALL_RIGHTS_RESERVED and not (permission_note or "").strip():
        errors["permission_note"] = [
            _(
                "A resource under “all rights reserved” needs the rights holder's permission: "
                "say who gave it, and when."
            )
        ]
    return errors


class ResourcePageForm(ChoosableRecordingsFormMixin, WagtailAdminPageForm):
    """Check the licence against the resources this one is derived from, and that the
    recordings it plays are ones its author may choose."""

    def clean(self):
        cleaned_data = super().clean()
        sources = []
        formset = self.formsets.get("sources")
        # Formsets are cleaned after the form; clean the sources now to read them.
        if formset is not None and formset.is_valid():
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("source") and not data.get("DELETE"):
                    sources.append(data["source"])
        errors = licence_errors(
            licence=cleaned_data.get("licence"),
            permission_note=cleaned_data.get("permission_note"),
            sources=sources,
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, ValidationError(message))
        return cleaned_data
