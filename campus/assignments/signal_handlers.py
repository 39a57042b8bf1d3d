"""Receivers of the media pipeline's signals: a student learns that their recording failed."""

from media_pipeline.signals import media_asset_failed

from . import emails
from .models import Submission

DISPATCH_UID = "campus_assignments.recording_failed"


def recording_failed(sender, asset_id, message="", **kwargs):
    """Tell the student whose submitted recording could not be processed, with the reason."""
    submission = (
        Submission.objects.filter(asset_id=asset_id).select_related("student", "lesson").first()
    )
    if submission is not None:
        emails.notify_failed(submission, message)


def register_signal_handlers():
    media_asset_failed.connect(recording_failed, dispatch_uid=DISPATCH_UID)
