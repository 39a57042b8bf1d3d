from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "studio"
    verbose_name = _("Studio")

    def ready(self):
        from core import demo

        from .demo_content import load_demo_recording

        demo.register("studio", load_demo_recording, order=30)
