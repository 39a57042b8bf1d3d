"""Settings shared by every environment; every machine-specific value comes from the environment."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from config.cache import redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="insecure-embedded-default-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Ours first so that our templates override those of the libraries.
    "core",
    "accounts",
    "media_pipeline",
    "studio",
    "learning_hub",
    "learning_hub.community",
    "campus",
    "campus.assignments",
    "feedback",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.mfa.AdminMultiFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "feedback.gating.PhaseGateMiddleware",
    # Last: answers anonymous visitors from the hub's page cache (after the hooks run).
    "learning_hub.caching.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_shell",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url_config(_cache_url)
    if _cache_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "platform"}
}
if _cache_url.startswith(("redis://", "rediss://")):
    # django-redis, so that a stopped Redis costs the cache, not the page (config/cache.py).
    CACHES["default"] = redis_cache(
        _cache_url, socket_timeout=env.float("CACHE_SOCKET_TIMEOUT", default=1.0)
    )
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# django-ratelimit's limits count in the cache; without it they let requests through (the
# cache's failure is logged) rather than refuse every limited action as "too many".
RATELIMIT_FAIL_OPEN = True

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so that operators see and tune them.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Conservatoire augmenté")
MFA_PASSKEY_LOGIN_ENABLED = False
# Where the Wagtail admin lives (config/urls.py): its pages ask for the second factor
# (accounts/mfa.py) and have their own Content-Security-Policy (core/security.py).
ADMIN_URL_PREFIX = "/admin/"
ADMIN_REQUIRES_MFA = env.bool("ADMIN_REQUIRES_MFA", default=True)

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="auto")
    DEFAULT_FILE_STORAGE_BACKEND = "core.storage.MediaS3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
AVATAR_MAX_BYTES = env.int("AVATAR_MAX_BYTES", default=2 * 1024 * 1024)

# --- Jobs -------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="")
if CELERY_BROKER_URL == "filesystem://":
    # The embedded broker: messages are files under var/, so no server is needed.
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    for _d in (_queue_dir, _processed_dir, VAR_DIR / "celery" / "results"):
        _d.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        # Exchange bindings; kombu would otherwise write them to ./control.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or f"file://{VAR_DIR / 'celery' / 'results'}"
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Above the longest job, or Redis redelivers a task that is still running.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=4 * 3600),
        # A web request that sends a job must not wait for the OS's TCP timeout.
        "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=2.0),
    }
    CELERY_RESULT_BACKEND = CELERY_RESULT_BACKEND or CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    # ffmpeg jobs run on workers sized by memory; everything else on the default queue.
    "media_pipeline.tasks.probe_asset": {"queue": "media"},
    "media_pipeline.tasks.transcode_asset": {"queue": "media"},
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Jobs are sent and forgotten: their outcome is in the database. A web process that asked
# for results would also subscribe to them in Redis, and a stopped Redis would then hold
# each sending request ~20 s before failing with a RuntimeError, not the broker's error.
CELERY_TASK_IGNORE_RESULT = True
# Sending a job while the broker is down fails after ~0.4 s (3 tries), not after a long
# wait; the services log it and the media sweeper sends the job again later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# --- Email ------------------------------------------------------------------
# EMAIL_URL examples: consolemail://, smtp+tls://user:password@smtp.example.org:587
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Conservatoire augmenté <noreply@localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Conservatoire augmenté"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The admin asks releases.wagtail.org for new versions: nothing leaves the platform.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every uploaded file is served as an attachment (PDFs too), under Wagtail's policy
# "default-src 'none'" (WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT): none is ever rendered as a
# page of our origin, whatever its content (docs/security.md).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "txt",
    "csv",
    "odt",
    "ods",
    "docx",
    "xlsx",
    "mscz",
    "musicxml",
    "mxl",
    "mid",
    "mp3",
    "ogg",
    "oga",
    "opus",
    "flac",
    "wav",
    "m4a",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# No avatar requests to gravatar.com: nothing leaves the platform about its users.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security (hardened further in production) ------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"


# --- Health checks ----------------------------------------------------------
HEALTHZ_TIMEOUT = env.float("HEALTHZ_TIMEOUT", default=2.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One line per record: time (ISO 8601, in TIME_ZONE with its offset), level, logger,
    # process id, message.
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every background task and publication at INFO; its audit log keeps them.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # fpdf2 subsets the certificates' font with fontTools, which narrates it at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

# --- Media pipeline ---------------------------------------------------------
MEDIA_PIPELINE_TMP_DIR = Path(
    env.str("MEDIA_PIPELINE_TMP_DIR", default=str(VAR_DIR / "tmp" / "media"))
)
MEDIA_PIPELINE_MAX_UPLOAD_BYTES = env.int("MEDIA_PIPELINE_MAX_UPLOAD_BYTES", default=20 * 1024**3)
MEDIA_PIPELINE_MAX_DURATION = env.float("MEDIA_PIPELINE_MAX_DURATION", default=4 * 3600)
MEDIA_PIPELINE_MAX_WIDTH = env.int("MEDIA_PIPELINE_MAX_WIDTH", default=8192)
MEDIA_PIPELINE_MAX_HEIGHT = env.int("MEDIA_PIPELINE_MAX_HEIGHT", default=8192)
MEDIA_PIPELINE_PROBE_TIMEOUT = env.float("MEDIA_PIPELINE_PROBE_TIMEOUT", default=60)
MEDIA_PIPELINE_X264_PRESET = env.str("MEDIA_PIPELINE_X264_PRESET", default="veryfast")
# A job renews its lease while it runs; an expired lease means its worker died.
MEDIA_PIPELINE_LEASE_SECONDS = env.int("MEDIA_PIPELINE_LEASE_SECONDS", default=90)
MEDIA_PIPELINE_REQUEUE_AFTER = env.int("MEDIA_PIPELINE_REQUEUE_AFTER", default=600)
MEDIA_PIPELINE_MAX_ATTEMPTS = env.int("MEDIA_PIPELINE_MAX_ATTEMPTS", default=3)
MEDIA_PIPELINE_SWEEP_INTERVAL = env.int("MEDIA_PIPELINE_SWEEP_INTERVAL", default=120)
CELERY_BEAT_SCHEDULE = {
    "media-pipeline-sweep": {
        "task": "media_pipeline.tasks.sweep_stalled_assets",
        "schedule": MEDIA_PIPELINE_SWEEP_INTERVAL,
    },
    "studio-uploads-cleanup": {
        "task": "studio.uploads.tasks.cleanup_stale_uploads",
        "schedule": 3600,
    },
}

# --- Studio -----------------------------------------------------------------
# Lifetime of the URLs (presigned on S3, signed tokens locally) that receive upload parts.
STUDIO_UPLOAD_URL_EXPIRY = env.int("STUDIO_UPLOAD_URL_EXPIRY", default=15 * 60)
STUDIO_UPLOAD_PARTS_DIR = Path(env.str("STUDIO_UPLOAD_PARTS_DIR", default=str(VAR_DIR / "uploads")))
STUDIO_UPLOAD_CHUNK_SIZE = env.int("STUDIO_UPLOAD_CHUNK_SIZE", default=10 * 1024 * 1024)
# Uploads a person may start (django-ratelimit's rate: count/period); parts are not counted.
STUDIO_UPLOAD_CREATE_RATE = env.str("STUDIO_UPLOAD_CREATE_RATE", default="30/h")
# Public recordings' segments from a CDN or a public bucket path, unsigned ("" = signed URLs).
STUDIO_PUBLIC_MEDIA_URL = env.str("STUDIO_PUBLIC_MEDIA_URL", default="")

# --- Campus -----------------------------------------------------------------
# TrueType fonts of the certificates' PDF (Debian's fonts-dejavu-core): every name and
# title prints as written, whatever its alphabet's accents or its typographic quotes.
CAMPUS_CERTIFICATE_FONT = env.str(
    "CAMPUS_CERTIFICATE_FONT", default="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
CAMPUS_CERTIFICATE_FONT_BOLD = env.str(
    "CAMPUS_CERTIFICATE_FONT_BOLD", default="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
)

# --- Content security and permissions policies (django-csp, django-permissions-policy) ---


# Origins besides this one that serve media to browsers, added to those that the middleware
# reads from the storage settings at each request (core/security.py): a bucket's virtual
# host, a CDN the settings do not name.
CSP_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])
# Players of the embeds that editors may put in a page (Wagtail embeds, oEmbed).
CSP_FRAME_ORIGINS = env.list(
    "CSP_FRAME_ORIGINS",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
    ],
)
# No inline script anywhere on the site: every script is a file of ours (script-src 'self').
# The Wagtail admin alone allows inline scripts and styles, which its own templates and
# widgets write (see core/security.py and docs/security.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # + the media origins (core/security.py)
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "font-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_ORIGINS],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
CSP_ADMIN_DIRECTIVES = {"script-src": [SELF, UNSAFE_INLINE], "style-src": [SELF, UNSAFE_INLINE]}
# Browser features: the 360° player uses fullscreen and the device's orientation sensors;
# nothing on the platform uses the camera, the microphone, the location or payments.
PERMISSIONS_POLICY = {
    "accelerometer": ["self"],
    "autoplay": ["self", *CSP_FRAME_ORIGINS],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", *CSP_FRAME_ORIGINS],
    "fullscreen": ["self", *CSP_FRAME_ORIGINS],
    "geolocation": [],
    "gyroscope": ["self"],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *CSP_FRAME_ORIGINS],
    "usb": [],
}
