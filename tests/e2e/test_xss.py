"""In Chromium: the whole XSS corpus, written into every field a person can write, runs no
script and creates no element on any page that shows it — to visitors, students, teachers
and staff in the admin (whose policy allows inline scripts, so escaping is all there is)."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.security.fields import FIELDS
from tests.security.payloads import ANY_MARKER, BY_NAME, PAYLOADS, packed

pytestmark = pytest.mark.django_db(transaction=True)

# What markup that got through leaves in the DOM, once the browser has parsed it.
FIND_INJECTIONS = r"""(pattern) => {
  const marker = new RegExp(pattern);
  const invisible = /[\s\u0000-\u001f\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;
  const links = ["href", "src", "action", "formaction", "xlink:href", "data"];
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (!marker.test(value)) continue;
      if (name.startsWith("on")) found.push(`<${element.localName} ${name}>`);
      if (name === "srcdoc") found.push(`<${element.localName} srcdoc>`);
      if (links.includes(name)
          && /^(javascript|vbscript|data:text\/html)/i.test(value.replace(invisible, ""))) {
        found.push(`<${element.localName} ${name}="${value}">`);
      }
    }
    const code = element.localName === "style"
      || (element.localName === "script"
          && !["application/json", "application/ld+json"].includes(element.type));
    if (code && marker.test(element.textContent)) {
      found.push(`<${element.localName}>${element.textContent.slice(0, 80)}`);
    }
  }
  for (const image of document.querySelectorAll("img[src='x'], svg[onload], details[ontoggle]")) {
    found.push(image.outerHTML.slice(0, 80));
  }
  if (window.__xss !== undefined) found.push(`window.__xss = ${window.__xss}`);
  return found;
}"""

SHOWN_AS_TEXT = r"""(pattern) => {
  const marker = new RegExp(pattern);
  const fields = [...document.querySelectorAll("input, textarea, select, option")];
  return marker.test(document.body.innerText) || fields.some((field) => marker.test(field.value));
}"""


def watch(page, problems):
    """Record on `page` every sign that a script ran or was stopped from running."""
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"blocked by the policy: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )


class Viewers:
    """One browser context per person, signed in through their session cookie."""

    def __init__(self, browser, live_server, visitor_page):
        self.browser, self.live_server = browser, live_server
        self.pages = {None: visitor_page}
        self.contexts = []

    def page_of(self, user, problems):
        if user.pk not in self.pages:
            context = self.browser.new_context(base_url=self.live_server.url, locale="fr-FR")
            client = Client()
            client.force_login(user)
            session = client.cookies["sessionid"].value
            url = self.live_server.url
            context.add_cookies([{"name": "sessionid", "value": session, "url": url}])
            page = context.new_page()
            watch(page, problems)
            self.contexts.append(context)
            self.pages[user.pk] = page
        return self.pages[user.pk]

    def close(self):
        for context in self.contexts:
            context.close()


def test_no_payload_of_the_corpus_runs_or_becomes_markup_on_any_page(
    browser, live_server, page, demo_site
):
    shown = []
    for field_name, store in FIELDS.items():
        for page_name, viewer, path, excerpt in store(packed(PAYLOADS, store.limit)).pages:
            shown.append((field_name, page_name, viewer, path, store.verbatim and not excerpt))

    problems, visitor_problems = [], []
    watch(page, visitor_problems)
    viewers = Viewers(browser, live_server, page)
    failures, opened = {}, set()
    try:
        for field_name, page_name, viewer, path, verbatim in shown:
            if (viewer and viewer.pk, path) in opened:
                continue
            opened.add((viewer and viewer.pk, path))
            tab = page if viewer is None else viewers.page_of(viewer, problems)
            response = tab.goto(path, wait_until="load")
            assert response.status == 200, (field_name, page_name, path, response.status)
            found = tab.evaluate(FIND_INJECTIONS, ANY_MARKER)
            found += problems + visitor_problems
            problems.clear()
            visitor_problems.clear()
            if verbatim and not tab.evaluate(SHOWN_AS_TEXT, ANY_MARKER):
                found.append("no payload is shown as text")
            if found:
                failures[f"{field_name} → {page_name} ({path})"] = found
    finally:
        viewers.close()
    assert failures == {}, failures
    assert len(opened) >= 30  # every kind of page of every field, for every role


def test_the_checks_catch_a_payload_that_gets_through_in_the_admin(browser, live_server):
    """Served raw into an admin page (whose policy lets inline code run), the corpus is
    caught: by a dialog, by `window.__xss` and by the elements it leaves."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    raw = " ".join(payload.text for payload in PAYLOADS)

    def serve_raw(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</main>", raw + "</main>"))

    problems = []
    viewers = Viewers(browser, live_server, None)
    try:
        tab = viewers.page_of(staff, problems)
        tab.route("**/admin/", serve_raw)
        tab.goto("/admin/", wait_until="load")
        found = tab.evaluate(FIND_INJECTIONS, ANY_MARKER)
    finally:
        viewers.close()
    assert any(problem.startswith("dialog: xss") for problem in problems), problems
    assert f"window.__xss = {BY_NAME['window-flag'].marker}" in found
    assert any(problem.startswith("<img onerror>") for problem in found), found
    assert any(problem.startswith("<script>") for problem in found), found
