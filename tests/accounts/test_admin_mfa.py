"""Whoever enters the admin has used a second factor (an authenticator app) in the session."""

import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.ADMIN_REQUIRES_MFA = True


def _code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _log_in(client, user, password):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def _activate(client, password, on_commit, *, next_url=ADMIN):
    activate = f"{reverse('mfa_activate_totp')}?next={next_url}"
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.get(activate)
    secret = client.session[SECRET_SESSION_KEY]
    with on_commit(execute=True):  # allauth announces the new authenticator on commit
        client.post(activate, {"code": _code(secret)})
    return secret


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, staff, password):
    _log_in(client, staff, password)

    response = client.get(ADMIN, follow=True)

    assert response.redirect_chain[0][0] == f"{reverse('mfa_activate_totp')}?next=%2Fadmin%2F"
    assert "authentification à deux facteurs" in response.content.decode()


# Committed for real: allauth announces an authenticator once its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_activating_the_authenticator_opens_the_admin_in_this_session(
    client, staff, password, django_capture_on_commit_callbacks
):
    _log_in(client, staff, password)
    _activate(client, password, django_capture_on_commit_callbacks)

    assert client.get(ADMIN).status_code == 200


def test_a_password_alone_does_not_open_the_admin_to_staff_who_have_an_authenticator(
    client, staff, password, django_capture_on_commit_callbacks
):
    _log_in(client, staff, password)
    secret = _activate(client, password, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))
    client.cookies.clear()
    # A session opened by the password alone (as force_login does, or a login before MFA).
    client.force_login(staff)

    response = client.get(f"{ADMIN}pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fpages%2F"

    back = client.post(response.url, {"code": _code(secret)})
    assert back.url == f"{ADMIN}pages/"  # the page that was asked for
    assert client.get(ADMIN).status_code == 200


def test_logging_in_with_the_code_opens_the_admin(
    client, staff, password, django_capture_on_commit_callbacks
):
    _log_in(client, staff, password)
    secret = _activate(client, password, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))

    response = _log_in(client, staff, password)
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize("role", ["teacher", "moderator", "superuser"])
def test_every_role_that_enters_the_admin_needs_the_second_factor(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_members_and_the_rest_of_the_site_are_not_asked(client, member):
    client.force_login(member)

    assert client.get(reverse("account_email")).status_code == 200
    response = client.get(ADMIN)  # the admin refuses them on its own, as before
    assert not response.get("Location", "").startswith(reverse("mfa_activate_totp"))


def test_the_requirement_can_be_turned_off(client, staff, settings):
    settings.ADMIN_REQUIRES_MFA = False
    client.force_login(staff)

    assert client.get(ADMIN).status_code == 200
