"""URLs of the error tests: the site's, plus views that fail as a stopped database does."""

from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def broken(request):
    raise ValueError("a bug")


urlpatterns = [
    path("t/database-down/", database_down),
    path("t/broken/", broken),
    *site_urlpatterns,
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
