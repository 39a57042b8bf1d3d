"""Studio screens inside the Wagtail admin (mounted under /admin/studio/)."""

from django.urls import include, path

from .views import admin

R = "recordings/<int:pk>/"
urlpatterns = [
    path("uploads/", include("studio.uploads.urls")),
    path(R + "status/", admin.recording_status, name="studio_recording_status"),
    path(R + "status.json", admin.recording_status_json,
         name="studio_recording_status_json"),
    path(R + "confirm/", admin.recording_confirm, name="studio_recording_confirm"),
    path(R + "preview.jpg", admin.recording_preview, name="studio_recording_preview"),
    path(R + "<slug:action>/", admin.recording_action, name="studio_recording_action"),
]  # fmt: skip
