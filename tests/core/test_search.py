"""Search: the live pages of the visitor's language, paginated, with an empty state."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.models import StandardPage
from core.search import RESULTS_PER_PAGE, clean_query, search_site

pytestmark = pytest.mark.django_db


def _results(html):
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)">', html)


def test_search_finds_a_demo_page_in_french(client, demo_pages):
    response = client.get("/search/", {"q": "Défenseur des droits"})

    html = response.content.decode()
    assert response.status_code == 200
    assert _results(html) == ["/accessibilite/"]
    assert re.search(r'<p class="search-status" role="status">\s*1 ', html)


def test_search_in_english_finds_only_english_pages(client, demo_pages):
    html = client.get("/en/search/", {"q": "accessibility statement"}).content.decode()

    assert "/en/accessibility/" in _results(html)
    assert all(url.startswith("/en/") for url in _results(html))


def test_search_shows_an_empty_state_when_nothing_matches(client, demo_pages):
    html = client.get("/en/search/", {"q": "xylophonezzz"}).content.decode()

    assert _results(html) == []
    assert re.search(r'role="status">\s*0 results for “xylophonezzz”', html)
    assert 'class="empty-state"' in html
    assert "<title>Search “xylophonezzz”: 0 results" in html


def test_search_without_a_query_shows_the_form_only(client, demo_pages):
    html = client.get("/en/search/").content.decode()

    assert re.search(r"<search[^>]*>\s*<form method=\"get\" action=\"/en/search/\">", html)
    assert '<label for="search-query">' in html
    assert 'role="status"' in html  # the messages region, always present
    assert "search-status" not in html


def test_search_skips_unpublished_pages(client, demo_pages):
    demo_pages.legal.unpublish()

    html = client.get("/search/", {"q": "mentions légales hébergement"}).content.decode()

    assert "/mentions-legales/" not in _results(html)


def test_search_results_are_paginated(client, demo_pages):
    for number in range(RESULTS_PER_PAGE + 3):
        demo_pages.home.add_child(
            instance=StandardPage(title=f"Concert de printemps {number}", slug=f"concert-{number}")
        )

    first = client.get("/search/", {"q": "concert printemps"}).content.decode()
    second = client.get("/search/", {"q": "concert printemps", "page": 2}).content.decode()
    too_far = client.get("/search/", {"q": "concert printemps", "page": 99}).content.decode()

    assert len(_results(first)) == RESULTS_PER_PAGE
    assert len(_results(second)) == 3
    assert _results(too_far) == _results(second)
    assert '<ol class="search-results" start="11">' in second
    assert 'href="?q=concert+printemps&amp;page=2"' in first
    assert re.search(r"13 results|13 résultats", first)


def test_promoted_pages_come_first_and_are_not_repeated(client, demo_pages):
    query = Query.get("données")
    SearchPromotion.objects.create(query=query, page=demo_pages.legal, description="Vos droits.")

    html = client.get("/search/", {"q": "Données"}).content.decode()

    assert _results(html)[0] == "/mentions-legales/"
    assert _results(html).count("/mentions-legales/") == 1
    assert "Vos droits." in html


def test_searches_are_counted_for_the_popular_searches_report(client, demo_pages):
    client.get("/search/", {"q": "Piano"})
    client.get("/search/", {"q": "piano "})

    assert Query.get("piano").hits == 2


def test_search_site_returns_nothing_for_a_blank_query(demo_pages):
    outcome = search_site("   ", user=AnonymousUser())

    assert outcome.results is None
    assert outcome.count == 0


def test_queries_are_trimmed_and_cut_to_a_storable_length():
    assert clean_query("  violon   alto ") == "violon alto"
    assert len(clean_query("a" * 1000)) == 255
