"""URLs of the test suite: the site's, plus views in the campus and hub namespaces."""

from django.http import HttpResponse, JsonResponse
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as site_urlpatterns


def lesson_view(request):
    return HttpResponse("lesson")


def progress_json(request):
    return JsonResponse({"progress": 50})


class ResourcesAPI(APIView):
    def get(self, request):
        return Response({"results": []})


def _module(app_name):
    return (
        [
            path("page/", lesson_view, name="page"),
            path("api/", progress_json, name="api"),
            path("rest/", ResourcesAPI.as_view(), name="rest"),
        ],
        app_name,
    )


urlpatterns = [
    path("t/campus/", include(_module("campus"))),
    path("t/assignments/", include(_module("campus_assignments"))),
    path("t/hub/", include(_module("learning_hub"))),
    path("t/community/", include(_module("hub_community"))),
    *site_urlpatterns,
]
