"""One row per resumable upload, so that only its owner continues it and stale ones are swept."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadState(models.TextChoices):
    UPLOADING = "uploading", _("Uploading")
    COMPLETED = "completed", _("Completed")
    ABORTED = "aborted", _("Aborted")


class UploadQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(state=UploadState.UPLOADING)

    def stale(self, before):
        """Return the uploads still in progress whose last activity is older than `before`."""
        return self.in_progress().filter(updated_at__lt=before)


class Upload(models.Model):
    """A multipart upload of a recording's source file, from creation to completion."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="studio_uploads",
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    declared_size = models.PositiveBigIntegerField(_("declared size"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    storage_key = models.CharField(_("storage key"), max_length=255, unique=True)
    # Empty with local storage, where Django receives the parts itself.
    s3_upload_id = models.CharField(_("S3 upload id"), max_length=1024, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=UploadState.choices, default=UploadState.UPLOADING
    )
    # Empty for the studio's own recordings; otherwise a purpose registered by another app
    # (see purposes.py) and the scope it gave, e.g. which assignment the file answers.
    purpose = models.CharField(_("purpose"), max_length=50, blank=True, default="")
    scope = models.CharField(_("scope"), max_length=200, blank=True, default="")
    recording = models.ForeignKey(
        "studio.Recording",
        verbose_name=_("recording"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self):
        return f"{self.original_filename} ({self.get_state_display()})"

    @property
    def is_s3(self):
        return bool(self.s3_upload_id)
