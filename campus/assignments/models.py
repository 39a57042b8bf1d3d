"""Submissions to the assignments of lessons and the teachers' reviews of them."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    RECORDING = "recording", _("Recording")
    FILE = "file", _("File")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")
    TO_REDO = "to_redo", _("To redo")


def submission_file_to(instance, filename):
    """Return a storage name nobody can guess: the original name is kept in `file_name`."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"campus/assignments/{instance.uuid}/submission{suffix}"


class SubmissionQuerySet(models.QuerySet):
    def for_assignment(self, *, lesson, block_id):
        return self.filter(lesson=lesson, block_id=block_id)

    def latest_first(self):
        return self.order_by("-attempt")

    def awaiting_review(self):
        return self.filter(status=SubmissionStatus.SUBMITTED)


class Submission(models.Model):
    """One attempt of a student at one assignment (an AssignmentBlock of a lesson).

    A resubmission is a new row with the next attempt number: earlier attempts and their
    reviews are kept.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lesson = models.ForeignKey(
        "campus.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="assignment_submissions",
    )
    # The id of the AssignmentBlock in the lesson's body: it survives edits of the lesson.
    block_id = models.CharField(_("assignment block"), max_length=64)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="assignment_submissions",
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    kind = models.CharField(_("kind"), max_length=16, choices=SubmissionKind.choices)
    asset = models.ForeignKey(
        "media_pipeline.MediaAsset",
        verbose_name=_("recording"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=submission_file_to, max_length=500, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_content_type = models.CharField(_("file type"), max_length=100, blank=True)
    note = models.TextField(_("note from the student"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    max_grade = models.PositiveSmallIntegerField(_("grade out of"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "block_id", "student", "attempt"],
                name="campus_assignments_one_row_per_attempt",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.student} – {self.lesson} #{self.attempt}"

    def get_absolute_url(self):
        return reverse("campus_assignments:submission", args=[self.uuid])

    @property
    def duration(self):
        """Return the recording's duration in seconds, or None while it is unknown."""
        if self.asset is None:
            return None
        for source in (self.asset.manifest, self.asset.probe):
            if source and source.get("duration"):
                return float(source["duration"])
        return None


class ReviewComment(models.Model):
    """A teacher's comment on a submission, pinned to a moment of the recording or general."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Empty for a comment on the whole submission (always so for a file).
    at_seconds = models.FloatField(
        _("moment (seconds)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = [models.F("at_seconds").asc(nulls_first=True), "created_at"]

    def __str__(self):
        return self.text[:60]
