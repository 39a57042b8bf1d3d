"""Celery tasks of the studio (found by the worker's autodiscovery)."""

from .uploads.tasks import cleanup_stale_uploads

__all__ = ["cleanup_stale_uploads"]
