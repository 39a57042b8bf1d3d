"""The cache's configuration for Redis, shared by the settings and the tests of an outage."""


def redis_cache(url: str, *, socket_timeout: float) -> dict:
    """Return the CACHES entry of a Redis cache at `url` that a stopped Redis cannot break.

    django-redis with IGNORE_EXCEPTIONS: a call that cannot reach Redis is logged (logger
    `django_redis.cache`, with DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS) and answers as a miss
    (`get` the default, `add` and `set` nothing), so that pages, Wagtail's site root paths
    and the rate limits carry on without it. `socket_timeout` bounds each connection
    attempt and each answer, so that an unreachable host costs seconds, not the OS's TCP
    timeout.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "TIMEOUT": 300,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": socket_timeout,
            "SOCKET_TIMEOUT": socket_timeout,
        },
    }
