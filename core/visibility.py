"""Which pages a person may find and which documents they may download.

Core's search, sitemap and document downloads ask here; the apps that know (the campus of
its lessons, the beta programme of its phases, the hub of its proposals) register their
rules in their `AppConfig.ready()`.
"""

_page_filters = []
_document_rules = []


def register_page_filter(rule):
    """Register `rule(pages, user) -> pages`, which narrows a queryset of pages to those
    `user` may find (in search results, the sitemap, editors' picks).

    The search backend filters on a few fields only: narrow with `pk__in` a subquery.
    """
    if rule not in _page_filters:
        _page_filters.append(rule)


def findable_pages(pages, user):
    """Return `pages` narrowed by every registered page filter for `user`."""
    for rule in _page_filters:
        pages = rule(pages, user)
    return pages


def register_document_rule(rule):
    """Register `rule(user, document) -> bool | None`.

    A rule answers True to let `user` download `document`, False to refuse, and None for a
    document it does not govern.
    """
    if rule not in _document_rules:
        _document_rules.append(rule)


def may_download(user, document):
    """Return True unless a rule refuses `document` to `user` and no other rule grants it."""
    verdicts = {rule(user, document) for rule in _document_rules}
    return True in verdicts or False not in verdicts
