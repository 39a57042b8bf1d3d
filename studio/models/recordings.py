"""Recordings from the immersive studio: what was played, by whom, and who may watch it."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable
from wagtail.search import index

from media_pipeline.models import MediaAsset

from ..validators import validate_webvtt


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private (owner and staff)")
    MEMBERS = "members", _("Members (logged-in)")
    COURSE = "course", _("Students of a course")
    PUBLIC = "public", _("Public")


class Licence(models.TextChoices):
    CC0 = "cc0", "CC0"
    CC_BY = "cc-by", "CC BY"
    CC_BY_SA = "cc-by-sa", "CC BY-SA"
    CC_BY_NC = "cc-by-nc", "CC BY-NC"
    CC_BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA"
    CC_BY_ND = "cc-by-nd", "CC BY-ND"
    CC_BY_NC_ND = "cc-by-nc-nd", "CC BY-NC-ND"
    ALL_RIGHTS_RESERVED = "arr", _("All rights reserved")


class RecordingTag(TaggedItemBase):
    content_object = ParentalKey(
        "studio.Recording", related_name="tagged_items", on_delete=models.CASCADE
    )


class RecordingQuerySet(models.QuerySet):
    def public(self):
        """Return the public recordings whose media has a published version to play."""
        playable = MediaAsset.objects.playable()
        return self.filter(visibility=Visibility.PUBLIC, asset__in=playable)

    def owned_by(self, user):
        return self.filter(owner=user)

    def spherical(self):
        return self.filter(asset__projection__in=("equirectangular", "cubemap"))


class Recording(index.Indexed, ClusterableModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="recordings",
    )
    asset = models.OneToOneField(
        "media_pipeline.MediaAsset",
        verbose_name=_("media"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recording",
    )
    instruments = ParentalManyToManyField(
        "core.Instrument", verbose_name=_("instruments"), blank=True
    )
    recorded_on = models.DateField(_("recording date"), null=True, blank=True)
    place = models.CharField(_("recording place"), max_length=255, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Language spoken in the recording, if any."),
    )
    tags = ClusterTaggableManager(through=RecordingTag, blank=True, verbose_name=_("tags"))
    licence = models.CharField(
        _("licence"), max_length=12, choices=Licence.choices, default=Licence.ALL_RIGHTS_RESERVED
    )
    rights_holder = models.CharField(_("rights holder"), max_length=255, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    transcript = models.TextField(_("transcript"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecordingQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.RelatedFields("works", [index.SearchField("composer"), index.SearchField("title")]),
        index.RelatedFields("performers", [index.SearchField("name")]),
        index.FilterField("visibility"),
        index.FilterField("owner_id"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("studio:recording", kwargs={"uuid": self.uuid})

    @property
    def is_playable(self):
        """Return True while a published version exists (a reprocess keeps it playing)."""
        return self.asset is not None and self.asset.is_playable

    @property
    def is_spherical(self):
        return self.asset is not None and self.asset.is_spherical


class RecordingPerformer(Orderable):
    recording = ParentalKey(Recording, related_name="performers", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("instrument or role"), max_length=120, blank=True)

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class RecordingWork(Orderable):
    recording = ParentalKey(Recording, related_name="works", on_delete=models.CASCADE)
    composer = models.CharField(_("composer"), max_length=255, blank=True)
    title = models.CharField(_("work"), max_length=255)

    def __str__(self):
        return f"{self.composer}: {self.title}" if self.composer else self.title


def caption_upload_to(instance, filename):
    return f"media/captions/{instance.recording.uuid}/{uuid.uuid4().hex}.vtt"


class RecordingCaption(Orderable):
    recording = ParentalKey(Recording, related_name="captions", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    label = models.CharField(_("label"), max_length=60, blank=True)
    file = models.FileField(
        _("WebVTT file"), upload_to=caption_upload_to, validators=[validate_webvtt]
    )

    def __str__(self):
        return self.label or self.get_language_display()


class RecordingChapter(Orderable):
    recording = ParentalKey(Recording, related_name="chapters", on_delete=models.CASCADE)
    start = models.DurationField(_("start"), help_text=_("Time in the recording, e.g. 00:02:30."))
    title = models.CharField(_("title"), max_length=255)

    class Meta(Orderable.Meta):
        ordering = ["start"]

    def __str__(self):
        return self.title
