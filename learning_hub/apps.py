from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningHubConfig(AppConfig):
    name = "learning_hub"
    verbose_name = _("Learning Hub")
