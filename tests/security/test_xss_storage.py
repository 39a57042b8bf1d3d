"""Every payload of the corpus, written into every field a person can write, comes back
escaped (or sanitised) on every page that shows that field."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from studio.models import Recording
from tests.security.fields import FIELDS, client_for
from tests.security.payloads import BY_NAME, PAYLOADS, injections, marker_as_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
@pytest.mark.parametrize("field_name", FIELDS)
def test_a_payload_written_in_a_field_is_shown_as_text_on_every_page(field_name, payload):
    store = FIELDS[field_name]
    shown = store([payload.text])

    problems = {}
    for page_name, viewer, path, excerpt in shown.pages:
        response = client_for(viewer).get(path)
        assert response.status_code == 200, (page_name, path, response.status_code)
        html = response.content.decode()
        found = injections(html, payload)
        if store.verbatim and not excerpt and not marker_as_text(html, payload):
            found.append("the text is not shown: it was dropped or turned into markup")
        if found:
            problems[page_name] = found
    assert problems == {}, problems


def test_the_corpus_has_twenty_payloads_with_their_own_marker():
    markers = [payload.marker for payload in PAYLOADS]
    assert len(PAYLOADS) >= 20
    assert len(set(markers)) == len(markers)
    assert all(payload.marker in payload.text for payload in PAYLOADS)
    assert all(len(payload.text) <= 80 for payload in PAYLOADS)


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert('xss01')</script></p>",
        "<img src=x onerror=alert('xss02')>",
        "<a href=\" jav&#x09;ascript:alert('xss06')\">x</a>",
        '<iframe srcdoc="&lt;b&gt;xss08&lt;/b&gt;"></iframe>',
        '<script type="application/json">{"t": "</script><b>xss18</b>',
        "<style>@import 'xss19'</style>",
    ],
)
def test_the_check_finds_markup_that_got_through(html):
    payload = next(p for p in PAYLOADS if p.marker in html)
    assert injections(html, payload) != []


def test_the_check_accepts_escaped_text_and_json_data():
    payload = PAYLOADS[0]
    html = (
        "<p>&lt;script&gt;alert(&#x27;xss01&#x27;)&lt;/script&gt;</p>"
        '<input value="&lt;script&gt;xss01">'
        '<script type="application/json">{"title": "\\u003Cscript\\u003Exss01"}</script>'
    )
    assert injections(html, payload) == []
    assert marker_as_text(html, payload)


def _feed_html(xml):
    """Return the HTML a feed reader renders from `xml`: RSS descriptions, Atom summaries."""
    root = ElementTree.fromstring(xml)  # noqa: S314 (our own feed, from the test server)
    atom = "{http://www.w3.org/2005/Atom}"
    parts = [element.text or "" for element in root.iter("description")]
    parts += [
        element.text or ""
        for element in root.iter()
        if element.tag in (f"{atom}summary", f"{atom}content")
        and element.get("type") in ("html", "xhtml")
    ]
    return "\n".join(parts)


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
def test_a_proposal_reaches_feed_readers_as_text(payload):
    shown = FIELDS["resource proposal"]([payload.text])
    [hub_path] = [path for name, _viewer, path, _excerpt in shown.pages if name == "hub index"]

    for feed in ("feed/", "feed/atom/"):
        response = client_for(None).get(hub_path + feed)
        assert response.status_code == 200, feed
        html = _feed_html(response.content)
        assert injections(html, payload) == [], (feed, html)
        assert marker_as_text(html, payload), (feed, html)


def test_survey_answers_leave_the_admin_as_a_csv_attachment_never_as_html():
    payload = BY_NAME["script-tag"]
    [(_name, staff, path, _excerpt)] = FIELDS["survey answer"]([payload.text]).pages

    response = client_for(staff).get(path + "?export=csv")

    assert response["Content-Type"].startswith("text/csv"), response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment"), response.headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert payload.text in b"".join(response.streaming_content).decode()


def test_chapter_titles_reach_the_player_as_webvtt_never_as_html():
    payload = BY_NAME["script-tag"]
    FIELDS["recording metadata and captions"]([payload.text])
    recording = Recording.objects.get()

    response = client_for(None).get(reverse("studio:chapters", args=[recording.uuid]))

    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert payload.text in response.content.decode()
