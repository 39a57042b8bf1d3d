"""Screens of the beta programme inside the Wagtail admin (mounted under /admin/beta/)."""

from django.contrib.auth.decorators import permission_required
from django.urls import path

from .views import admin

urlpatterns = [
    path(
        "summary/",
        permission_required("feedback.view_feedback", raise_exception=True)(admin.summary),
        name="feedback_summary",
    ),
]
