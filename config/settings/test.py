"""Test suite: SQLite and in-memory services by default, real ones when the environment says."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
CELERY_TASK_ALWAYS_EAGER = False
# Tests sign staff in with force_login; tests/accounts/test_admin_mfa.py turns it on.
ADMIN_REQUIRES_MFA = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: worker processes started by the tests open the same database.
    # One per test run, so that two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}

if CELERY_BROKER_URL == "filesystem://":
    # Its own folders, so that a `make run` worker on the same machine never takes test jobs.
    _queue = VAR_DIR / "test-celery" / "queue"
    for _folder in (
        _queue,
        VAR_DIR / "test-celery" / "processed",
        VAR_DIR / "test-celery" / "results",
    ):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "test-celery" / "processed"),
        "control_folder": str(VAR_DIR / "test-celery" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'test-celery' / 'results'}"
