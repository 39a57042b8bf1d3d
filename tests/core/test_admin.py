"""Editors' side: site settings and page editors render with our panels and blocks."""

import pytest
from django.utils import translation
from wagtail.blocks import Block
from wagtail.models import Site

from core.blocks import CallToActionBlock
from core.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["sitesettings", "navigationsettings"])
def test_the_site_settings_are_editable_in_the_admin(client, superuser, demo_pages, model):
    client.force_login(superuser)
    site = Site.objects.get(is_default_site=True)

    response = client.get(f"/admin/settings/core/{model}/{site.pk}/")

    assert response.status_code == 200


def test_the_settings_are_in_the_settings_menu(client, superuser):
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "/admin/settings/core/sitesettings/" in html
    assert "/admin/settings/core/navigationsettings/" in html


@pytest.mark.parametrize("page", ["home", "home_en", "statement", "legal_en"])
def test_the_page_editor_opens_for_every_demo_page(client, superuser, demo_pages, page):
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{getattr(demo_pages, page).pk}/edit/")

    assert response.status_code == 200


def test_the_page_preview_renders_the_home_page(client, superuser, demo_pages):
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{demo_pages.home.pk}/edit/preview/")

    assert response.status_code == 200


def test_the_tagline_follows_the_language_and_falls_back_to_french():
    identity = SiteSettings(tagline="Apprendre la musique", tagline_en="")

    with translation.override("en"):
        assert identity.get_tagline() == "Apprendre la musique"
        identity.tagline_en = "Learning music"
        assert identity.get_tagline() == "Learning music"
    with translation.override("fr"):
        assert identity.get_tagline() == "Apprendre la musique"


def test_block_previews_in_the_admin_use_the_site_styles(client, superuser):
    client.force_login(superuser)
    block_id = next(
        key
        for key, block in Block.definition_registry.items()
        if isinstance(block, CallToActionBlock)
    )

    response = client.get("/admin/block-preview/", {"id": block_id})

    assert response.status_code == 200
    assert "/static/dist/main.css" in response.content.decode()
    assert 'class="call-to-action"' in response.content.decode()


def test_the_admin_home_asks_no_outside_server_for_new_versions(client, superuser):
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "w-panel-upgrade" not in html  # the panel whose script asks releases.wagtail.org
