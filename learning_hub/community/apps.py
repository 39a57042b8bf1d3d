from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "learning_hub.community"
    label = "hub_community"
    verbose_name = _("Learning Hub community")

    def ready(self):
        from accounts import gdpr, spaces
        from accounts.roles import Role, grant
        from core import demo, visibility

        from . import personal_data, quarantine
        from .demo_content import load_demo_community
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        visibility.register_document_rule(quarantine.may_download)
        grant(
            Role.MODERATORS,
            "hub_community.view_comment",
            "hub_community.change_comment",
            quarantine.REVIEW_PERMISSION,
        )
        grant(
            Role.STAFF,
            quarantine.REVIEW_PERMISSION,
            "hub_community.view_comment",
            "hub_community.change_comment",
            "hub_community.view_collection",
            "hub_community.change_collection",
        )
        gdpr.register_exporter("hub_community", personal_data.export)
        gdpr.register_eraser("hub_community", personal_data.erase)
        demo.register("hub_community", load_demo_community, order=55)
        spaces.register("hub_community:my_contributions", _("My contributions"), order=20)
        spaces.register("hub_community:collections", _("Collections"), order=21)
        spaces.register("hub_community:bookmarks", _("My bookmarks"), order=22)
