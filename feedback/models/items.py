"""Feedback sent by volunteers from any page, and the team's work on it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..sections import Section
from ..validators import validate_screenshot


class FeedbackKind(models.TextChoices):
    BUG = "bug", _("Something does not work")
    IDEA = "idea", _("An idea")
    CONTENT = "content", _("Content")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    OTHER = "other", _("Other")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    WONT_DO = "wont_do", _("Won't do")


class FeedbackQuerySet(models.QuerySet):
    def of_user(self, user):
        return self.filter(author=user)


def screenshot_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"feedback/screenshots/{instance.uuid}.{extension}"


class Feedback(models.Model):
    """One piece of feedback with the context it was given in."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    message = models.TextField(_("message"))
    screenshot = models.ImageField(
        _("screenshot"),
        upload_to=screenshot_path,
        blank=True,
        validators=[validate_screenshot],
    )
    # The context, captured when the feedback is sent.
    url = models.CharField(_("address of the page"), max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("page title"), max_length=255, blank=True)
    section = models.CharField(_("section"), max_length=10, choices=Section.choices, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    screen_size = models.CharField(_("screen size"), max_length=20, blank=True)
    media_time = models.FloatField(_("time in the recording (seconds)"), null=True, blank=True)
    cohort = models.ForeignKey(
        "feedback.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    # Triage.
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_feedback",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_("Merge this item into another one: the volunteer then follows that one."),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}: {self.message[:60]}"

    def get_absolute_url(self):
        return reverse("feedback:detail", args=[self.uuid])

    @property
    def followed(self):
        """Return the item a volunteer follows: the one this was merged into, else itself."""
        return self.duplicate_of or self

    def media_time_display(self):
        if self.media_time is None:
            return ""
        seconds = int(self.media_time)
        return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class FeedbackNote(models.Model):
    """An internal note of the team on a feedback item, never shown to volunteers."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.text[:60]


class FeedbackReply(models.Model):
    """A reply of the team to the volunteer, emailed and shown in "My feedback"."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("reply"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return self.text[:60]
