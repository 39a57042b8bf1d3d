"""Tasks of the shared kernel."""

from celery import shared_task


# Its result is read back (CELERY_TASK_IGNORE_RESULT leaves every other job's out).
@shared_task(name="core.ping", ignore_result=False)
def ping(payload="pong"):
    """Return `payload`: proves a worker consumes the queue and can answer."""
    return payload
