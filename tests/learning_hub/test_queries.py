"""The hub's pages cost the same number of queries for 10 resources as for 200, and at most
15 for an anonymous visitor even with nothing in the cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning_hub.caching import purge_all
from learning_hub.community.services import comment_add

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _measure(client, hub, resource):
    urls = {
        "home": hub.url,
        "search": f"{hub.url}search/?q=ressource&level=beginner&sort=useful",
        "facets": f"{hub.url}search/?level=beginner&instrument=violon&licence=cc-by",
        "browse": f"{hub.url}search/",
        "browse-page-2": f"{hub.url}search/?page=2",
        "resource": resource.url,
    }
    cold, uncached, warm = {}, {}, {}
    for name, url in urls.items():
        cache.clear()
        client.get(url)  # Wagtail's site-root cache, translations…: warm once
        cache.clear()
        cold[name] = _count(client, url)  # nothing cached at all
        warm[name] = _count(client, url)
        purge_all()  # the page is rendered again, the site shell comes from the cache
        uncached[name] = _count(client, url)
    return cold, uncached, warm


@pytest.fixture
def grow(make_resource, violin, piano):
    levels = ["discovery", "beginner", "intermediate", "advanced", "professional"]
    licences = ["cc0", "cc-by", "cc-by-sa", "cc-by-nc", "arr"]

    def grow(count):
        for number in range(count):
            make_resource(
                quick=True,
                level=levels[number % 5],
                licence=licences[number % 5],
                permission_note="ok",
                instruments=[violin, piano][: 1 + number % 2],
                authors=["A", "B"],
            )

    return grow


def test_query_counts_do_not_grow_with_the_number_of_resources(
    client, hub, grow, make_resource, member, django_capture_on_commit_callbacks
):
    grow(9)
    resource = make_resource(title="Mesurée")
    with django_capture_on_commit_callbacks(execute=True):  # a thread: a comment, a reply
        comment = comment_add(page=resource, author=member, body="<p>Merci !</p>")
        comment_add(page=resource, author=member, body="<p>De rien.</p>", parent=comment)
    cold_10, uncached_10, warm_10 = _measure(client, hub, resource)
    grow(190)
    cold_200, uncached_200, warm_200 = _measure(client, hub, resource)

    assert cold_200 == cold_10
    assert uncached_200 == uncached_10
    assert warm_200 == warm_10
    assert all(count <= MAX_QUERIES for count in cold_200.values()), cold_200
    assert all(count <= MAX_QUERIES for count in uncached_200.values()), uncached_200
    assert all(count <= MAX_QUERIES for count in warm_200.values()), warm_200


def test_a_search_renders_its_results_from_the_facet_index_without_a_query_per_page(
    client, hub, grow
):
    grow(30)
    client.get(f"{hub.url}search/")  # the index of the hub's resources is built once

    with CaptureQueriesContext(connection) as first:
        html = client.get(f"{hub.url}search/?level=beginner&page=1").content.decode()
    with CaptureQueriesContext(connection) as second:
        client.get(f"{hub.url}search/?level=beginner&page=2")

    assert "Ressource 27" in html  # the newest beginner resource, its card complete
    assert "/ressources/ressource-27/" in html
    assert "Un résumé de la ressource." in html
    tables = {
        query["sql"].split(" FROM ")[1].split()[0]
        for query in [*first.captured_queries, *second.captured_queries]
        if " FROM " in query["sql"]
    }
    assert '"learning_hub_resourcepage"' not in tables
