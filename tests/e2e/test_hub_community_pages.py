"""In Chromium: a resource's discussion, votes and bookmarks, and collections, with axe-core."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Site

from learning_hub.community.models import Collection, Visibility
from learning_hub.community.moderation import ensure_moderation
from learning_hub.community.services import collection_add_item, comment_add
from learning_hub.models import HubIndexPage, ResourcePage
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def resource(demo_site):
    root = Site.objects.get(is_default_site=True).root_page
    hub = root.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    ensure_moderation(hub)
    page = ResourcePage(
        title="Le détaché au violon", slug="detache", resource_type="exercise",
        summary="Des exercices progressifs.", level="beginner", licence="cc-by",
    )  # fmt: skip
    hub.add_child(instance=page)
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


@pytest.fixture
def member(db):
    return UserFactory(display_name="Camille Dupont")


def logged_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_resource_with_comments_has_no_violation_and_replies_work(
    page, context, live_server, resource, member
):
    top = comment_add(
        page=resource, author=UserFactory(display_name="Élise"), body="<p>Avec quel archet ?</p>"
    )
    comment_add(
        page=resource, author=UserFactory(display_name="Hugo"), body="Le talon.", parent=top
    )
    page.goto(resource.url)
    expect(
        page.get_by_role("link", name=re.compile("Connectez-vous pour commenter"))
    ).to_be_visible()
    assert axe_violations(page) == [], format_violations(axe_violations(page))

    logged_in(context, live_server, member)
    page.goto(resource.url)
    expect(page.get_by_role("heading", name="2 commentaires")).to_be_visible()
    assert axe_violations(page) == [], format_violations(axe_violations(page))

    page.get_by_text("Répondre", exact=True).click()
    page.get_by_label("Votre réponse").fill("Merci pour l'astuce <script>alert(1)</script>")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_text("Merci pour l'astuce")).to_be_visible()
    expect(page.get_by_role("heading", name="3 commentaires")).to_be_visible()

    page.get_by_label("Votre commentaire").fill("Très utile.")
    page.get_by_role("button", name="Publier le commentaire").click()
    expect(page.get_by_role("heading", name="4 commentaires")).to_be_visible()


def test_useful_and_bookmark_toggle_without_reload_and_by_keyboard(
    page, context, live_server, resource, member
):
    logged_in(context, live_server, member)
    page.goto(resource.url)
    page.evaluate("window.notReloaded = true")
    useful = page.get_by_role("button", name=re.compile("Indiquer comme utile"))
    expect(useful).to_have_attribute("aria-pressed", "false")
    useful.click()
    voted = page.get_by_role("button", name=re.compile("Utile : vous l'avez indiqué"))
    expect(voted).to_have_attribute("aria-pressed", "true")
    expect(voted).to_contain_text("1")
    expect(page.locator("[data-community-live]")).to_contain_text("Merci")

    bookmark = page.get_by_role("button", name="Ajouter aux favoris")
    bookmark.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Dans vos favoris")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("window.notReloaded") is True
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 1

    page.reload()
    expect(page.get_by_role("button", name="Dans vos favoris")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_without_javascript_the_vote_still_works(browser, live_server, resource, member):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    logged_in(context, live_server, member)
    page = context.new_page()
    page.goto(resource.url)
    page.get_by_role("button", name=re.compile("Indiquer comme utile")).click()
    expect(
        page.get_by_role("button", name=re.compile("Utile : vous l'avez indiqué"))
    ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-messages]")).to_contain_text("Merci")
    context.close()


def test_collections_pages_have_no_violation_in_french_and_english(
    page, context, live_server, resource, member
):
    public = Collection.objects.create(
        owner=member, title="Pour débuter", visibility=Visibility.PUBLIC,
        description="Une sélection pour bien commencer.",
    )  # fmt: skip
    collection_add_item(collection=public, page=resource)
    Collection.objects.create(owner=member, title="Mes révisions")
    logged_in(context, live_server, member)
    for path in ("/hub/collections/", public.get_absolute_url(), "/en/hub/collections/",
                 "/hub/collections/new/", "/hub/bookmarks/"):  # fmt: skip
        page.goto(path)
        assert axe_violations(page) == [], (path, format_violations(axe_violations(page)))
    page.goto("/en/hub/collections/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Collections")
    expect(page.get_by_role("heading", name="My collections")).to_be_visible()


def test_the_hub_home_with_featured_collections_has_no_violation(
    page, live_server, resource, member
):
    for title in ("Pour débuter", "Le répertoire baroque"):
        collection = Collection.objects.create(
            owner=member, title=title, visibility=Visibility.PUBLIC,
            description="Une sélection de ressources.", is_featured=True,
        )  # fmt: skip
        collection_add_item(collection=collection, page=resource)
    page.goto(resource.get_parent().url)
    featured = page.get_by_role("region", name="Collections à la une")
    expect(featured.get_by_role("link", name="Pour débuter")).to_be_visible()
    expect(featured.get_by_role("link", name="Le répertoire baroque")).to_be_visible()
    expect(featured.get_by_text("Le détaché au violon").first).to_be_visible()
    assert axe_violations(page) == [], format_violations(axe_violations(page))


def test_a_member_builds_a_collection_from_a_resource(page, context, live_server, resource, member):
    logged_in(context, live_server, member)
    page.goto(resource.url)
    page.get_by_role("link", name="Créer une nouvelle collection avec cette ressource").click()
    page.get_by_label("Titre").fill("Archet")
    page.get_by_label("Publique : tout le monde peut la voir").check()
    page.get_by_role("button", name="Créer la collection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archet")
    expect(page.get_by_role("link", name="Le détaché au violon")).to_be_visible()

    anonymous = page.context.browser.new_context(
        base_url=live_server.url, locale="fr-FR"
    ).new_page()
    anonymous.goto("/hub/collections/")
    expect(anonymous.get_by_role("link", name="Archet")).to_be_visible()
    anonymous.context.close()
