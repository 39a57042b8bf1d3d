"""Periodic sweep of uploads that were started and never finished."""

import datetime

from celery import shared_task

from . import services


@shared_task(name="studio.uploads.tasks.cleanup_stale_uploads")
def cleanup_stale_uploads(hours=24):
    """Abort uploads idle for `hours`: S3 multipart uploads and local part folders."""
    return services.cleanup_stale_uploads(older_than=datetime.timedelta(hours=hours))
