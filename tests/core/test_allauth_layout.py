"""allauth's pages live inside the site shell, in the active language."""

import re

import pytest
from django.template import Context, Origin, Template
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("/accounts/login/", "fr"),
        ("/en/accounts/login/", "en"),
        ("/accounts/signup/", "fr"),
        ("/en/accounts/password/reset/", "en"),
    ],
)
def test_allauth_pages_use_the_site_shell(client, demo_pages, url, language):
    html = client.get(url).content.decode()

    assert f'<html lang="{language}"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert re.search(r"<title>[^<]+ – Conservatoire augmenté</title>", html)


def test_login_errors_are_tied_to_the_form(client, demo_pages):
    response = client.post("/en/accounts/login/", {"login": "nobody@example.org", "password": "x"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="errorlist nonfield">' in html


def test_allauth_field_element_links_errors_and_help_to_the_input():
    template = Template(
        "{% load allauth %}{% element field id='id_email' name='email' type='email' "
        "errors=errors %}{% slot label %}Email{% endslot %}"
        "{% slot help_text %}We never share it.{% endslot %}{% endelement %}",
        origin=Origin(name="test.html", template_name="test.html"),
    )

    html = template.render(Context({"errors": ["Enter a valid email address."]}))

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert '<ul class="errorlist" id="id_email_error">' in html
    assert '<p class="helptext" id="id_email_helptext">' in html


@pytest.mark.parametrize(
    "url_name", ["account_email", "account_change_password", "mfa_index", "account_reauthenticate"]
)
def test_account_management_pages_render_in_the_shell(client, member, demo_pages, url_name):
    client.force_login(member)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert '<main id="main"' in response.content.decode()
