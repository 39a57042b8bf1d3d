"""Media URLs of recordings: not translated, not prefixed by a language."""

from django.urls import path

from .views import media

app_name = "studio_media"

urlpatterns = [
    path("media-hls/<uuid:uuid>/<path:name>", media.media_file, name="file"),
]
