"""Comments keep a few harmless tags; every script and event handler is made inert."""

import pytest

from learning_hub.community.sanitizer import LINK_REL, sanitize_comment

# Classic payloads from the OWASP XSS filter evasion cheat sheet and html5sec.org.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="&#106;avascript:alert(1)">clic</a>',
    '<a href=" javascript:alert(1)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">clic</a>',
    '<a href="vbscript:msgbox(1)">clic</a>',
    '<p onclick="alert(1)">texte</p>',
    '<strong onmouseover="alert(1)">gras</strong>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<style>@import 'javascript:alert(1)';</style>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<<script>alert(1)//<</script>",
    '<a href="https://exemple.org" onclick="alert(1)" target="_blank">lien</a>',
]
DANGEROUS = ["<script", "javascript:", "vbscript:", "data:", "onerror", "onload", "onclick",
             "onmouseover", "ontoggle", "onfocus", "<iframe", "<svg", "<img", "<style", "<object",
             "<embed", "<form", "<input", "<meta", "style=", "target="]  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_comes_out_inert(payload):
    cleaned = sanitize_comment(payload).lower()
    for marker in DANGEROUS:
        assert marker not in cleaned, (payload, cleaned)


def test_links_are_kept_with_nofollow_ugc_noopener():
    cleaned = sanitize_comment('Voir <a href="https://imslp.org/x">IMSLP</a>')
    assert cleaned == f'Voir <a href="https://imslp.org/x" rel="{LINK_REL}">IMSLP</a>'


def test_a_link_cannot_choose_its_own_rel():
    cleaned = sanitize_comment('<a href="https://e.org" rel="me">x</a>')
    assert 'rel="nofollow ugc noopener"' in cleaned
    assert 'rel="me"' not in cleaned


def test_simple_emphasis_and_lists_survive():
    text = "<p><strong>Doigté</strong> <em>lent</em></p><ul><li>un</li></ul><code>x</code>"
    assert sanitize_comment(text) == text


def test_script_content_is_dropped_not_shown():
    assert sanitize_comment("<script>alert('coucou')</script>Merci") == "Merci"


def test_angle_brackets_in_plain_text_are_escaped():
    assert sanitize_comment("do < ré & mi") == "do &lt; ré &amp; mi"
