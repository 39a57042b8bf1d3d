from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import demo
        from core.demo_content import load_core_demo
        from core.shell import connect_invalidation

        demo.register("core", load_core_demo, order=10)
        connect_invalidation()
