"""Bulk actions of the admin's application list: admit the selected applications together."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from . import services
from .models import ApplicationStatus, Cohort, VolunteerApplication


class CohortForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        error_messages={"required": _("Choose the cohort to admit these volunteers into.")},
    )


class AdmitBulkAction(PermissionCheckedMixin, BulkAction):
    """Admit the selected applications into one cohort: each gets the group and, if it was
    not admitted yet, its invitation (an admitted one only changes cohort)."""

    models = [VolunteerApplication]
    permission_required = "change"
    display_name = _("Admit into a cohort")
    action_type = "admit"
    aria_label = _("Admit the selected applications into a cohort")
    template_name = "feedback/admin/confirm_bulk_admit.html"
    action_priority = 10
    form_class = CohortForm

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" would ignore the list's filters: only applications ticked one by one.
        return self.model.objects.none().values_list("pk", flat=True)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.filter(pk__in=object_ids).select_related("user"))

    def get_execution_context(self):
        return {"cohort": self.cleaned_form.cleaned_data["cohort"], "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, cohort=None, user=None, **kwargs):
        for application in objects:
            services.review_application(
                application=application, status=ApplicationStatus.ADMITTED, cohort=cohort, user=user
            )
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d application admitted into %(cohort)s.",
            "%(count)d applications admitted into %(cohort)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "cohort": self.cleaned_form.cleaned_data["cohort"]}
