"""axe-core finds no WCAG 2.1 A/AA violation; the shell works by keyboard, at 320 px, without JS."""

import pytest
from playwright.sync_api import expect

from core.models import StandardPage
from tests.e2e.conftest import axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/search/?q=piano",
    "/search/?q=zzzz",
    "/studio/",
    "/studio/?q=zzzz&kind=360",
]


def _standard_page_url():
    return StandardPage.objects.live().filter(locale__language_code="fr").first().url


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", [*PAGES, "standard-page"])
def test_pages_have_no_wcag_violation(page, demo_site, prefix, path):
    if path == "standard-page":
        path = _standard_page_url()
        prefix = ""
    page.goto(prefix + path)

    violations = axe_violations(page)

    assert violations == [], format_violations(violations)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()

    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#main"


def test_the_site_fits_a_320_pixel_wide_screen(browser, live_server, demo_site):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/", "/accounts/signup/", _standard_page_url()]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 320, f"{path} is {overflow}px wide"
    context.close()


def test_the_navigation_is_readable_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 360, "height": 700}
    )
    page = context.new_page()
    page.goto("/")

    navigation = page.get_by_role("navigation").first
    expect(navigation).to_be_visible()
    expect(navigation.get_by_role("link").first).to_be_visible()
    context.close()


ACCOUNT_PAGES = [
    "/accounts/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/my-data/",
    "/accounts/delete/",
]


@pytest.fixture
def logged_in_page(page, demo_site):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("membre@example.org")
    page.locator("input[name=password]").fill("conservatoire-demo")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Se déconnecter")).to_be_visible()
    return page


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_pages_have_no_wcag_violation(logged_in_page, path):
    logged_in_page.goto(path)

    violations = axe_violations(logged_in_page)

    assert violations == [], format_violations(violations)
