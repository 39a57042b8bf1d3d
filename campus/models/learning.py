"""Who studies what, how far they got, and what they earned."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .pages import Cohort, CoursePage, LessonPage


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    WAITLISTED = "waitlisted", _("On the waiting list")
    ACTIVE = "active", _("Enrolled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EnrollmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EnrollmentStatus.ACTIVE)

    def holding_a_place(self):
        """Return the enrollments that count against the course's capacity."""
        return self.filter(status=EnrollmentStatus.ACTIVE)


class Enrollment(models.Model):
    """A student's place in a course, from the request to the withdrawal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrollments"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EnrollmentStatus.choices, db_index=True
    )
    last_lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("last lesson opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="campus_one_enrollment")
        ]
        permissions = [("manage_campus", _("Can manage every course's students"))]

    def __str__(self):
        return f"{self.user} — {self.course}"

    @property
    def is_active(self):
        return self.status == EnrollmentStatus.ACTIVE


class Invitation(models.Model):
    """An invitation sent by email; its token link lets the invited person enrol."""

    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campus:invitation", args=[self.token])


class CompletionReason(models.TextChoices):
    EXPLICIT = "explicit", _("Marked as done")
    WATCHED = "watched", _("Recording watched")
    QUIZ = "quiz", _("Quiz passed")


class LessonProgress(models.Model):
    """One student's progress in one lesson: visits, time, recordings watched, completion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(default=0)
    # {recording uuid: {"intervals": [[start, end], …], "position": s, "at": iso time}}
    watched = models.JSONField(default=dict, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_reason = models.CharField(
        max_length=10, choices=CompletionReason.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="campus_one_progress")
        ]

    def __str__(self):
        return f"{self.user} — {self.lesson}"


class TimeTrace(models.Model):
    """A stretch of time a student spent on a lesson, measured by the page's pings."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_traces"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    last_ping_at = models.DateTimeField()
    seconds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["started_at"]
        indexes = [models.Index(fields=["course", "user"])]

    def __str__(self):
        return f"{self.user} — {self.lesson}: {self.seconds} s"


class QuizAttempt(models.Model):
    """One graded attempt at a lesson's quiz, with the answers given."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    # 1 for the student's first attempt at this quiz, 2 for the next…: the form sends the
    # number it hands in, so a second hand-in of the same attempt is recognised.
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(help_text="Percent of the questions answered right.")
    passed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "lesson", "block_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id", "number"], name="campus_one_attempt_number"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.lesson}: {self.score}%"


def _certificate_code():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """A certificate of completion that anyone can verify by its code."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(max_length=14, unique=True, default=_certificate_code, editable=False)
    # Copied at issue time, so the certificate stays true if the course is renamed.
    student_name = models.CharField(max_length=255)
    course_title = models.CharField(max_length=255)
    seconds_traced = models.PositiveIntegerField(default=0)
    lessons_completed = models.PositiveIntegerField(default=0)
    quizzes_passed = models.PositiveIntegerField(default=0)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="campus_one_certificate")
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("campus:certificate", args=[self.code])

    @property
    def hours_traced(self):
        return round(self.seconds_traced / 3600, 1)
