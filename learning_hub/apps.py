from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningHubConfig(AppConfig):
    name = "learning_hub"
    verbose_name = _("Learning Hub")

    def ready(self):
        from core import demo

        from .demo_content import load_demo_hub
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        demo.register("learning_hub", load_demo_hub, order=50)
