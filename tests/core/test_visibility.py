"""Rules of higher apps narrow what core's search and sitemap list and what it serves."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from core import visibility
from core.demo_content import root_collection
from tests.core.test_search import _results

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(monkeypatch):
    """Give the test its own empty registries, so the apps' rules do not interfere."""
    monkeypatch.setattr(visibility, "_page_filters", [])
    monkeypatch.setattr(visibility, "_document_rules", [])
    return visibility


def _hide_legal_notice_from_visitors(pages, user):
    legal = Page.objects.filter(slug="mentions-legales").values("pk")
    return pages if user.is_authenticated else pages.exclude(pk__in=legal)


def test_a_page_filter_hides_a_page_from_search_for_some_people_only(
    client, demo_pages, rules, member
):
    rules.register_page_filter(_hide_legal_notice_from_visitors)

    as_visitor = client.get("/search/", {"q": "mentions légales"}).content.decode()
    client.force_login(member)
    as_member = client.get("/search/", {"q": "mentions légales"}).content.decode()

    assert "/mentions-legales/" not in _results(as_visitor)
    assert "/mentions-legales/" in _results(as_member)


def test_a_page_filter_hides_a_page_from_the_sitemap(client, demo_pages, rules):
    before = client.get("/sitemap.xml").content.decode()
    rules.register_page_filter(_hide_legal_notice_from_visitors)
    after = client.get("/sitemap.xml").content.decode()

    assert "/mentions-legales/" in before
    assert "/mentions-legales/" not in after
    assert "/accessibilite/" in after


def _document(title):
    document = get_document_model()(title=title, collection=root_collection())
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def test_a_document_refused_by_a_rule_is_not_found_and_others_download(client, rules, member):
    private, public = _document("prive"), _document("libre")
    rules.register_document_rule(
        lambda user, doc: user.is_authenticated if doc == private else None
    )

    assert client.get(private.url).status_code == 404
    assert client.get(public.url).status_code == 200
    client.force_login(member)
    assert client.get(private.url).status_code == 200


def test_one_rule_granting_a_document_outweighs_another_refusing_it(rules, member):
    document = _document("partagee")
    rules.register_document_rule(lambda user, doc: False)
    rules.register_document_rule(lambda user, doc: user.is_authenticated)

    assert rules.may_download(member, document)
