"""Volunteers of the test phase: their application, consent and cohort."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileKind(models.TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    PROFESSIONAL = "professional", _("Professional musician")
    OTHER = "other", _("Other")


class Device(models.TextChoices):
    COMPUTER = "computer", _("Computer")
    PHONE = "phone", _("Phone")
    TABLET = "tablet", _("Tablet")
    HEADSET = "headset", _("VR headset")
    SCREEN_READER = "screen_reader", _("Screen reader or other assistive technology")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")


class Cohort(models.Model):
    """A group of volunteers admitted together, targeted by surveys."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name


class VolunteerApplication(models.Model):
    """A member's application to the test phase, with their consent (one per member).

    Withdrawing consent deletes the application (see services.withdraw_consent).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="volunteer_application",
    )
    profile = models.CharField(_("profile"), max_length=20, choices=ProfileKind.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    instruments = models.ManyToManyField(
        "core.Instrument", verbose_name=_("instruments"), blank=True, related_name="+"
    )
    devices = models.JSONField(_("devices"), default=list, blank=True)
    availability = models.TextField(_("availability"), blank=True)
    # The first consent: updating the answers (the box is ticked again) keeps its date.
    consent_given_at = models.DateTimeField(_("consent given at"))
    answers_updated_at = models.DateTimeField(_("answers updated at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")

    def __str__(self):
        return str(self.user)

    def instruments_display(self):
        return ", ".join(str(instrument) for instrument in self.instruments.all())

    def get_devices_display(self):
        labels = dict(Device.choices)
        return ", ".join(str(labels.get(value, value)) for value in self.devices)


class ConsentWithdrawal(models.Model):
    """That someone withdrew their consent, and when: kept without anything that identifies
    them (no account, cohort or answer), to count departures and date the erasures."""

    withdrawn_at = models.DateTimeField(_("withdrawn at"), auto_now_add=True)
    status = models.CharField(
        _("status of the application"), max_length=20, choices=ApplicationStatus.choices
    )

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        verbose_name = _("consent withdrawal")
        verbose_name_plural = _("consent withdrawals")

    def __str__(self):
        return f"{self.withdrawn_at:%Y-%m-%d} ({self.get_status_display()})"
