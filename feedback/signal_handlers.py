"""Side effects of the page tree on the beta programme."""

from wagtail.signals import page_published

from . import services
from .models import SurveyPage


def survey_published(sender, instance, **kwargs):
    """Announce a survey to its volunteers when it is first published."""
    if isinstance(instance, SurveyPage):
        services.announce_survey(survey=instance)


def register_signal_handlers():
    page_published.connect(survey_published, dispatch_uid="feedback_survey_published")
