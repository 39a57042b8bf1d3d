"""Media URLs of recordings: not translated, not prefixed by a language."""

from django.urls import path

from .uploads import views as uploads
from .views import media

# Uploads for a purpose another app registered (studio/uploads/purposes.py).
U = "uploads/<slug:purpose>/<str:scope>/"

app_name = "studio_media"

urlpatterns = [
    path("media-hls/<uuid:uuid>/<path:name>", media.media_file, name="file"),
    path("media-assets/<uuid:uuid>/<path:name>", media.asset_file, name="asset_file"),
    path(U, uploads.purpose_create, name="upload_create"),
    path(U + "<uuid:upload_uuid>/", uploads.purpose_abort, name="upload_abort"),
    path(U + "<uuid:upload_uuid>/parts/", uploads.purpose_list_parts, name="upload_parts"),
    path(U + "<uuid:upload_uuid>/parts/<int:part_number>/", uploads.purpose_receive_part,
         name="upload_part"),
    path(U + "<uuid:upload_uuid>/parts/<int:part_number>/sign/", uploads.purpose_sign_part,
         name="upload_sign"),
    path(U + "<uuid:upload_uuid>/complete/", uploads.purpose_complete, name="upload_complete"),
]  # fmt: skip
