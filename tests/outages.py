"""Redis stopped, for a test: the cache or the broker pointed at a loopback port that refuses.

A port that nothing listens on answers a connection with a refusal at once, as a stopped
Redis on its own machine does; the configuration is the settings' own (config/cache.py).
"""

import socket
from contextlib import contextmanager

from django.test import override_settings

from config.cache import redis_cache
from config.celery_app import app


def closed_port() -> int:
    """Return a loopback port that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stopped_redis_url(db=0) -> str:
    return f"redis://127.0.0.1:{closed_port()}/{db}"


@contextmanager
def cache_down():
    """Run the block with the settings' Redis cache configured on a Redis that is stopped."""
    with override_settings(CACHES={"default": redis_cache(stopped_redis_url(2), socket_timeout=1)}):
        yield


@contextmanager
def broker_down():
    """Run the block with Celery on a stopped Redis (broker and results, as deployed)."""
    port = closed_port()
    previous = app.conf.broker_url, app.conf.broker_write_url, app.backend_cls
    app.conf.broker_url = app.conf.broker_write_url = f"redis://127.0.0.1:{port}/0"
    # Read before the result_backend setting, which the Django settings hold.
    app.backend_cls = f"redis://127.0.0.1:{port}/1"
    _drop_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_write_url, app.backend_cls = previous
        _drop_connections()


def _drop_connections():
    # Celery keeps the pools and the result backend of the URLs it first used: forget them,
    # so that the next send takes those of the URLs now configured (kombu's registry keeps
    # pools by URL, so the original ones are found again afterwards).
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
