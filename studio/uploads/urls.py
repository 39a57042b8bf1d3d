"""Upload URLs, mounted under /admin/studio/uploads/."""

from django.urls import path

from . import views

app_name = "studio_uploads"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("", views.create, name="create"),
    path("<uuid:upload_uuid>/", views.abort, name="abort"),
    path("<uuid:upload_uuid>/parts/", views.list_parts, name="parts"),
    path("<uuid:upload_uuid>/parts/<int:part_number>/", views.receive_part, name="part"),
    path("<uuid:upload_uuid>/parts/<int:part_number>/sign/", views.sign_part, name="sign"),
    path("<uuid:upload_uuid>/complete/", views.complete, name="complete"),
]
