"""Anonymous visitors get cached hub pages that are never stale after an edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning_hub import caching
from learning_hub.models import ResourcePage

pytestmark = pytest.mark.django_db


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len(context)


def test_a_second_anonymous_visit_is_served_from_the_cache(client, hub, make_resource):
    page = make_resource()
    for url in (hub.url, page.url, f"{hub.url}search/?q=ressource"):
        first, cold = _queries(client, url)
        second, warm = _queries(client, url)
        assert second.content == first.content
        assert warm < cold, url


def test_an_edit_is_visible_at_once(client, hub, make_resource):
    page = make_resource(title="Titre initial")
    assert "Titre initial" in client.get(page.url).content.decode()
    assert "Titre initial" in client.get(hub.url).content.decode()

    page.title = "Titre corrigé"
    page.save_revision().publish()

    assert "Titre corrigé" in client.get(page.url).content.decode()
    assert "Titre corrigé" in client.get(hub.url).content.decode()
    assert "Titre corrigé" in client.get(f"{hub.url}search/").content.decode()


def test_an_unpublished_resource_disappears_at_once(client, hub, make_resource):
    page = make_resource(title="Bientôt retirée")
    assert client.get(page.url).status_code == 200
    assert "Bientôt retirée" in client.get(hub.url).content.decode()

    page.unpublish()

    assert client.get(page.url).status_code == 404
    assert "Bientôt retirée" not in client.get(hub.url).content.decode()


def test_purge_forgets_one_page(client, make_resource):
    page = make_resource(summary="Avant")
    client.get(page.url)
    ResourcePage.objects.filter(pk=page.pk).update(summary="Après")  # e.g. a vote, no signal

    assert "Avant" in client.get(page.url).content.decode()
    caching.purge(page)
    assert "Après" in client.get(page.url).content.decode()


def test_languages_are_cached_apart(client, hub, make_resource):
    make_resource()

    french = client.get(hub.url).content.decode()
    english = client.get(f"/en{hub.url}").content.decode()

    assert 'lang="fr"' in french
    assert 'lang="en"' in english


def test_logged_in_people_never_get_a_cached_page(client, hub, make_resource, member):
    make_resource()
    client.get(hub.url)  # cached for visitors
    client.force_login(member)

    html = client.get(hub.url).content.decode()

    assert member.email in html or "logout" in html or "déconnecter" in html.lower()
    assert not caching.is_cacheable_request(client.get(hub.url).wsgi_request)


def test_a_page_with_a_pending_message_is_not_cached(rf, make_resource):
    request = rf.get("/")
    request.COOKIES["messages"] = "x"

    assert not caching.is_cacheable_request(request)


def test_a_response_that_sets_a_cookie_is_not_stored(rf, make_resource):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    page = make_resource()
    request = rf.get(page.url)
    request.user = AnonymousUser()
    calls = []

    def render():
        calls.append(1)
        response = HttpResponse("personal")
        response.set_cookie("csrftoken", "abc")
        return response

    caching.serve_cached(request, page, render)
    caching.serve_cached(request, page, render)

    assert len(calls) == 2


def test_a_cached_page_still_applies_privacy(client, make_resource):
    from wagtail.models import PageViewRestriction

    page = make_resource(title="Bientôt privée")
    assert "Bientôt privée" in client.get(page.url).content.decode()  # now cached
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = client.get(page.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_cached_hit_costs_no_routing_or_rendering(client, hub, make_resource):
    page = make_resource()
    client.get(page.url)
    client.get(page.url)  # the first visit created the site's opening phases: read them again

    _response, queries = _queries(client, page.url)

    # Neither view restrictions (they bump the hub's generation) nor the opening phases
    # (cached by feedback) are read from the database.
    assert queries == 0


def test_a_visit_goes_on_uncached_when_the_cache_server_is_down(client, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get("/healthz")  # a view outside Wagtail, behind the cache middleware

    assert response.status_code == 503  # the health check names the cache, not a crash
    assert response.json()["checks"]["cache"]["status"] == "error"
    assert "Hub cache unreachable" in caplog.text
