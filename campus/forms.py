"""Forms of the campus: the course editor, the invitation form, quiz answers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from accounts.roles import Role


class CoursePageForm(WagtailAdminPageForm):
    """The course editor: a teacher who creates a course is one of its teachers."""

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        teachers = cleaned_data.get("teachers")
        is_new = self.instance._state.adding
        is_teacher = bool(user) and user.has_role(Role.TEACHERS)
        if is_new and is_teacher and teachers is not None and user not in teachers:
            cleaned_data["teachers"] = teachers | teachers.model.objects.filter(pk=user.pk)
        return cleaned_data


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line; each person receives a personal link."),
    )

    def clean_emails(self):
        validator = forms.EmailField()
        addresses = []
        errors = []
        for line in self.cleaned_data["emails"].split():
            try:
                addresses.append(validator.clean(line.strip(",;")))
            except forms.ValidationError:
                errors.append(line)
        if errors:
            raise forms.ValidationError(
                _("These are not email addresses: %(list)s") % {"list": ", ".join(errors)}
            )
        return sorted(set(addresses))
