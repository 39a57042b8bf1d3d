"""Admin integration of the beta programme, and the phase gate of Wagtail pages."""

from django.urls import include, path
from wagtail import hooks
from wagtail.models import Page

from . import services
from .bulk_actions import AdmitBulkAction
from .gating import gate_page
from .models import PhaseSettings, SurveyPage
from .permissions import policy
from .viewsets import BetaViewSetGroup

hooks.register("before_serve_page", gate_page)
hooks.register("register_bulk_action", AdmitBulkAction)


@hooks.register("register_admin_urls")
def register_beta_admin_urls():
    return [path("beta/", include("feedback.admin_urls"))]


@hooks.register("register_admin_viewset")
def register_beta_viewsets():
    return BetaViewSetGroup()


@hooks.register("before_edit_setting")
def remember_phases(request, instance):
    if isinstance(instance, PhaseSettings):
        request._phases_before = instance.phases()


@hooks.register("after_edit_setting")
def record_phases(request, instance):
    """Record who changed which phase: the setting's own history does not say."""
    before = getattr(request, "_phases_before", None)
    if isinstance(instance, PhaseSettings) and before is not None:
        services.record_phase_changes(
            site=instance.site, before=before, after=instance.phases(), user=request.user
        )


@hooks.register("filter_form_submissions_for_user")
def staff_read_survey_answers(user, editable_forms):
    """Let the staff read and export every survey's answers, whoever may edit the page."""
    if not policy.is_team(user):
        return editable_forms
    surveys = Page.objects.type(SurveyPage)
    return (editable_forms | surveys).distinct()
