"""allauth's limits (login, sign-up, password reset) refuse while their cache is down, saying so."""

import pytest
from django.urls import reverse

from tests.outages import cache_down

pytestmark = pytest.mark.django_db


def _log_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": "not-it"})


def test_a_login_while_the_cache_is_down_is_told_the_site_is_briefly_unavailable(client, member):
    with cache_down():
        page = client.get(reverse("account_login"))
        refused = _log_in(client, member.email)

    assert page.status_code == 200
    assert refused.status_code == 503
    assert refused["Retry-After"] == "30"
    html = refused.content.decode()
    assert "momentanément indisponible" in html
    assert "temporarily unavailable" in html


def test_too_many_logins_are_refused_in_french_and_english(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    answers = [_log_in(client, member.email).status_code for _ in range(2)]

    refused = _log_in(client, member.email)

    assert 429 not in answers
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Trop de tentatives" in html
    assert "Too many attempts" in html
