import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from accounts import roles
from accounts.models import User
from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_with_its_permissions():
    for role in Role:
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(roles.permissions_for(role))


def test_sync_roles_is_idempotent_and_applies_granted_permissions(monkeypatch):
    monkeypatch.setitem(roles._PERMISSIONS, Role.BETA_VOLUNTEERS, set())
    roles.grant(Role.BETA_VOLUNTEERS, "wagtailadmin.access_admin")

    roles.sync_roles()
    roles.sync_roles()

    assert Group.objects.filter(name=Role.BETA_VOLUNTEERS).count() == 1
    group = Group.objects.get(name=Role.BETA_VOLUNTEERS)
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]


def test_no_role_holds_wagtails_default_rights_over_the_whole_page_tree(client, moderator):
    """Wagtail's first migration lets its "Moderators" group edit and publish every page;
    our moderators review the hub, and may not rewrite the home page."""
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    GroupPagePermission.objects.get_or_create(
        group=Group.objects.get(name=Role.MODERATORS),
        page=root,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    home = root.get_children().first()

    roles.sync_roles()

    assert not GroupPagePermission.objects.filter(page=root, group__name__in=Role.values).exists()
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_wagtails_editors_group_is_gone_after_the_migrations():
    """Wagtail's first migration creates it with rights over the whole page tree."""
    assert not Group.objects.filter(name="Editors").exists()


def test_the_migration_removes_the_editors_group_and_whatever_it_let_its_members_do(client):
    """Someone put in "Editors" could edit every page of every course; after the migration
    they hold nothing of it, and the roles are untouched."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

    migration = importlib.import_module("accounts.migrations.0002_remove_wagtail_editors_group")
    root = Page.get_first_root_node()
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editor = UserFactory()
    editor.groups.add(editors)
    home = root.get_children().first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    client.force_login(editor)
    assert client.get(edit_url).status_code == 200
    others = set(GroupPagePermission.objects.exclude(group=editors).values_list("pk", flat=True))

    migration.remove_editors(django_apps, schema_editor=None)

    assert not Group.objects.filter(name="Editors").exists()
    assert not editor.groups.exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert not GroupCollectionPermission.objects.filter(group__name="Editors").exists()
    assert set(GroupPagePermission.objects.values_list("pk", flat=True)) == others
    client.force_login(User.objects.get(pk=editor.pk))
    assert client.get(edit_url).status_code == 302


def test_an_unknown_permission_in_the_table_fails_loudly(monkeypatch):
    monkeypatch.setitem(roles._PERMISSIONS, Role.MODERATORS, {"core.fly_to_the_moon"})

    with pytest.raises(LookupError, match=r"core\.fly_to_the_moon"):
        roles.sync_roles()


def test_the_admin_sends_visitors_to_the_allauth_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/admin/" in response.url


def test_the_admin_login_page_redirects_to_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/pages/"


def test_the_admin_login_redirect_drops_an_external_next(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")

    assert "evil.example.com" not in response.url


@pytest.mark.parametrize("role_fixture", ["teacher", "moderator", "staff", "superuser"])
def test_roles_with_admin_access_reach_the_dashboard(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role_fixture", ["member", "volunteer"])
def test_members_and_volunteers_do_not_enter_the_admin(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_logs_into_the_admin_through_allauth(client, staff, password):
    response = client.post(
        f"{reverse('account_login')}?next=/admin/",
        {"login": staff.email, "password": password},
    )

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_account_page_links_to_two_factor_authentication(client, staff):
    client.force_login(staff)

    response = client.get("/admin/account/")

    assert response.status_code == 200
    assert reverse("mfa_index") in response.content.decode()


def test_an_administrator_creates_a_user_by_email_in_the_admin(client, superuser):
    client.force_login(superuser)
    form = client.get(reverse("wagtailusers_users:add"))
    assert form.status_code == 200

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nouveau.prof@example.org",
            "first_name": "Nina",
            "last_name": "Prof",
            "groups": [Group.objects.get(name=Role.TEACHERS).pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    created = User.objects.get(email="nouveau.prof@example.org")
    assert created.has_role(Role.TEACHERS)
    # Without a password of their own, they choose one through "forgotten password".
    client.logout()
    client.post(reverse("account_reset_password"), {"email": "nouveau.prof@example.org"})
    assert "password/reset/key/" in mail.outbox[-1].body
