from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Beta programme")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.permissions import register_permission_policy

        from accounts import gdpr, spaces
        from accounts.roles import Role, grant
        from core import demo, visibility

        from .demo_content import load_demo_beta
        from .gating import forget_phases
        from .gdpr import erase_beta, export_beta
        from .models import PhaseChange, PhaseSettings
        from .permissions import ReadOnlyPermissionPolicy
        from .signal_handlers import register_signal_handlers
        from .visibility import findable_pages

        for model in (PhaseSettings, Site):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_phases, sender=model, dispatch_uid=f"feedback-{id(signal)}-{model}"
                )

        register_signal_handlers()
        register_permission_policy(PhaseChange, ReadOnlyPermissionPolicy(PhaseChange))
        visibility.register_page_filter(findable_pages)
        gdpr.register_exporter("beta", export_beta)
        gdpr.register_eraser("beta", erase_beta)
        demo.register("beta", load_demo_beta, order=60)
        spaces.register("feedback:mine", _("My feedback"), order=30)
        spaces.register("feedback:application", _("My beta application"), order=31)
        grant(
            Role.STAFF,
            *[
                f"feedback.{action}_{model}"
                for model in ("feedback", "volunteerapplication", "cohort")
                for action in ("view", "change", "delete")
            ],
            "feedback.add_cohort",
            "feedback.view_phasechange",
            "feedback.change_phasesettings",
        )
