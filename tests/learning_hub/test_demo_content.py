"""The demo hub: thirty varied resources, a PDF score and a menu link, loaded idempotently."""

import pytest
from wagtail.documents import get_document_model

from core.models import NavigationSettings
from learning_hub.demo_content import load_demo_hub
from learning_hub.models import HubIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_the_demo_hub_is_varied_and_loads_once(site_home):
    load_demo_hub()
    load_demo_hub()

    resources = ResourcePage.objects.live()
    assert resources.count() >= 30
    for field in ("resource_type", "discipline", "level", "language", "licence"):
        assert resources.values(field).distinct().count() >= 3, field
    assert (
        resources.filter(instruments__isnull=False).values("instruments").distinct().count() >= 10
    )
    assert HubIndexPage.objects.count() == 2  # French, and its English translation


def test_the_demo_score_is_a_pdf_in_storage(site_home):
    load_demo_hub()

    score = get_document_model().objects.get(title__startswith="Menuet en sol majeur")
    with score.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page = ResourcePage.objects.get(slug="menuet-bach-partition")
    assert [block.block_type for block in page.body].count("document") == 1


def test_the_demo_hub_is_in_the_menu(site_home):
    load_demo_hub()

    navigation = NavigationSettings.objects.get()
    hub = HubIndexPage.objects.get(locale__language_code="fr")
    assert hub.pk in [
        block.value["page"].pk for block in navigation.header_links if block.value["page"]
    ]


def test_the_derived_demo_resource_respects_its_source_licence(site_home):
    load_demo_hub()

    viola = ResourcePage.objects.get(slug="detache-violon-alto")
    assert [link.source.slug for link in viola.sources.all()] == ["detache-violon"]
    assert viola.licence == viola.sources.first().source.licence == "cc-by-sa"
