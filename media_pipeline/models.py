"""Media assets and their processing state; the app knows nothing of who embeds them."""

import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssetState(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PROBING = "probing", _("Analysing")
    PROBED = "probed", _("Awaiting confirmation")
    QUEUED = "queued", _("Queued")
    TRANSCODING = "transcoding", _("Transcoding")
    PUBLISHING = "publishing", _("Publishing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


# Which states each state may move to; every change goes through `MediaAsset.transition`.
TRANSITIONS = {
    AssetState.UPLOADED: {AssetState.PROBING, AssetState.CANCELLED, AssetState.FAILED},
    AssetState.PROBING: {
        AssetState.PROBED,
        AssetState.QUEUED,
        AssetState.FAILED,
        AssetState.CANCELLED,
        AssetState.UPLOADED,
    },
    AssetState.PROBED: {AssetState.QUEUED, AssetState.CANCELLED, AssetState.FAILED},
    AssetState.QUEUED: {AssetState.TRANSCODING, AssetState.CANCELLED, AssetState.FAILED},
    AssetState.TRANSCODING: {
        AssetState.PUBLISHING,
        AssetState.FAILED,
        AssetState.CANCELLED,
        AssetState.QUEUED,
    },
    AssetState.PUBLISHING: {AssetState.READY, AssetState.FAILED, AssetState.QUEUED},
    AssetState.READY: {AssetState.QUEUED},
    AssetState.FAILED: {AssetState.UPLOADED, AssetState.QUEUED},
    AssetState.CANCELLED: {AssetState.UPLOADED, AssetState.QUEUED},
}
ACTIVE_STATES = (AssetState.PROBING, AssetState.TRANSCODING, AssetState.PUBLISHING)


class AssetKind(models.TextChoices):
    UNKNOWN = "unknown", _("Not analysed yet")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Sound only")


class AssetProfile(models.TextChoices):
    IMMERSIVE = "immersive", _("Immersive (360° and ambisonics kept)")
    FLAT = "flat", _("Flat (video and stereo sound)")


class Projection(models.TextChoices):
    FLAT = "flat", _("Flat")
    EQUIRECTANGULAR = "equirectangular", _("360° equirectangular")
    CUBEMAP = "cubemap", _("360° cubemap")


class StereoMode(models.TextChoices):
    MONO = "mono", _("Mono (one picture)")
    TOP_BOTTOM = "top-bottom", _("Stereoscopic, top-bottom")
    LEFT_RIGHT = "left-right", _("Stereoscopic, side by side")


class AudioLayout(models.TextChoices):
    MONO = "mono", _("Mono")
    STEREO = "stereo", _("Stereo")
    SURROUND_5_1 = "5.1", _("5.1 surround")
    AMBIX = "ambix", _("First-order ambisonics (AmbiX)")
    MULTICHANNEL = "multichannel", _("Other multichannel")


def source_upload_to(instance, filename):
    """Return the storage key of a source: the asset's folder, the name made safe."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"media/sources/{instance.uuid}/source{suffix}"


class MediaAssetQuerySet(models.QuerySet):
    def playable(self):
        """Return assets with a published version, whatever job may be making the next one."""
        return self.exclude(published_prefix="")

    def stalled(self, *, now=None):
        """Return assets whose job lease expired, or that waited too long for a worker."""
        now = now or timezone.now()
        waiting_since = now - timedelta(seconds=settings.MEDIA_PIPELINE_REQUEUE_AFTER)
        return self.filter(
            models.Q(state__in=ACTIVE_STATES, lease_expires_at__lt=now)
            | models.Q(
                state__in=(AssetState.UPLOADED, AssetState.QUEUED), updated_at__lt=waiting_since
            )
        )


class MediaAsset(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="media_assets",
    )
    source = models.FileField(_("source file"), upload_to=source_upload_to, max_length=500)
    source_size = models.BigIntegerField(_("source size (bytes)"), default=0)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=AssetKind.choices, default=AssetKind.UNKNOWN
    )
    profile = models.CharField(
        _("processing profile"),
        max_length=12,
        choices=AssetProfile.choices,
        default=AssetProfile.IMMERSIVE,
    )
    probe = models.JSONField(_("probe result"), null=True, blank=True, editable=False)
    projection = models.CharField(
        _("projection"), max_length=20, choices=Projection.choices, blank=True
    )
    stereo_mode = models.CharField(
        _("stereo mode"), max_length=12, choices=StereoMode.choices, blank=True
    )
    audio_layout = models.CharField(
        _("audio layout"), max_length=12, choices=AudioLayout.choices, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    state = models.CharField(
        _("state"),
        max_length=12,
        choices=AssetState.choices,
        default=AssetState.UPLOADED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error_message = models.TextField(_("error message"), blank=True)
    error_detail = models.TextField(_("technical detail"), blank=True)
    job_token = models.UUIDField(null=True, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(_("published version"), default=0)
    published_prefix = models.CharField(max_length=255, blank=True, editable=False)
    manifest = models.JSONField(_("manifest"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)

    objects = MediaAssetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("media asset")
        verbose_name_plural = _("media assets")
        indexes = [models.Index(fields=["state", "lease_expires_at"])]

    def __str__(self):
        return self.original_filename or str(self.uuid)

    @property
    def storage_prefix(self):
        """Return the folder under which every published version of the asset lives."""
        return f"media/assets/{self.uuid}/"

    @property
    def preview_name(self):
        """Return the storage key of the still frame shown when the uploader confirms."""
        return f"media/sources/{self.uuid}/preview.jpg"

    @property
    def is_playable(self):
        """Return True once a version is published: a reprocess or its failure keeps it."""
        return bool(self.published_prefix)

    @property
    def is_spherical(self):
        return self.effective_projection in (Projection.EQUIRECTANGULAR, Projection.CUBEMAP)

    @property
    def effective_projection(self):
        """Return the confirmed projection, else what the probe detected, else flat."""
        return self.projection or (self.probe or {}).get("projection") or Projection.FLAT

    def transition(self, to, *, allowed_from=None, **fields):
        """Move to state `to` if the stored state still allows it; return True if it moved.

        The update is conditional on the state in the database, so two jobs racing on
        the same asset cannot both win; the instance is refreshed either way.
        """
        sources = allowed_from or [s for s, targets in TRANSITIONS.items() if to in targets]
        fields["updated_at"] = timezone.now()
        moved = type(self).objects.filter(pk=self.pk, state__in=sources).update(state=to, **fields)
        self.refresh_from_db()
        return bool(moved)
