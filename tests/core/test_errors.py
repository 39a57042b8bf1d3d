"""Error pages: the 404 inside the site shell, the 500 static and independent of the database."""

import base64
import hashlib

import pytest

from core.security import ContentSecurityPolicyMiddleware
from core.views import server_error


@pytest.mark.django_db
def test_an_unknown_page_gets_the_custom_404_page_with_status_404(client, demo_pages):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert 'href="/en/search/"' in html


@pytest.mark.django_db
def test_the_404_page_renders_before_any_demo_content_exists(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


def test_the_500_handler_renders_a_static_page_without_the_database(rf):
    # No django_db mark: any database access here would fail the test.
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert '<section lang="en">' in html
    assert "{%" not in html and "{{" not in html


@pytest.mark.django_db
def test_a_forbidden_page_gets_the_custom_403_page(client, member, demo_pages):
    client.force_login(member)

    response = client.get("/admin/login/")

    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    assert '<main id="main"' in response.content.decode()


def test_the_500_page_keeps_its_inline_styles_under_the_content_security_policy(rf):
    """The policy allows no inline style but this page's own, named by its hash."""
    middleware = ContentSecurityPolicyMiddleware(server_error)

    response = middleware(rf.get("/"))

    html = response.content.decode()
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    style_src = next(
        part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.split()[0] == "style-src"
    )
    assert style_src == ["'self'", f"'sha256-{digest}'"]


@pytest.mark.urls("tests.core.urls_errors")
def test_a_database_that_does_not_answer_gives_the_friendly_503_page(client):
    client.raise_request_exception = False

    response = client.get("/t/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Le site est momentanément indisponible" in html
    assert "Nothing you saved is lost" in html
    assert "not saved" not in html


@pytest.mark.urls("tests.core.urls_errors")
def test_a_form_sent_while_the_database_is_down_is_told_it_was_not_saved(client):
    client.raise_request_exception = False

    response = client.post("/t/database-down/", {"text": "Ma remarque"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Ce que vous venez d’envoyer n’a pas été enregistré" in html
    assert "What you just sent was not saved" in html


@pytest.mark.urls("tests.core.urls_errors")
def test_any_other_failure_still_gives_the_500_page(client):
    client.raise_request_exception = False

    response = client.get("/t/broken/")

    assert response.status_code == 500
    assert "Le site rencontre un problème" in response.content.decode()
