"""What an unreachable cache server raises, for code that can do without the cache."""


def cache_errors():
    """Return the exceptions of a cache server that cannot be reached (Redis, sockets)."""
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return (OSError,)
    return (OSError, RedisError)
