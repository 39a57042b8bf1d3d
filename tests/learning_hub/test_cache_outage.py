"""Redis stopped under the hub's page cache: every page is rendered from the database."""

import logging

import pytest

from tests.outages import cache_down

pytestmark = pytest.mark.django_db


def test_hub_pages_render_for_visitors_while_the_cache_is_down(client, hub, make_resource, caplog):
    page = make_resource(title="Sonates de Bach")
    client.get(page.url)  # kept in the cache that is about to stop

    with cache_down(), caplog.at_level(logging.ERROR, logger="django_redis"):
        answers = [client.get(url) for url in (hub.url, page.url, f"{hub.url}search/?q=bach")]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all("Sonates de Bach" in answer.content.decode() for answer in answers)
    assert any("Exception ignored" in record.message for record in caplog.records)


def test_an_edit_made_while_the_cache_is_down_is_published_and_shown(client, make_resource):
    page = make_resource(title="Titre d’avant")

    with cache_down():
        page.title = "Titre corrigé pendant la panne"
        page.save_revision().publish()
        html = client.get(page.url).content.decode()

    assert "Titre corrigé pendant la panne" in html
