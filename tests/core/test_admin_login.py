"""/admin/login/ sends people to allauth's login, keeping a safe `next`."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_login_redirects_to_allauth_keeping_next(client):
    response = client.get("/admin/login/", {"next": "/admin/pages/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_the_admin_login_defaults_to_the_admin_home(client):
    response = client.get("/admin/login/")

    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_the_admin_login_drops_a_next_that_leaves_the_site(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/admin/"})

    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_a_logged_in_editor_goes_straight_to_next(client, staff):
    client.force_login(staff)

    response = client.get("/admin/login/", {"next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"


def test_a_member_without_admin_access_is_refused_instead_of_looping(client, member):
    client.force_login(member)

    assert client.get("/admin/login/").status_code == 403
