"""Shared vocabularies that every section uses (instruments, …)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class InstrumentFamily(models.TextChoices):
    KEYBOARDS = "keyboards", _("Keyboards")
    STRINGS = "strings", _("Strings")
    WINDS = "winds", _("Winds")
    BRASS = "brass", _("Brass")
    PERCUSSION = "percussion", _("Percussion")
    VOICE = "voice", _("Voice")
    PLUCKED = "plucked", _("Plucked strings")
    ELECTRONIC = "electronic", _("Electronic")
    OTHER = "other", _("Other")


class Instrument(index.Indexed, models.Model):
    """An instrument (or voice) that people play, teach, record and search by."""

    name_fr = models.CharField(_("name (French)"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    family = models.CharField(
        _("family"), max_length=20, choices=InstrumentFamily.choices, default=InstrumentFamily.OTHER
    )

    search_fields = [index.SearchField("name_fr"), index.SearchField("name_en")]

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """Return the name in the active language (French unless English is active)."""
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr


register_snippet(Instrument)
