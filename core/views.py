"""Views of the site shell: health probe, admin login, search and error pages."""

import base64
import hashlib
import re
import sys

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.health import run_check, run_checks
from core.search import record_search, search_site


@never_cache
@require_safe
def healthz(request):
    """Report whether every service answers: 200 when all do, 503 otherwise."""
    results = run_checks()
    healthy = all(result.ok for result in results.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {name: result.as_dict() for name, result in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


@require_safe
def admin_login_redirect(request):
    """Send the admin's login to allauth's, keeping where to go next when it is safe."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=reverse("account_login"))
    if not request.user.has_perm("wagtailadmin.access_admin"):
        # Logging in again would not help, and allauth would send the member straight back.
        raise PermissionDenied
    return redirect(next_url)


@require_safe
def search(request):
    """Search the pages published in the visitor's language."""
    outcome = search_site(
        request.GET.get("q", ""), user=request.user, page_number=request.GET.get("page")
    )
    if outcome.query and outcome.results.number == 1:
        record_search(outcome.query)
    return render(request, "core/search.html", {"search": outcome})


def page_not_found(request, exception):
    """Render the "page not found" page inside the site shell."""
    return render(request, "404.html", status=404)


def server_error(request):
    """Render a static error page: the database or the templates may be what failed.

    When the database is what failed (stopped, unreachable, restarting), the page says the
    site is briefly unavailable, with 503 and when to retry, rather than that it broke;
    after a POST (any unsafe method) it also says that what was sent was not saved.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable(unsaved=request.method not in ("GET", "HEAD", "OPTIONS"))
    return _static_page("500.html", HttpResponseServerError)


def too_many_requests(request):
    """Answer a request that allauth's limits refused (login, sign-up, password reset, codes).

    Those limits count in the cache, and refuse while it cannot be reached, so that no
    guessed password goes uncounted: the person is then told that the site is briefly
    unavailable (503), not that they tried too often (429).
    """
    if not run_check("cache").ok:
        return unavailable()
    return _static_page("429.html", HttpResponse, status=429)


def unavailable(*, unsaved=False):
    """Return the static "briefly unavailable" page: 503, retry in 30 seconds.

    `unsaved`: the request sent something (a form, an action) that was not saved.
    """
    response = _static_page("503.html", HttpResponse, status=503, context={"unsaved": unsaved})
    response["Retry-After"] = "30"
    return response


def _static_page(template, response_class, context=None, **kwargs):
    html = loader.get_template(template).render(context)
    response = response_class(html, **kwargs)
    # Its styles are inline (no stylesheet may be reachable): the policy names their hash.
    response._csp_update = {"style-src": [inline_style_hash(html)]}
    return response


# What the database driver raises when the server is stopped or cannot be reached.
DATABASE_DOWN = (OperationalError, InterfaceError)


def inline_style_hash(html):
    """Return the CSP source ('sha256-…') of the first <style> element of `html`."""
    style = re.search(r"<style>(.*?)</style>", html, flags=re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"'sha256-{digest}'"
