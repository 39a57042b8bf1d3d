from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        from core import demo

        from .demo_content import load_demo_accounts

        demo.register("accounts", load_demo_accounts, order=20)
