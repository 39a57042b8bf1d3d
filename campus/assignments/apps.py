"""Recorded assignments: submissions of a student's playing and time-coded feedback."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "campus.assignments"
    label = "campus_assignments"
    verbose_name = _("Assignments")

    def ready(self):
        from accounts import gdpr
        from core import demo

        from . import personal_data, uploads
        from .demo_content import load_demo_submission
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        uploads.register()
        gdpr.register_exporter("campus_assignments", personal_data.export)
        gdpr.register_eraser("campus_assignments", personal_data.erase)
        demo.register("campus_assignments", load_demo_submission, order=45)
