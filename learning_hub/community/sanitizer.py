"""Sanitise what members write: a few inline tags survive, everything executable goes."""

import nh3

ALLOWED_TAGS = frozenset({"a", "p", "br", "strong", "em", "code", "blockquote", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Links from members are theirs, not the site's: search engines must not credit them.
LINK_REL = "nofollow ugc noopener"


def sanitize_comment(text):
    """Return `text` as safe HTML: only ALLOWED_TAGS, links with LINK_REL, no scripts.

    The content of <script> and <style> is dropped, not shown as text.
    """
    return nh3.clean(
        text.strip(),
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
