"""A visitor becomes a member: sign up, verify, log in, switch language — in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Gammes-et-arpeges-2026"


def _verification_link(mailoutbox):
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)


def test_a_visitor_signs_up_verifies_logs_in_and_switches_language(
    page, live_server, demo_site, mailoutbox
):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("banner").get_by_role("link", name=re.compile("créer un compte", re.I)).click()

    page.get_by_label(re.compile("^e-?mail", re.I)).fill("violoniste@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("vérifi", re.I))

    link = _verification_link(mailoutbox)
    page.goto(re.sub(r"^https?://[^/]+", live_server.url, link))
    page.locator("main form button[type=submit]").click()
    assert User.objects.get(email="violoniste@example.org").emailaddress_set.get().verified

    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^e-?mail", re.I)).fill("violoniste@example.org")
    page.get_by_label(re.compile("^mot de passe", re.I)).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(
        page.get_by_role("banner").get_by_role("link", name=re.compile("mon profil", re.I))
    ).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(
        page.get_by_role("banner").get_by_role("link", name=re.compile("my profile", re.I))
    ).to_be_visible()


def test_a_staff_member_opens_the_admin_after_logging_in(page, live_server, demo_site):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    page.get_by_label(re.compile("^e-?mail", re.I)).fill("equipe@example.org")
    page.get_by_label(re.compile("^mot de passe", re.I)).fill("conservatoire-demo")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("#wagtail")).to_be_visible()
