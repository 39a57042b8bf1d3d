"""Production: everything from the environment, no insecure default survives."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
# Previous keys, still accepted to check signatures (sessions, password-reset links) while a
# new SECRET_KEY is rolled out; remove them once those have expired.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL")
if env.str("DATABASE_URL", default="").startswith("postgres"):
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Persistent connections (CONN_MAX_AGE) are checked before reuse, so a request after a
# database restart opens a new one instead of failing on the dead one.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
