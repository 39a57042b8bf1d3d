from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampusConfig(AppConfig):
    name = "campus"
    verbose_name = _("Campus")

    def ready(self):
        from django.core import checks

        from accounts import gdpr, spaces
        from accounts.roles import Role, grant
        from core import demo, visibility
        from studio.permissions import register_access_rule

        from . import certificates, personal_data
        from .demo_content import load_campus_demo
        from .permissions import policy
        from .signal_handlers import register_signal_handlers

        register_signal_handlers(self)
        checks.register(certificates.check_fonts)
        register_access_rule(policy.can_view_recording)
        visibility.register_document_rule(policy.can_download_document)
        visibility.register_page_filter(policy.findable_pages)
        grant(Role.STAFF, "campus.manage_campus")
        gdpr.register_exporter("campus", personal_data.export)
        gdpr.register_eraser("campus", personal_data.erase)
        demo.register("campus", load_campus_demo, order=40)
        spaces.register("campus:student_dashboard", _("My courses"), order=10)
        spaces.register(
            "campus:teacher_dashboard", _("My teaching"), order=11, visible=policy.may_teach_any
        )
