"""Celery tasks of the pipeline: thin, they load by id, call a service and decide retries."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import services
from .workspace import sweep_workspaces

# Storage or network trouble: back off 10 s, 20 s, 40 s… up to 5 tries.
TRANSIENT_RETRY = {"autoretry_for": (services.TransientError,), "retry_backoff": 10,
                   "retry_backoff_max": 300, "retry_jitter": True, "max_retries": 5}  # fmt: skip


@shared_task(name="media_pipeline.tasks.probe_asset", acks_late=True,
             reject_on_worker_lost=True, **TRANSIENT_RETRY)  # fmt: skip
def probe_asset(asset_id):
    services.run_probe(asset_id=asset_id)


@shared_task(bind=True, name="media_pipeline.tasks.transcode_asset", acks_late=True,
             reject_on_worker_lost=True, **TRANSIENT_RETRY)  # fmt: skip
def transcode_asset(self, asset_id):
    try:
        services.run_transcode(asset_id=asset_id, interrupted=(SoftTimeLimitExceeded,))
    except services.LeaseHeld as exc:
        # A job that may still be alive holds the asset: look again once its lease lapses.
        raise self.retry(countdown=exc.seconds, max_retries=None) from exc


@shared_task(name="media_pipeline.tasks.sweep_stalled_assets")
def sweep_stalled_assets():
    """Requeue assets whose job died or never reached a worker; clear dead jobs' folders."""
    sweep_workspaces(settings.MEDIA_PIPELINE_TMP_DIR)
    return services.sweep_stalled()
