"""Forms of the campus: the course and lesson editors, invitations, the choice of a cohort."""

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from accounts.roles import Role
from studio.forms import ChoosableRecordingsFormMixin


class CoursePageForm(WagtailAdminPageForm):
    """The course editor: its teachers are chosen among the Teachers and the Staff; a
    teacher who creates a course is one of its teachers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("teachers")
        if field is not None:
            field.queryset = teacher_choices(field.queryset, self.instance)

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        teachers = cleaned_data.get("teachers")
        is_new = self.instance._state.adding
        is_teacher = bool(user) and user.has_role(Role.TEACHERS)
        if is_new and is_teacher and teachers is not None and user not in teachers:
            cleaned_data["teachers"] = teachers | teachers.model.objects.filter(pk=user.pk)
        return cleaned_data


class LessonPageForm(ChoosableRecordingsFormMixin, WagtailAdminPageForm):
    """The lesson editor: the recordings it plays are ones its author may choose."""


def teacher_choices(users, course):
    """Return `users` of the Teachers or Staff roles, and those already teaching `course`.

    A teacher who left the Teachers group stays listed on the courses they teach, so that
    saving the course does not fail on them; the editor may remove them.
    """
    current = [user.pk for user in course.teachers.all()] if course.pk else []
    roles = Q(groups__name__in=[Role.TEACHERS, Role.STAFF]) | Q(pk__in=current)
    return users.filter(pk__in=users.filter(roles).values("pk")).order_by("display_name")


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


def cohort_label(cohort):
    """Return the name and dates of `cohort`, as a student chooses among them."""
    values = {
        "name": cohort.name,
        "start": formats.date_format(cohort.starts_on, "DATE_FORMAT"),
        "end": formats.date_format(cohort.ends_on, "DATE_FORMAT") if cohort.ends_on else "",
    }
    if cohort.ends_on:
        return _("%(name)s, from %(start)s to %(end)s") % values
    return _("%(name)s, from %(start)s") % values


class CohortForm(forms.Form):
    """The cohort a student joins when enrolling, or that a teacher moves a student to."""

    cohort = forms.ChoiceField(label=_("Cohort"))

    def __init__(self, data=None, *, cohorts, **kwargs):
        super().__init__(data, **kwargs)
        self.cohorts = {str(cohort.pk): cohort for cohort in cohorts}
        self.fields["cohort"].choices = [
            (pk, cohort_label(cohort)) for pk, cohort in self.cohorts.items()
        ]

    def clean_cohort(self):
        return self.cohorts[self.cleaned_data["cohort"]]
