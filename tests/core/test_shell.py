"""The site shell: language, landmarks, skip link, menus, language switcher, account links."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import NavigationSettings, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def _language_link(html, code):
    return re.search(rf'<a href="([^"]*)" lang="{code}" hreflang="{code}"([^>]*)>', html)


def test_the_home_page_is_served_in_french_at_the_root(client, demo_pages):
    html = _html(client.get("/"))

    assert '<html lang="fr"' in html
    assert "Le Conservatoire augmenté prolonge" in html


def test_the_english_home_page_is_served_under_en(client, demo_pages):
    html = _html(client.get("/en/"))

    assert '<html lang="en"' in html
    assert "takes the teaching of conservatories" in html


@pytest.mark.parametrize("url", ["/", "/accessibilite/", "/en/legal-notice/", "/search/"])
def test_every_page_has_a_skip_link_landmarks_and_a_single_h1(client, demo_pages, url):
    html = _html(client.get(url))

    assert re.search(r'<body[^>]*>\s*<a class="skip-link" href="#main">', html)
    assert '<main id="main"' in html
    assert html.count("<header") == 1
    assert html.count("<footer") == 1
    assert re.search(r'<nav class="main-nav" aria-label="[^"]+">', html)
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_messages_are_shown_in_a_live_region(rf, demo_pages):
    request = rf.get("/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    messages.success(request, "Profil enregistré.")

    html = render_to_string("404.html", request=request)

    region = re.search(
        r'<div class="messages[^"]*" role="status" aria-live="polite"[^>]*>(.*?)</div>', html, re.S
    )
    assert "Profil enregistré." in region.group(1)


def test_the_language_switcher_links_a_page_to_its_translation(client, demo_pages):
    html = _html(client.get("/accessibilite/"))

    english = _language_link(html, "en")
    french = _language_link(html, "fr")
    assert english.group(1) == "/en/accessibility/"
    assert french.group(1) == "/accessibilite/"
    assert 'aria-current="true"' in french.group(2)
    assert "aria-current" not in english.group(2)


def test_the_language_switcher_links_back_from_english_to_french(client, demo_pages):
    html = _html(client.get("/en/legal-notice/"))

    assert _language_link(html, "fr").group(1) == "/mentions-legales/"
    assert 'aria-current="true"' in _language_link(html, "en").group(2)


def test_the_language_switcher_falls_back_to_the_home_page_when_there_is_no_translation(
    client, demo_pages
):
    demo_pages.home.add_child(instance=StandardPage(title="Stage d'été", slug="stage-ete"))

    html = _html(client.get("/stage-ete/"))

    assert _language_link(html, "en").group(1) == "/en/"


def test_the_language_switcher_translates_the_url_of_other_views(client, demo_pages):
    html = _html(client.get("/search/?q=piano"))

    assert _language_link(html, "en").group(1) == "/en/search/?q=piano"
    assert (
        _language_link(_html(client.get("/en/search/?q=piano")), "fr").group(1)
        == "/search/?q=piano"
    )


def test_the_footer_links_to_the_accessibility_statement_and_legal_notice_in_each_language(
    client, demo_pages
):
    french = _html(client.get("/"))
    english = _html(client.get("/en/"))

    footer_fr = french[french.index("<footer") :]
    footer_en = english[english.index("<footer") :]
    assert 'href="/accessibilite/"' in footer_fr
    assert 'href="/mentions-legales/"' in footer_fr
    assert 'href="/en/accessibility/">Accessibility: partially compliant<' in footer_en
    assert 'href="/en/legal-notice/">Legal notice<' in footer_en
    assert "mailto:contact@example.org" in footer_en


def test_header_menu_labels_follow_the_language(client, demo_pages):
    assert '<a href="/" aria-current="page">Accueil</a>' in _html(client.get("/"))
    assert '<a href="/en/" aria-current="page">Home</a>' in _html(client.get("/en/"))


def test_visitors_are_offered_to_log_in_and_come_back(client, demo_pages):
    html = _html(client.get("/accessibilite/"))

    assert 'href="/accounts/login/?next=%2Faccessibilite%2F"' in html
    assert 'href="/accounts/signup/?next=%2Faccessibilite%2F"' in html
    assert "account_logout" not in html


def test_the_login_page_does_not_send_people_back_to_itself(client, demo_pages):
    html = _html(client.get("/accounts/login/"))

    assert 'href="/accounts/login/"' in html


def test_members_get_their_profile_and_a_logout_form(client, member, demo_pages):
    client.force_login(member)

    html = _html(client.get("/en/"))

    assert re.search(
        r'<form class="inline-form" method="post" action="/en/accounts/logout/">', html
    )
    assert 'href="/en/accounts/profile/"' in html
    assert "/accounts/login/" not in html


def test_the_shell_renders_before_any_demo_content_exists(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert "<footer" in response.content.decode()


def test_without_any_wagtail_site_the_shell_still_names_the_platform(client, db):
    from wagtail.models import Site

    Site.objects.all().delete()

    html = client.get("/studio/").content.decode()

    assert '<a class="site-brand__name" href="/">Conservatoire augmenté</a>' in html


def _shell_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        _html(client.get(url))
    return [query["sql"] for query in context if "core_navigationsettings" in query["sql"]]


def test_the_menus_are_read_once_then_served_from_the_cache(client, demo_pages):
    assert _shell_queries(client, "/accessibilite/")

    assert _shell_queries(client, "/accessibilite/") == []
    assert _shell_queries(client, "/mentions-legales/") == []


def test_an_edited_menu_link_shows_on_the_next_request(client, demo_pages):
    assert ">Accueil</a>" in _html(client.get("/"))
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    raw = navigation.header_links.raw_data
    raw[0]["value"]["label"] = "Bienvenue"
    navigation.header_links = list(raw)
    navigation.save()

    html = _html(client.get("/"))

    assert ">Bienvenue</a>" in html
    assert ">Accueil</a>" not in html


def test_an_edited_setting_shows_on_the_next_request(client, demo_pages):
    _html(client.get("/en/"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "accueil@example.org"
    settings.save()

    assert "mailto:accueil@example.org" in _html(client.get("/en/"))


def test_a_renamed_linked_page_shows_on_the_next_request(client, demo_pages):
    assert 'href="/mentions-legales/">Mentions légales<' in _html(client.get("/"))
    legal = demo_pages.legal
    legal.title = "Informations légales"
    legal.save_revision().publish()

    assert 'href="/mentions-legales/">Informations légales<' in _html(client.get("/"))


def test_a_new_translation_shows_in_the_language_switcher(client, demo_pages):
    page = demo_pages.statement_en
    assert _language_link(_html(client.get("/en/accessibility/")), "fr").group(1) == (
        "/accessibilite/"
    )
    french = demo_pages.statement
    french.slug = "declaration-accessibilite"
    french.save_revision().publish()

    html = _html(client.get(page.url))

    assert _language_link(html, "fr").group(1) == "/declaration-accessibilite/"


def test_the_shell_is_read_without_the_cache_when_its_server_is_down(monkeypatch, caplog):
    from django.core.cache import cache

    from core import shell

    def down(*args, **kwargs):
        raise ConnectionRefusedError("cache server down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "set", down)

    assert shell._cached("core:shell:test", lambda: "read") == "read"
    shell.invalidate()  # a save goes on
    assert "Cache unreachable" in caplog.text
