"""The opening phase of each section, set per site by staff, and the history of its changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..sections import Section


class Phase(models.TextChoices):
    """Who may enter a section, from the most closed to the most open."""

    CLOSED = "closed", _("Closed (staff only)")
    INTERNAL = "internal", _("Internal (staff and teachers)")
    BETA = "beta", _("Beta (staff, teachers and admitted volunteers)")
    PUBLIC = "public", _("Public (everyone)")


def _phase_field(label):
    return models.CharField(label, max_length=10, choices=Phase.choices, default=Phase.PUBLIC)


@register_setting(icon="lock", order=300)
class PhaseSettings(BaseSiteSetting):
    """The opening phase of every section and who may send feedback, for one site."""

    campus_phase = _phase_field(_("Campus"))
    hub_phase = _phase_field(_("Learning Hub"))
    studio_phase = _phase_field(_("Studio"))
    feedback_for_everyone = models.BooleanField(
        _("feedback button for everyone"),
        default=False,
        help_text=_("Show the feedback button to every visitor, not only to volunteers."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("campus_phase"), FieldPanel("hub_phase"), FieldPanel("studio_phase")],
            heading=_("Opening phases"),
            help_text=_("A change takes effect at once and is recorded with your name."),
        ),
        FieldPanel("feedback_for_everyone"),
    ]

    class Meta:
        verbose_name = _("opening phases")
        verbose_name_plural = _("opening phases")

    def phase_of(self, section):
        """Return the phase of `section` (a Section value)."""
        return Phase(getattr(self, f"{Section(section).value}_phase"))

    def phases(self):
        """Return {section: phase} for every section."""
        return {section: self.phase_of(section) for section in Section}


class PhaseChange(models.Model):
    """One change of a section's phase: who made it and when."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    old_phase = models.CharField(_("previous phase"), max_length=10, choices=Phase.choices)
    new_phase = models.CharField(_("new phase"), max_length=10, choices=Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self):
        return f"{self.get_section_display()}: {self.old_phase} → {self.new_phase}"
