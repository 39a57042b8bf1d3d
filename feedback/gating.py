"""Opening phases applied to requests: Wagtail pages through a hook, other views in middleware."""

import logging
import uuid

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseForbidden, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.caching import cache_errors

from .models import Phase, PhaseSettings
from .permissions import policy
from .sections import MACHINE_NAMESPACES, Section, section_for_match, section_for_page

# The phases of each host are kept in the cache under a generation that every save or
# deletion of the phase settings or of a site replaces (`forget_phases`): a phase change
# takes effect at once, and a request reads no phase from the database in between.
_PHASES_KEY = "feedback:phases:{}"
_PHASES_GENERATION = "feedback:phases:generation"
_PHASES_TIMEOUT = 24 * 60 * 60

logger = logging.getLogger(__name__)


def phases_for(request):
    """Return the PhaseSettings of the request's site: once per request, from the cache.

    Without a matching site every section is public (the defaults of an unsaved setting).
    """
    phases = getattr(request, "_feedback_phases", None)
    if phases is None:
        phases = request._feedback_phases = _cached_phases(request)
    return phases


def forget_phases(**kwargs):
    """Make every cached PhaseSettings stale (a signal receiver: phases or sites changed)."""
    try:
        cache.set(_PHASES_GENERATION, uuid.uuid4().hex, None)
    except cache_errors() as error:
        logger.warning("Cache unreachable; opening phases not invalidated: %s", error)


def _cached_phases(request):
    try:
        key = _PHASES_KEY.format(request.get_host())
        found = cache.get_many([key, _PHASES_GENERATION])
        generation = found.get(_PHASES_GENERATION)
        if generation is None:
            cache.add(_PHASES_GENERATION, uuid.uuid4().hex, None)
            generation = cache.get(_PHASES_GENERATION)
    except DisallowedHost:
        return _read_phases(request)
    except cache_errors() as error:
        logger.warning("Cache unreachable, reading the opening phases: %s", error)
        return _read_phases(request)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    phases = _read_phases(request)
    # Kept under the generation read BEFORE them: a change saved meanwhile makes them stale.
    # (The very first read creates the site's phases, so it is kept stale once.)
    try:
        cache.set(key, (generation, phases), _PHASES_TIMEOUT)
    except cache_errors() as error:
        logger.warning("Cache unreachable, opening phases not kept: %s", error)
    return phases


def _read_phases(request):
    try:
        return PhaseSettings.for_request(request)
    except PhaseSettings.DoesNotExist:
        return PhaseSettings()


def refusal(request, section, phase, *, machine=False, api=False):
    """Return the answer to someone the phase of `section` does not admit yet.

    People get a 403 page that explains the phase and invites them to volunteer; media
    (`machine`) get a one-line 403, APIs and JSON clients a JSON 403.
    """
    message = _("This part of the platform is not open to you yet.")
    if machine:
        return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")
    if api or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=403)
    context = {
        "section": Section(section),
        "phase": Phase(phase),
        "invite_to_volunteer": not policy.is_volunteer(request.user),
    }
    return TemplateResponse(request, "feedback/phase_refused.html", context, status=403)


def check_section(request, section, *, machine=False, api=False):
    """Return a refusal if the request may not enter `section` now, else None."""
    if section is None:
        return None
    phase = phases_for(request).phase_of(section)
    if policy.may_enter(request.user, phase):
        return None
    return refusal(request, section, phase, machine=machine, api=api)


class PhaseGateMiddleware:
    """Refuse the non-page views of a section (its URL namespaces) to people not admitted yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        section = section_for_match(match)
        machine = bool(set(match.namespaces) & MACHINE_NAMESPACES) if match else False
        # Django REST framework views (the hub's API) mark themselves with `cls`.
        api = hasattr(view_func, "cls")
        return check_section(request, section, machine=machine, api=api)


def gate_page(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: refuse a page of a section that is not open to the user."""
    return check_section(request, section_for_page(page))
