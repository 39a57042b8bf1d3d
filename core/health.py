"""Health checks of the services the site depends on: database, broker, cache, storage.

Each check returns a `CheckResult`; a failure names the exception class only, since the
message of a driver's exception may contain a host name, a user or a password.
"""

import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from kombu import Connection
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

STORAGE_PROBE_DIR = "healthz"


class CheckFailed(Exception):
    """A service answered, but not as it should."""


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    duration_ms: float
    error: str = ""

    def as_dict(self):
        data = {"status": "ok" if self.ok else "error", "duration_ms": self.duration_ms}
        if self.error:
            data["error"] = self.error
        return data


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("SELECT 1 returned something else")


def check_broker():
    timeout = settings.HEALTHZ_TIMEOUT
    with Connection(
        settings.CELERY_BROKER_URL,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        connect_timeout=timeout,
    ) as broker:
        # interval_start=0: retry at once, the probe must answer within its timeout.
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise CheckFailed("the cache did not return the value just stored")
    finally:
        cache.delete(key)


def check_storage():
    name = default_storage.save(f"{STORAGE_PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        if not default_storage.exists(name):
            raise CheckFailed("the probe file was not stored")
    finally:
        default_storage.delete(name)


def _broker_errors():
    return (BrokerError, OSError)


def _cache_errors():
    errors = [OSError, DatabaseError]
    try:
        from redis.exceptions import RedisError
    except ImportError:
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


def _storage_errors():
    errors = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        pass
    else:
        errors += [BotoCoreError, ClientError]
    return tuple(errors)


CHECKS = {
    "database": (check_database, lambda: (DatabaseError,)),
    "broker": (check_broker, _broker_errors),
    "cache": (check_cache, _cache_errors),
    "storage": (check_storage, _storage_errors),
}


def run_check(name):
    """Run the check `name` and return its result; unexpected exceptions propagate."""
    check, expected_errors = CHECKS[name]
    started = time.monotonic()
    try:
        check()
    except (CheckFailed, *expected_errors()) as exc:
        logger.warning("Health check %r failed: %s", name, type(exc).__name__, exc_info=True)
        return CheckResult(False, _elapsed_ms(started), type(exc).__name__)
    return CheckResult(True, _elapsed_ms(started))


def run_checks():
    """Return the result of every check, by name."""
    return {name: run_check(name) for name in CHECKS}


def _elapsed_ms(started):
    return round((time.monotonic() - started) * 1000, 1)
