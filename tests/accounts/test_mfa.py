import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _enrol_totp(client, password):
    # allauth asks for the password again before a security setting changes.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    return secret, response


def test_member_enrols_an_authenticator_app(client, member, password):
    client.post(reverse("account_login"), {"login": member.email, "password": password})

    _secret, response = _enrol_totp(client, password)

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(
        user=member, type=Authenticator.Type.RECOVERY_CODES
    ).exists()


def test_login_with_totp_asks_for_the_code_and_refuses_a_replayed_one(client, member, password):
    client.post(reverse("account_login"), {"login": member.email, "password": password})
    secret, _response = _enrol_totp(client, password)
    client.post(reverse("account_logout"))

    response = client.post(reverse("account_login"), {"login": member.email, "password": password})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200

    code = _current_code(secret)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert int(client.session["_auth_user_id"]) == member.pk

    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": member.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session
