"""Signal handlers of accounts, connected once from AccountsConfig.ready()."""

from django.db.models.signals import post_migrate


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    """Keep the role groups and their permissions in step with the roles table."""
    from .roles import sync_roles

    # Permissions of every app exist only once the last app has migrated.
    if app_config is not None and app_config.label == _last_app_label():
        sync_roles()


def _last_app_label():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.models_module][-1].label


def register_signal_handlers():
    from allauth.mfa.signals import authenticator_added

    from .mfa import remember_activation

    post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts_sync_roles")
    authenticator_added.connect(remember_activation, dispatch_uid="accounts_mfa_activation")
