"""URLs outside the page tree: the resources' JSON API, in the hub's section."""

from django.urls import include, path

from .api import api_router

urlpatterns = [
    # Namespaced "learning_hub", so that the hub's opening phase applies to it.
    path("api/v2/hub/", include((api_router.get_urlpatterns(), "learning_hub"))),
]
