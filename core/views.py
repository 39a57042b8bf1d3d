"""Placeholder views, replaced by the site shell work."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect


def healthz(request):
    return JsonResponse({"status": "ok"})


def admin_login_redirect(request):
    return redirect("account_login")


def search(request):
    return HttpResponse("search")


def page_not_found(request, exception):
    return HttpResponse("not found", status=404)


def server_error(request):
    return HttpResponse("error", status=500)
