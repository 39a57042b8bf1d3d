"""The Content-Security-Policy of every response (django-csp), relaxed in the admin alone.

The site itself runs no inline script: every script is one of our files, so its policy is
`script-src 'self'` — no `unsafe-inline`, and no nonce to keep either, which leaves the
hub's cached pages valid for every visitor. The Wagtail admin is the exception: its own
templates and form widgets write inline scripts and styles (Wagtail issue #1288), so its
pages (`ADMIN_URL_PREFIX`, reached by staff alone, with multi-factor authentication) get
`CSP_ADMIN_DIRECTIVES` instead; everything else in its policy stays as strict.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's directives replaced under its prefix."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
