"""Celery tasks of the pipeline: thin, they load by id, call a service and decide retries."""

import random
import uuid

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import services
from .workspace import sweep_workspaces

# Storage or network trouble: back off 10 s, 20 s, 40 s… up to 5 tries.
TRANSIENT_RETRY = {"autoretry_for": (services.TransientError,), "retry_backoff": 10,
                   "retry_backoff_max": 300, "retry_jitter": True, "max_retries": 5}  # fmt: skip
# What the database driver raises when PostgreSQL is stopped, restarting or unreachable.
DATABASE_DOWN = (OperationalError, InterfaceError)
# While it is: back off 2 s, 4 s, 8 s… up to a minute between tries, for about an hour
# (then the task fails, and the sweeper queues the asset again once the database is back).
DATABASE_BACKOFF_MAX = 60
DATABASE_MAX_RETRIES = 60


def database_backoff(retries):
    """Return the seconds before the next try of a job that found the database down.

    The wait doubles from 2 s up to DATABASE_BACKOFF_MAX; its second half is random, so
    that the jobs of many workers do not all reconnect at the same moment.
    """
    ceiling = min(DATABASE_BACKOFF_MAX, 2 * 2**retries)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (a delay, not a secret)


def _retry_database_down(task, exc, token):
    """Return the Retry of a job whose database went away; the retry keeps the job's token,
    so it takes back the asset that this try may have left in PROBING or TRANSCODING."""
    return task.retry(
        exc=exc,
        countdown=database_backoff(task.request.retries),
        max_retries=DATABASE_MAX_RETRIES,
        kwargs={**(task.request.kwargs or {}), "job_token": str(token)},
    )


def _token(job_token):
    return uuid.UUID(job_token) if job_token else uuid.uuid4()


@shared_task(bind=True, name="media_pipeline.tasks.probe_asset", acks_late=True,
             reject_on_worker_lost=True, **TRANSIENT_RETRY)  # fmt: skip
def probe_asset(self, asset_id, job_token=None):
    token = _token(job_token)
    try:
        services.run_probe(asset_id=asset_id, job_token=token)
    except DATABASE_DOWN as exc:
        raise _retry_database_down(self, exc, token) from exc


@shared_task(bind=True, name="media_pipeline.tasks.transcode_asset", acks_late=True,
             reject_on_worker_lost=True, **TRANSIENT_RETRY)  # fmt: skip
def transcode_asset(self, asset_id, job_token=None):
    token = _token(job_token)
    try:
        services.run_transcode(
            asset_id=asset_id, interrupted=(SoftTimeLimitExceeded,), job_token=token
        )
    except services.LeaseHeld as exc:
        # A job that may still be alive holds the asset: look again once its lease lapses.
        raise self.retry(countdown=exc.seconds, max_retries=None) from exc
    except DATABASE_DOWN as exc:
        raise _retry_database_down(self, exc, token) from exc


@shared_task(name="media_pipeline.tasks.sweep_stalled_assets")
def sweep_stalled_assets():
    """Requeue assets whose job died or never reached a worker; clear dead jobs' folders."""
    sweep_workspaces(settings.MEDIA_PIPELINE_TMP_DIR)
    return services.sweep_stalled()
