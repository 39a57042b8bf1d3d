"""Remove the "Editors" group that Wagtail's first migration creates.

It holds Wagtail's defaults: the admin, adding and changing every page from the root, and
the images and documents of the root collection. No role of the platform is it (roles are
`accounts.roles.Role`), and nothing uses it: whoever was put in it could edit every page of
every course. Deleting it deletes its page and collection permissions and its memberships.
"""

from django.db import migrations

WAGTAIL_EDITORS = "Editors"


def remove_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=WAGTAIL_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(remove_editors, migrations.RunPython.noop)]
