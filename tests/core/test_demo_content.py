"""load_demo_content: French pages with their English translations, created once."""

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site

from core.demo_content import add_menu_link, load_core_demo
from core.models import (
    AccessibilityStatus,
    HomePage,
    Instrument,
    NavigationSettings,
    SiteSettings,
    StandardPage,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    site = Site.objects.get(is_default_site=True)
    return {
        "pages": list(Page.objects.order_by("path").values_list("id", "slug", "locale_id", "live")),
        "revisions": Revision.objects.count(),
        "instruments": list(Instrument.objects.values_list("slug", "name_fr", "name_en")),
        "redirects": Redirect.objects.count(),
        "site_root": site.root_page_id,
        "identity": SiteSettings.for_site(site).contact_email,
        "header_links": NavigationSettings.for_site(site).header_links.raw_data[:],
    }


def test_the_french_home_page_replaces_wagtails_welcome_page_as_the_site_root():
    load_core_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "fr"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_every_demo_page_is_published_in_french_and_in_english(demo_pages):
    assert demo_pages.home_en.url == "/en/"
    assert demo_pages.statement.url == "/accessibilite/"
    assert demo_pages.statement_en.url == "/en/accessibility/"
    assert demo_pages.legal.url == "/mentions-legales/"
    assert demo_pages.legal_en.url == "/en/legal-notice/"
    assert demo_pages.statement_en.title == "Accessibility statement"
    assert all(
        page.live
        for page in [
            demo_pages.home,
            demo_pages.home_en,
            demo_pages.statement_en,
            demo_pages.legal_en,
        ]
    )


def test_the_accessibility_statement_states_compliance_contact_and_recourse(demo_pages):
    text = str(demo_pages.statement.body)

    assert "partiellement conforme" in text
    assert "Défenseur des droits" in text
    assert "mailto:" in text


def test_the_demo_creates_instruments_and_fills_the_site_settings(demo_pages):
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)

    assert Instrument.objects.filter(slug__in=["piano", "violon", "voix", "orgue"]).count() == 4
    assert Instrument.objects.get(slug="violoncelle").name_en == "Cello"
    assert SiteSettings.for_site(site).contact_email
    assert navigation.accessibility_page_id == demo_pages.statement.pk
    assert navigation.legal_notice_page_id == demo_pages.legal.pk
    assert navigation.accessibility_status == AccessibilityStatus.PARTIAL


def test_translated_pages_get_their_own_slug_without_redirects():
    load_core_demo()

    assert Redirect.objects.count() == 0


def test_loading_the_demo_twice_changes_nothing():
    load_core_demo()
    before = _snapshot()

    load_core_demo()

    assert _snapshot() == before


def test_the_command_runs_the_loaders_and_prints_their_lines(capsys):
    call_command("load_demo_content", "--only", "core")
    before = _snapshot()
    call_command("load_demo_content", "--only", "core")

    output = capsys.readouterr().out
    assert "/en/accessibility/" in output
    assert _snapshot() == before
    assert StandardPage.objects.count() == 4


def test_the_command_lists_the_registered_loaders(capsys):
    call_command("load_demo_content", "--list")

    assert "core" in capsys.readouterr().out


def test_other_apps_can_add_a_menu_link_once(demo_pages):
    site = Site.objects.get(is_default_site=True)

    add_menu_link(site, demo_pages.legal, label="Mentions", label_en="Legal")
    add_menu_link(site, demo_pages.legal_en)

    links = NavigationSettings.for_site(site).header_links
    assert [block.value["page"].pk for block in links] == [demo_pages.home.pk, demo_pages.legal.pk]


def test_the_demo_builds_the_page_tree_in_an_emptied_database():
    Site.objects.all().delete()
    Page.objects.all().delete()

    load_core_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.get_parent().is_root()


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_sends_no_email_to_the_made_up_people(mailoutbox):
    # The hub community's demo proposes a resource for moderation: that would email.
    names = ["core", "accounts", "learning_hub", "hub_community"]

    call_command("load_demo_content", *[f"--only={name}" for name in names], verbosity=0)

    assert mailoutbox == []
