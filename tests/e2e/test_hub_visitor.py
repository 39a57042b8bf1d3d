"""A visitor finds a resource in the hub, plays its recording and downloads its score."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from core.models import HomePage, Instrument
from learning_hub.demo_content import score_pdf
from learning_hub.models import HubIndexPage, ResourceAuthor, ResourcePage
from studio.models import Visibility
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import UserFactory
from tests.studio.conftest import make_recording, spherical_package  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def _resource(hub, *, title, slug, kind, instrument, body=(), licence="cc-by", level="beginner"):
    page = ResourcePage(
        title=title, slug=slug, resource_type=kind, discipline="music", level=level,
        language="fr", licence=licence, summary=f"{title} : une ressource de démonstration.",
        body=list(body),
    )  # fmt: skip
    page.instruments = [Instrument.objects.get(slug=instrument)]
    page.authors = [ResourceAuthor(name="Claire Martin")]
    hub.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def hub(demo_site, make_recording):  # noqa: F811
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    hub = home.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    english = hub.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Resources", "resources"
    english.save_revision().publish()

    Document = get_document_model()
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    score = Document(title="Partition du menuet", collection=root)
    score.file.save("menuet.pdf", ContentFile(score_pdf()), save=False)
    score.save()
    teacher = UserFactory()
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC, title="Menuet joué")
    _resource(hub, title="Gammes majeures", slug="gammes", kind="tutorial", instrument="piano")
    _resource(hub, title="Menuet de Petzold", slug="menuet", kind="score", instrument="piano",
              level="intermediate", licence="cc0", body=[
                  {"type": "recording", "value": {"recording": recording.pk, "caption": "Écoutez"}},
                  {"type": "document", "value": {"document": score.pk, "label": ""}},
              ])  # fmt: skip
    _resource(hub, title="Le détaché", slug="detache", kind="exercise", instrument="violon")
    return hub


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_a_visitor_searches_filters_opens_plays_and_downloads(page, live_server, hub):
    page.set_default_timeout(30_000)
    page.goto(live_server.url + "/ressources/")
    expect(page.get_by_role("heading", level=1, name="Ressources")).to_be_visible()
    _no_violations(page)

    page.get_by_label("Rechercher dans les ressources").fill("menuet")
    page.get_by_label("Rechercher dans les ressources").press("Enter")
    expect(page.locator("p.search-status")).to_contain_text("1 ressource")

    # Filters by keyboard: clearing the words, ticking facets, then applying them.
    page.get_by_label("Mots à rechercher").fill("")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.locator("p.search-status")).to_contain_text("3 ressources")
    piano = page.locator("#facet-instrument-piano")
    expect(piano).to_have_accessible_name(re.compile(r"Piano.*2 ressources"))
    page.locator("#facet-type-score").check()
    _no_violations(page)
    piano.focus()
    page.keyboard.press("Space")
    apply = page.get_by_role("button", name="Appliquer les filtres")
    apply.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"instrument=piano"))
    expect(page.locator("p.search-status")).to_contain_text("1 ressource")
    _no_violations(page)

    page.get_by_role("link", name="Menuet de Petzold").click()
    expect(page.get_by_role("heading", level=1, name="Menuet de Petzold")).to_be_visible()
    expect(page.get_by_text("CC0 1.0").first).to_be_visible()
    _no_violations(page)

    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    page.locator("[data-player] [data-player-play]").click()
    page.wait_for_function("() => document.querySelector('[data-player] video').currentTime > 0.3")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger Partition du menuet").click()
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"


def test_ticking_a_facet_or_choosing_a_sort_order_does_not_reload_the_page(page, live_server, hub):
    """WCAG 3.2.2 (On Input): a change of context waits for the "Apply the filters" button."""
    page.goto(live_server.url + "/ressources/search/")
    expect(page.locator("p.search-status")).to_contain_text("3 ressources")
    address = page.url
    page.evaluate("window.__sameDocument = true")
    piano = page.locator("#facet-instrument-piano")
    piano.focus()
    page.keyboard.press("Space")
    page.get_by_label("Trier par").select_option(index=1)
    page.wait_for_timeout(500)  # a reload would have started by now
    assert page.url == address
    assert page.evaluate("window.__sameDocument === true")
    expect(piano).to_be_checked()
    expect(page.locator("p.search-status")).to_contain_text("3 ressources")
    expect(page.get_by_text("Cochez les filtres voulus, puis appuyez sur")).to_be_visible()

    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"instrument=piano"))
    expect(page.locator("p.search-status")).to_contain_text("2 ressources")
    expect(page.locator("#facet-instrument-piano")).to_be_checked()
    assert page.evaluate("window.__sameDocument === undefined")


def test_the_hub_pages_are_accessible_in_english(page, live_server, hub):
    page.goto(live_server.url + "/en/resources/")
    expect(page.get_by_role("heading", level=1, name="Resources")).to_be_visible()
    _no_violations(page)
    page.goto(live_server.url + "/en/resources/search/?q=zzz")
    expect(page.get_by_role("heading", name="No resource matches your search")).to_be_visible()
    _no_violations(page)
