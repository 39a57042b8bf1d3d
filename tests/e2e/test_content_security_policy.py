"""In Chromium, the site's Content-Security-Policy stops a script slipped into a page: an
inline script, an event handler and a `javascript:` link do not run, while our own script
files do."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

INJECTED = (
    "<script>window.injected = 'script';</script>"
    "<img src='/missing.png' onerror=\"window.injected = 'handler'\" alt=''>"
    "<a id='injected-link' href=\"javascript:void(window.injected = 'link')\">lien</a>"
)


def test_scripts_slipped_into_a_page_are_refused_by_the_browser(context):
    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", INJECTED + "</main>")
        route.fulfill(response=response, body=body)  # the page's own headers, policy included

    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.route("**/accounts/login/", inject)

    page.goto("/accounts/login/")
    page.wait_for_load_state("load")  # the image has failed: its handler would have run
    ran_on_load = page.evaluate("window.injected")
    page.locator("#injected-link").click()
    page.wait_for_timeout(200)

    assert (ran_on_load, page.evaluate("window.injected")) == (None, None)
    assert len(refused) >= 3, refused  # the script, the handler and the link
    # Our own files still run: the shell's script replaces the no-js marker.
    assert "no-js" not in (page.locator("html").get_attribute("class") or "")
