"""Workflows of assignments: submit, resubmit, review, comment — each with its emails."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from media_pipeline import services as media_services
from media_pipeline.models import AssetProfile, AssetState, MediaAsset
from studio.uploads.errors import UploadError
from studio.uploads.services import check_declared_file

from . import emails
from .models import ReviewComment, Submission, SubmissionKind, SubmissionStatus
from .validators import (
    COMMENT_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    format_time,
    max_form_recording_bytes,
    validate_submission_file,
)

FAILED_STATES = (AssetState.FAILED, AssetState.CANCELLED)


def latest_submission(*, student, assignment):
    """Return the student's latest attempt at `assignment`, or None."""
    return (
        Submission.objects.for_assignment(lesson=assignment.lesson, block_id=assignment.block_id)
        .filter(student=student)
        .select_related("asset")
        .latest_first()
        .first()
    )


def can_hand_in(latest):
    """Return True if a student whose latest attempt is `latest` may hand in now.

    A first attempt, one the teacher asked to redo, or a recording that could not be
    processed (the failed attempt is kept, with its reason).
    """
    if latest is None or latest.status == SubmissionStatus.TO_REDO:
        return True
    return latest.asset is not None and latest.asset.state in FAILED_STATES


def recording_from_form(*, student, file) -> MediaAsset:
    """Store a recording sent through the plain form (no JavaScript); return its asset."""
    try:
        check_declared_file(filename=file.name, content_type=file.content_type, size=file.size)
    except UploadError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
    if file.size > max_form_recording_bytes():
        raise ValidationError(
            _("This recording is too large to be sent without JavaScript: turn JavaScript on "
              "to use the resumable upload."),
            code="file_too_large",
        )  # fmt: skip
    return media_services.asset_create(
        owner=student, file=file, profile=AssetProfile.FLAT, confirmed=True
    )


def check_recording_asset(*, student, asset):
    """Raise ValidationError unless `asset` is the student's own new assignment recording."""
    if asset is None or asset.owner_id != student.pk or asset.profile != AssetProfile.FLAT:
        raise ValidationError(_("This recording is not one you uploaded."), code="asset")
    if asset.state in FAILED_STATES:
        raise ValidationError(
            _("This recording could not be processed: %(reason)s Upload it again.")
            % {"reason": asset.error_message or ""},
            code="asset_failed",
        )
    if Submission.objects.filter(asset=asset).exists():
        raise ValidationError(_("This recording was already handed in."), code="asset_used")


@transaction.atomic
def submission_create(*, student, assignment, kind, note="", asset=None, file=None) -> Submission:
    """Hand in the student's work: a first attempt or, after "to redo", the next one.

    Raise ValidationError when the assignment does not accept `kind`, when the latest
    attempt is still waiting or reviewed, or when the file or recording is refused.
    """
    latest = latest_submission(student=student, assignment=assignment)
    if not can_hand_in(latest):
        raise ValidationError(
            _("You already handed in this assignment; you may hand it in again only if your "
              "teacher asks you to redo it."),
            code="already_submitted",
        )  # fmt: skip
    if kind not in assignment.accepts:
        raise ValidationError(_("This assignment does not accept this kind of work."), code="kind")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("The note may have %(max)s characters at most.") % {"max": NOTE_MAX_LENGTH},
            code="note_too_long",
        )
    submission = Submission(
        lesson=assignment.lesson,
        block_id=assignment.block_id,
        student=student,
        attempt=(latest.attempt + 1) if latest else 1,
        kind=kind,
        note=note,
        max_grade=assignment.max_grade,
    )
    if kind == SubmissionKind.RECORDING:
        check_recording_asset(student=student, asset=asset)
        submission.asset = asset
    else:
        if file is None:
            raise ValidationError(_("Choose the file to hand in."), code="file_missing")
        submission.file_content_type = validate_submission_file(file)
        submission.file_name = PurePosixPath(file.name).name[:255]
        submission.file.save(file.name, file, save=False)
    submission.save()
    emails.notify_submitted(submission)
    return submission


@transaction.atomic
def submission_review(*, submission, reviewer, status, grade=None, max_grade=None) -> Submission:
    """Record the teacher's verdict (reviewed, or to redo) and grade; tell the student.

    `max_grade` is the assignment's current bound (None: reviewed without a grade). Raise
    ValidationError for another status or a grade outside 0..max_grade.
    """
    if status not in (SubmissionStatus.REVIEWED, SubmissionStatus.TO_REDO):
        raise ValidationError(_("Choose “Reviewed” or “To redo”."), code="status")
    if grade is not None:
        if max_grade is None:
            raise ValidationError(_("This assignment is reviewed without a grade."), code="grade")
        if not 0 <= grade <= max_grade:
            raise ValidationError(
                _("The grade must be between 0 and %(max)s.") % {"max": max_grade},
                code="grade_range",
            )
    submission.status = status
    submission.grade = grade
    submission.max_grade = max_grade
    submission.reviewed_by = reviewer
    submission.reviewed_at = timezone.now()
    submission.save(
        update_fields=["status", "grade", "max_grade", "reviewed_by", "reviewed_at", "updated_at"]
    )
    emails.notify_reviewed(submission)
    return submission


def comment_add(*, submission, author, text, at_seconds=None) -> ReviewComment:
    """Pin the teacher's comment to a moment of the recording (or to the whole work).

    Raise ValidationError for an empty or too long text, a moment on a file, a negative
    moment, or one beyond the end of the recording.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the comment."), code="text_empty")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("A comment may have %(max)s characters at most.") % {"max": COMMENT_MAX_LENGTH},
            code="text_too_long",
        )
    if at_seconds is not None:
        check_moment(submission, at_seconds)
    return ReviewComment.objects.create(
        submission=submission, author=author, text=text, at_seconds=at_seconds
    )


def check_moment(submission, at_seconds):
    """Raise ValidationError unless `at_seconds` is a moment of the submission's recording."""
    if submission.kind != SubmissionKind.RECORDING:
        raise ValidationError(
            _("A file has no timeline: leave the moment empty."), code="moment_on_file"
        )
    if at_seconds < 0:
        raise ValidationError(_("The moment cannot be before the start."), code="moment_negative")
    duration = submission.duration
    if duration is not None and at_seconds > duration:
        raise ValidationError(
            _("The moment %(moment)s is after the end of the recording (%(duration)s).")
            % {"moment": format_time(at_seconds), "duration": format_time(duration)},
            code="moment_after_end",
        )


def comment_delete(*, comment) -> None:
    """Remove a comment (its author or another reviewer of the course changed their mind)."""
    comment.delete()
