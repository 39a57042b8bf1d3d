"""A corpus of cross-site scripting payloads, and the checks that find one that got through.

Each payload would, if the browser ran it, call `alert()` or set `window.__xss`; each
carries its own marker ("xss01"…) so that a check finds where it landed in a page. They
are short enough for the shortest field they go into (a display name: 80 characters).
"""

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class Payload:
    name: str
    marker: str
    text: str

    def __str__(self):
        return self.name


def _payloads(*entries):
    made = []
    for number, (name, template) in enumerate(entries, start=1):
        marker = f"xss{number:02d}"
        made.append(Payload(name=name, marker=marker, text=template.format(m=marker)))
    return made


PAYLOADS = _payloads(
    ("script-tag", "<script>alert('{m}')</script>"),
    ("attribute-breakout-img", "\"><img src=x onerror=alert('{m}')>"),
    ("single-quote-breakout", "'><img src=x onerror=alert('{m}')>"),
    ("svg-onload", "<svg onload=alert('{m}')>"),
    ("svg-script", "<svg><script>alert('{m}')</script></svg>"),
    ("javascript-url", "javascript:alert('{m}')"),
    ("javascript-link", "<a href=\"javascript:alert('{m}')\">{m}</a>"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>alert('{m}')</script>\">"),
    ("details-ontoggle", "<details open ontoggle=alert('{m}')>"),
    ("django-template", "{{{{ 7*7 }}}} {m} {{% debug %}}"),
    ("js-template-literal", "${{alert('{m}')}}"),
    ("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>"),
    ("full-width-script", "＜script＞alert('{m}')＜/script＞"),
    ("right-to-left-override", "\u202e<img src=x onerror=alert('{m}')>\u202c"),
    ("zero-width-javascript-url", "java\u200bscript:alert('{m}')"),
    ("textarea-breakout", "</textarea><script>alert('{m}')</script>"),
    ("js-string-breakout", "'-alert('{m}')-'"),
    ("json-script-breakout", "</script><script>alert('{m}')</script>"),
    ("style-import", "<style>@import 'javascript:alert(\"{m}\")'</style>"),
    ("body-onload", "<body onload=alert('{m}')>"),
    ("input-autofocus", "<input autofocus onfocus=alert('{m}')>"),
    ("data-url-link", "<a href=\"data:text/html,<script>alert('{m}')</script>\">{m}</a>"),
    ("window-flag", "<img src=x onerror=\"window.__xss='{m}'\">"),
    ("title-breakout", "</title><script>alert('{m}')</script>"),
    ("entity-encoded-url", "<a href=\"&#106;avascript:alert('{m}')\">{m}</a>"),
    ("base-hijack", "<base href=\"javascript:alert('{m}')//\">"),
)
BY_NAME = {payload.name: payload for payload in PAYLOADS}
ANY_MARKER = r"xss\d\d"


def packed(payloads, limit):
    """Return the texts of `payloads` joined by a space into as few texts of at most `limit`
    characters as possible, in order: a field holds as many payloads as it takes."""
    texts = []
    for payload in payloads:
        if texts and len(texts[-1]) + 1 + len(payload.text) <= limit:
            texts[-1] = f"{texts[-1]} {payload.text}"
        else:
            texts.append(payload.text)
    return texts


# Elements that escaped text never creates: one holding a marker is injected markup.
_ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "base", "link",
    "meta", "form", "details", "body", "input", "textarea", "img", "a", "template",
}  # fmt: skip
# Attributes where a marker is expected (text given as an attribute value, escaped).
_TEXT_ATTRIBUTES = {"value", "title", "alt", "aria-label", "content", "label", "placeholder"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
# Attributes that hold the marker legitimately: escaped text, a slug in a safe link or an id.
_QUIET_ATTRIBUTES = _TEXT_ATTRIBUTES | _URL_ATTRIBUTES | {"id", "class", "name", "for"}
_JSON_TYPES = {"application/json", "application/ld+json"}
_INVISIBLE = re.compile(r"[\s\x00-\x1f\u200b-\u200f\u202a-\u202e\u2060\ufeff]+")
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def injections(html, payload):
    """Return what in `html` shows that `payload` got through as markup (empty if escaped).

    Markup got through when an element holds the marker where escaped text cannot put it:
    in an event handler, in a `javascript:`/`data:` link, inside a script or style that is
    not JSON data, or in an element escaped text never creates; or when a JSON script no
    longer parses (the payload closed it).
    """
    found = []
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        found.extend(_element_injections(element, payload.marker))
    return found


def _element_injections(element, marker):
    found = []
    for name, value in element.attrs.items():
        value = " ".join(value) if isinstance(value, list) else str(value)
        if marker not in value:
            continue
        if name.startswith("on"):
            found.append(f"<{element.name} {name}=…> holds the event handler")
        elif name in _URL_ATTRIBUTES and _INVISIBLE.sub("", value).lower().startswith(
            _DANGEROUS_SCHEMES
        ):
            found.append(f"<{element.name} {name}={value!r}> runs a script")
        elif name == "srcdoc":
            found.append(f"<{element.name} srcdoc=…> holds a document")
        elif (
            name not in _QUIET_ATTRIBUTES
            and not name.startswith("data-")
            and element.name in _ACTIVE_TAGS
        ):
            found.append(f"<{element.name} {name}={value!r}> was injected")
    if element.name in ("script", "style"):
        found.extend(_script_injections(element, marker))
    return found


def _script_injections(element, marker):
    text = element.string or ""
    if element.name == "script" and element.get("type") in _JSON_TYPES:
        try:
            json.loads(text)
        except ValueError:
            return [f"a JSON <script> was broken open: {text[:80]!r}"]
        return []
    if marker in text:
        return [f"<{element.name}> runs {text[:80]!r}"]
    return []


def marker_as_text(html, payload):
    """Return whether the marker of `payload` is in the text of `html` (shown, not dropped)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style"]):
        hidden.decompose()
    return payload.marker in soup.get_text() or any(
        payload.marker in str(value)
        for element in soup.find_all(True)
        for name, value in element.attrs.items()
        if name in _TEXT_ATTRIBUTES
    )
