"""Tasks of the shared kernel."""

from celery import shared_task


@shared_task(name="core.ping")
def ping(payload="pong"):
    """Return `payload`: proves a worker consumes the queue and can answer."""
    return payload
