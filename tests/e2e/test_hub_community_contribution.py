"""In Chromium: a member proposes a resource, a moderator approves it in the admin, it is found."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Site

from accounts.roles import Role
from learning_hub.community.models import Contribution, ContributionStatus
from learning_hub.community.moderation import ensure_moderation
from learning_hub.models import HubIndexPage
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def hub(demo_site):
    root = Site.objects.get(is_default_site=True).root_page
    hub = root.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    ensure_moderation(hub)
    return hub


def log_in(page, user):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("link", name=re.compile("mon profil", re.I))).to_be_visible()


def test_a_member_proposes_a_moderator_approves_and_it_is_found(
    page, browser, live_server, hub, tmp_path
):
    member = UserFactory(display_name="Camille Dupont")
    moderator = UserFactory(roles=[Role.MODERATORS])
    log_in(page, member)

    page.goto("/hub/propose/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une ressource")
    assert axe_violations(page) == [], format_violations(axe_violations(page))
    # The resource fields' labels come from the hub's catalogue: find them by name.
    page.locator("input[name=title]").fill("Échelles modales au violon")
    page.locator("select[name=resource_type]").select_option("exercise")
    page.locator("textarea[name=summary]").fill("Sept modes, sept échelles, à jouer lentement.")
    page.get_by_label("Texte de la ressource").fill("Jouez chaque mode sur deux octaves.")
    score = tmp_path / "modes.pdf"
    score.write_bytes(PDF)
    page.get_by_label("Fichiers").set_input_files(str(score))
    page.locator("select[name=level]").select_option("intermediate")
    page.get_by_role("radio", name="CC BY-SA 4.0").check()
    page.get_by_role("button", name="Envoyer ma proposition").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes contributions")
    row = page.get_by_role("row", name=re.compile("Échelles modales au violon"))
    expect(row).to_contain_text("En modération")
    assert axe_violations(page) == [], format_violations(axe_violations(page))
    contribution = Contribution.objects.get(contributor=member)

    moderator_context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    admin = moderator_context.new_page()
    log_in(admin, moderator)
    admin.goto(f"/admin/pages/{contribution.page_id}/edit/")
    admin.get_by_role("button", name=re.compile("Plus d.actions|More actions", re.I)).click()
    admin.get_by_role("button", name=re.compile("^Approuver et publier$", re.I)).click()
    expect(admin.locator(".messages li.success")).to_be_visible()
    moderator_context.close()

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    page.goto("/hub/my-contributions/")
    expect(page.get_by_role("row", name=re.compile("Échelles modales"))).to_contain_text("Publiée")

    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    visitor.goto(f"{hub.url}search/?q=modales")
    expect(visitor.get_by_role("link", name="Échelles modales au violon")).to_be_visible()
    visitor.context.close()


def test_an_unverified_member_reads_why_and_how_to_verify(page, context, live_server, hub):
    # allauth stops an unverified member at the login form; one verified before an address
    # change (or logged in elsewhere) still has a session: give them one directly.
    client = Client()
    client.force_login(UserFactory(verified=False))
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/hub/propose/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vérifiez d'abord votre adresse e-mail"
    )
    expect(page.get_by_role("link", name="Vérifier mon adresse e-mail")).to_be_visible()
    assert axe_violations(page) == [], format_violations(axe_violations(page))
