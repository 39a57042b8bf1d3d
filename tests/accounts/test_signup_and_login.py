import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Un-mot-de-passe-solide-2026"


def _signup(client, email="nouvelle@example.org", **extra):
    data = {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


def _confirmation_path(message):
    return re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/|/accounts/confirm-email/\S+/)",
        message.body,
    ).group(1)


def test_signup_sends_a_verification_email_and_does_not_log_in(client):
    response = _signup(client, display_name="Nadia B.")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="nouvelle@example.org")
    assert user.display_name == "Nadia B."
    assert user.preferred_language == "fr"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle@example.org"]
    assert "_auth_user_id" not in client.session


def test_login_is_refused_until_the_email_is_verified(client):
    _signup(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "nouvelle@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signup_verify_then_login_reaches_the_home_page(client):
    _signup(client)
    confirm_path = _confirmation_path(mail.outbox[0])

    assert client.get(confirm_path).status_code == 200
    client.post(confirm_path)
    response = client.post(
        reverse("account_login"), {"login": "Nouvelle@Example.org", "password": NEW_PASSWORD}
    )

    assert EmailAddress.objects.get(email="nouvelle@example.org").verified
    assert response.status_code == 302
    assert response.url == "/"
    assert int(client.session["_auth_user_id"]) == User.objects.get().pk


def test_signing_up_in_english_stores_english_as_preferred_language(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "anglo@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert User.objects.get(email="anglo@example.org").preferred_language == "en"
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_with_a_taken_email_does_not_reveal_the_account(client, member):
    response = _signup(client, email=member.email)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=member.email).count() == 1
    # The owner of the address is told; the person signing up learns nothing new.
    assert mail.outbox[0].to == [member.email]
    assert "confirm-email" not in mail.outbox[0].body


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, member):
    url = reverse("account_reset_password")
    known = client.post(url, {"email": member.email})
    unknown = client.post(url, {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox] == [[member.email], ["nobody@example.org"]]
    assert "password/reset/key/" in mail.outbox[0].body
    assert "password/reset/key/" not in mail.outbox[1].body


def test_failed_logins_are_rate_limited_per_account(client, member, password):
    url = reverse("account_login")
    for _attempt in range(5):
        response = client.post(url, {"login": member.email, "password": "wrong-password"})
        assert response.status_code == 200

    response = client.post(url, {"login": member.email, "password": password})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert re.search(r"(trop de tentatives|too many)", response.content.decode(), re.I)


def test_logout_needs_a_post(client, member):
    client.force_login(member)

    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_email_change_sends_a_verification_to_the_new_address(client, member):
    client.force_login(member)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "autre@example.org"}
    )

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["autre@example.org"]
    new = EmailAddress.objects.get(email="autre@example.org")
    assert new.user == member
    assert not new.verified
