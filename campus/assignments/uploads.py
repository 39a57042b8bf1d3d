"""The studio's resumable uploader and HLS delivery, lent to assignments through its hooks."""

from django.db.models import Q

from studio import delivery
from studio.uploads import purposes

from . import assignments
from .models import Submission
from .permissions import policy

PURPOSE = "assignment"


def may_upload(user, scope):
    """Let a student of the course upload a recording for an assignment that takes one."""
    assignment = assignments.from_scope(scope)
    return bool(
        assignment and "recording" in assignment.accepts and policy.can_submit(user, assignment)
    )


def on_complete(*, user, upload, asset):
    """Answer the browser: the form hands the asset in with the student's note."""
    return {"next_url": None}


def may_play(user, asset):
    """Let the student, the course's teachers and staff play a submitted recording."""
    if not user.is_authenticated:
        return False
    submissions = Submission.objects.filter(asset=asset).select_related("lesson")
    if submissions.filter(Q(student=user)).exists():
        return True
    return any(policy.can_review(user, s.lesson.course) for s in submissions)


def register():
    purposes.register(
        purposes.UploadPurpose(name=PURPOSE, may_upload=may_upload, on_complete=on_complete)
    )
    delivery.register_asset_access_rule(may_play)
