"""Roles are Django groups; this module is the one table of what each role may do.

Higher apps add their own permissions with `grant()` from their `AppConfig.ready()`,
so that this lower layer never imports them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHERS = "Teachers", _("Teachers")
    BETA_VOLUNTEERS = "Beta volunteers", _("Beta volunteers")
    MODERATORS = "Moderators", _("Moderators")
    STAFF = "Staff", _("Staff")


_ADMIN_ACCESS = {"wagtailadmin.access_admin"}
_PERMISSIONS: dict[str, set[str]] = {
    Role.TEACHERS: set(_ADMIN_ACCESS)
    | {
        "studio.add_recording",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    },
    Role.BETA_VOLUNTEERS: set(),
    Role.MODERATORS: set(_ADMIN_ACCESS)
    | {
        "wagtailimages.choose_image",
        "wagtaildocs.choose_document",
    },
    Role.STAFF: set(_ADMIN_ACCESS)
    | {
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "core.add_instrument",
        "core.change_instrument",
        "core.delete_instrument",
        "accounts.view_user",
        "studio.add_recording",
        "studio.change_recording",
        "studio.delete_recording",
        "studio.view_recording",
    },
}


def grant(role, *permissions):
    """Add `permissions` ("app_label.codename") to `role`; call from AppConfig.ready()."""
    _PERMISSIONS[Role(role)].update(permissions)


def permissions_for(role):
    """Return the permission names that `role` must hold, sorted."""
    return sorted(_PERMISSIONS[Role(role)])


def sync_roles():
    """Create every role's group and give it exactly its permissions; return the groups.

    Raise LookupError naming a permission that does not exist, so that a typo in the
    table fails loudly instead of silently granting less.
    """
    from wagtail.models import GroupPagePermission

    groups = []
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = [_lookup(name) for name in permissions_for(role)]
        group.permissions.set(wanted)
        groups.append(group)
    # Wagtail's first migration gives a "Moderators" group rights over the whole page tree;
    # our roles get page rights only where an app grants them (the hub, the campus).
    GroupPagePermission.objects.filter(group__in=groups, page__depth=1).delete()
    return groups


def _lookup(name):
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise LookupError(f"Unknown permission {name!r} in the roles table.") from exc
