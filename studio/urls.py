"""Public pages of the studio (inside the language prefix)."""

from django.urls import path

from .views import public

app_name = "studio"

urlpatterns = [
    path("", public.catalogue, name="catalogue"),
    path("<uuid:uuid>/", public.recording_detail, name="recording"),
    path("<uuid:uuid>/embed/", public.recording_embed, name="embed"),
    path("<uuid:uuid>/chapters.vtt", public.chapters, name="chapters"),
]
