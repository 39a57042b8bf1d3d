"""The vocabularies resources are described and filtered with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    TUTORIAL = "tutorial", _("Tutorial")
    SCORE = "score", _("Score")
    EXERCISE = "exercise", _("Exercise")
    LESSON_PLAN = "lesson-plan", _("Lesson plan")
    RECORDING = "recording", _("Recording")
    PODCAST = "podcast", _("Podcast")
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    OTHER = "other", _("Other")


class Discipline(models.TextChoices):
    MUSIC = "music", _("Music")
    DANCE = "dance", _("Dance")
    THEATRE = "theatre", _("Theatre")
    CIRCUS = "circus", _("Circus")
    MUSICAL_THEATRE = "musical-theatre", _("Musical theatre")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    """From a first encounter to professional practice, in teaching order."""

    DISCOVERY = "discovery", _("Discovery")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    PROFESSIONAL = "professional", _("Professional")


class ResourceLanguage(models.TextChoices):
    """The language a resource is written or spoken in (none for a score without text)."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    OTHER = "other", _("Other language")
    NONE = "none", _("No language")


class Period(models.TextChoices):
    MEDIEVAL = "medieval", _("Medieval")
    RENAISSANCE = "renaissance", _("Renaissance")
    BAROQUE = "baroque", _("Baroque")
    CLASSICAL = "classical", _("Classical")
    ROMANTIC = "romantic", _("Romantic")
    MODERN = "modern", _("20th century")
    CONTEMPORARY = "contemporary", _("Contemporary")
    TRADITIONAL = "traditional", _("Traditional")
