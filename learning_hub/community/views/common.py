"""Helpers shared by the community's views: the resource in question, limits, answers."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

DEFAULT_RATES = {
    "comment": "5/m",
    "report": "10/h",
    "reaction": "60/m",
    "propose": "10/h",
}


def rate(name):
    """Return a django-ratelimit rate callable reading HUB_COMMUNITY_RATES[name] at request time."""

    def current(group, request):
        return getattr(settings, "HUB_COMMUNITY_RATES", {}).get(name, DEFAULT_RATES[name])

    return current


def live_resource(page_id):
    """Return the live ResourcePage `page_id`; raise Http404 for anything else."""
    from learning_hub.models import ResourcePage

    return get_object_or_404(ResourcePage.objects.live().public(), pk=page_id)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def too_many(request, *, what):
    """Answer a limited request with 429 and a message saying when to try again."""
    message = _(
        "You did that many times in a short while (%(what)s). Wait a minute, then try again."
    ) % {"what": what}
    if wants_json(request):
        return JsonResponse({"error": message}, status=429)
    return render(
        request, "hub_community/limited.html", {"message": message, "back": back_url(request)},
        status=429,
    )  # fmt: skip


def back_url(request, default=None):
    """Return the safe `next` of the request, else the referring page of this site, or `default`."""
    for candidate in (
        request.POST.get("next"),
        request.GET.get("next"),
        request.headers.get("Referer"),
    ):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return default or "/"


def back_to_resource(request, page, anchor=""):
    return redirect(f"{page.url}{anchor}" if page.url else back_url(request))


def verification_required(request, *, status=403):
    """Explain that a verified email address is needed, with the way to verify one."""
    return render(request, "hub_community/verify_email.html", status=status)
