"""The beta programme in the Wagtail admin: applications, cohorts, feedback triage, history."""

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button

from accounts.roles import Role

from . import services
from .models import ApplicationStatus, Cohort, Feedback, PhaseChange, VolunteerApplication
from .views.admin import ResendInvitationView

READ_ONLY_VIEWS = {"index", "index_results", "inspect"}

# --- Applications -------------------------------------------------------------------------


RESEND_LABEL = _("Resend the invitation")


def _resend_url(application):
    return reverse("beta_applications:resend_invitation", args=[quote(application.pk)])


class ApplicationReviewForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == ApplicationStatus.ADMITTED and not cleaned_data.get(
            "cohort"
        ):
            self.add_error("cohort", _("Choose the cohort to admit this volunteer into."))
        return cleaned_data


class ApplicationIndexView(IndexView):
    """The list of applications, with checkboxes for the bulk admission."""

    template_name = "feedback/admin/applications_index.html"

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="application"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"application_{quote(instance.pk)}_title"
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == ApplicationStatus.ADMITTED and self.user_has_permission("change"):
            buttons.append(
                Button(RESEND_LABEL, url=_resend_url(instance), icon_name="mail", priority=15)
            )
        return buttons


class ApplicationEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status == ApplicationStatus.ADMITTED:
            buttons.append(
                Button(RESEND_LABEL, url=_resend_url(self.object), icon_name="mail", priority=5)
            )
        return buttons

    def save_instance(self):
        data = self.form.cleaned_data
        previous = VolunteerApplication.objects.get(pk=self.object.pk)
        self.form.instance.status = previous.status  # the service compares and records
        return services.review_application(
            application=self.form.instance,
            status=data["status"],
            cohort=data["cohort"],
            user=self.request.user,
        )


class ApplicationViewSet(ModelViewSet):
    model = VolunteerApplication
    icon = "group"
    menu_label = _("Applications")
    url_prefix = "beta/applications"
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    inspect_view_enabled = True
    list_display = ["user", "profile", "institution", "status", "cohort", "created_at"]
    list_filter = ["status", "cohort", "profile"]
    search_fields = ["institution", "availability", "user__email", "user__display_name"]
    ordering = ["created_at"]
    list_export = [
        "user.email",
        "user.public_name",
        "profile",
        "institution",
        "instruments_display",
        "get_devices_display",
        "availability",
        "get_status_display",
        "cohort",
        "consent_given_at",
        "created_at",
        "invited_at",
    ]
    export_headings = {
        "user.email": _("Email"),
        "user.public_name": _("Name"),
        "instruments_display": _("Instruments"),
        "get_devices_display": _("Devices"),
        "get_status_display": _("Status"),
    }
    export_filename = "beta-applications"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("cohort")],
                heading=_("Review"),
                help_text=_(
                    "Admitting adds the member to the Beta volunteers group and emails them an "
                    "invitation; the waiting list keeps the application for a later cohort."
                ),
            ),
        ],
        base_form_class=ApplicationReviewForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "resend-invitation/<str:pk>/",
                ResendInvitationView.as_view(),
                name="resend_invitation",
            ),
        ]


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    url_prefix = "beta/cohorts"
    list_display = ["name", "starts_on", "created_at"]
    search_fields = ["name"]
    form_fields = ["name", "description", "starts_on"]
    inspect_view_enabled = False


# --- Feedback -----------------------------------------------------------------------------


def _team_members():
    return get_user_model().objects.filter(groups__name=Role.STAFF.value).distinct()


class TriageForm(WagtailAdminModelForm):
    note = forms.CharField(
        label=_("New internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the team only, never by the volunteer."),
    )
    reply = forms.CharField(
        label=_("Reply to the volunteer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the volunteer and shown in their “My feedback” page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _team_members()
        # Any item validates, so that clean() can say why one may not be chosen (chosen
        # from a page loaded before it was merged elsewhere); the originals only are offered.
        duplicate_of = self.fields["duplicate_of"]
        duplicate_of.queryset = Feedback.objects.all()
        offered = duplicate_of.iterator(duplicate_of)
        offered.queryset = Feedback.objects.exclude(pk=self.instance.pk).filter(duplicate_of=None)
        duplicate_of.widget.choices = offered

    def clean_duplicate_of(self):
        into = self.cleaned_data["duplicate_of"]
        if into is not None:
            try:
                services.check_merge(feedback=self.instance, into=into)
            except services.MergeRefused as refused:
                raise forms.ValidationError(str(refused)) from refused
        return into


class TriageEditView(EditView):
    template_name = "feedback/admin/triage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context["item"] = item
        context["notes"] = item.notes.select_related("author")
        context["replies"] = item.replies.select_related("author")
        return context

    def save_instance(self):
        data = self.form.cleaned_data
        return services.triage(
            feedback=self.form.save(commit=False),
            user=self.request.user,
            note=data["note"],
            reply=data["reply"],
        )


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = _("Feedback")
    url_prefix = "beta/feedback"
    edit_view_class = TriageEditView
    inspect_view_enabled = False
    list_display = [
        "__str__",
        "kind",
        "status",
        "section",
        "rating",
        "assignee",
        "created_at",
    ]
    list_filter = ["status", "kind", "section", "page", "cohort", "assignee"]
    search_fields = ["message", "page_title", "url"]
    ordering = ["-created_at"]
    list_export = [
        "pk",
        "created_at",
        "kind",
        "status",
        "rating",
        "section",
        "url",
        "page_title",
        "language",
        "screen_size",
        "media_time",
        "user_agent",
        "cohort",
        "assignee",
        "duplicate_of_id",
        "message",
    ]
    export_filename = "beta-feedback"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("duplicate_of")],
                heading=_("Triage"),
            ),
            FieldPanel("note"),
            FieldPanel("reply"),
        ],
        base_form_class=TriageForm,
    )


class PhaseChangeViewSet(ModelViewSet):
    model = PhaseChange
    icon = "history"
    menu_label = _("Phase history")
    url_prefix = "beta/phase-history"
    inspect_view_enabled = True
    list_display = ["section", "old_phase", "new_phase", "changed_by", "changed_at", "site"]
    list_filter = ["section"]
    ordering = ["-changed_at"]
    form_fields = ["section", "old_phase", "new_phase"]

    def get_urlpatterns(self):
        """Offer the history read-only: no view adds, changes or deletes a record."""
        return [p for p in super().get_urlpatterns() if p.name in READ_ONLY_VIEWS]


class SummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("feedback.view_feedback")


class SummaryViewSet(ViewSet):
    """The menu entry of the summary screen (its URL is registered in wagtail_hooks)."""

    icon = "table"
    menu_label = _("Summary")
    menu_order = 50
    menu_item_class = SummaryMenuItem

    @cached_property
    def menu_url(self):
        return reverse("feedback_summary")


class BetaViewSetGroup(ModelViewSetGroup):
    menu_label = _("Beta programme")
    menu_icon = "comment"
    menu_order = 270
    items = (
        FeedbackViewSet("beta_feedback"),
        SummaryViewSet("feedback_summary_menu"),
        ApplicationViewSet("beta_applications"),
        CohortViewSet("beta_cohorts"),
        PhaseChangeViewSet("beta_phase_history"),
    )
