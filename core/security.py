"""The Content-Security-Policy of every response (django-csp), relaxed in the admin alone.

The site itself runs no inline script: every script is one of our files, so its policy is
`script-src 'self'` — no `unsafe-inline`, and no nonce to keep either, which leaves the
hub's cached pages valid for every visitor. The Wagtail admin is the exception: its own
templates and form widgets write inline scripts and styles (Wagtail issue #1288), so its
pages (`ADMIN_URL_PREFIX`, reached by staff alone, with multi-factor authentication) get
`CSP_ADMIN_DIRECTIVES` instead; everything else in its policy stays as strict.

Media may come from elsewhere than this origin: the object storage's endpoint (upload
parts, signed segments), a CDN. Their origins are read from the storage settings at each
request, so that the policy follows the storage in use, plus `CSP_MEDIA_ORIGINS`.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

MEDIA_DIRECTIVES = ("img-src", "media-src", "connect-src")


def origin_of(url):
    """Return the scheme://host[:port] of an absolute URL, or None for a relative one."""
    scheme, _sep, rest = (url or "").partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if scheme and rest else None


def media_origins():
    """Return the origins other than this one that serve media, from the current settings."""
    options = settings.STORAGES.get("default", {}).get("OPTIONS", {})
    custom_domain = options.get("custom_domain") or getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
    urls = [
        settings.MEDIA_URL,
        getattr(settings, "STUDIO_PUBLIC_MEDIA_URL", ""),
        options.get("endpoint_url") or getattr(settings, "AWS_S3_ENDPOINT_URL", None),
        f"https://{custom_domain}" if custom_domain else None,
    ]
    found = [origin for origin in map(origin_of, urls) if origin]
    return list(dict.fromkeys([*found, *settings.CSP_MEDIA_ORIGINS]))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: the media origins added, the admin's directives replaced."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        origins = media_origins()
        if origins:
            update = dict(parts.update or {})
            for directive in MEDIA_DIRECTIVES:
                update[directive] = [*update.get(directive, []), *origins]
            parts.update = update
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
