"""Pages in the visitor's language, resolved in bulk rather than one query per link."""

from django.utils.translation import get_language
from wagtail.models import Page


def localize_pages(pages):
    """Return {page.pk: page to show} for the active language, like `page.localized`.

    Each page maps to its live translation in the active language, else to itself when it is
    live, else to None (an unpublished page is never linked to). One query for all pages.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    # Joining on the locale's language spares reading the Locale first; a page already in
    # the active language finds itself (when live).
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=get_language(),
        )
    }
    return {
        page.pk: translations.get(page.translation_key) or (page if page.live else None)
        for page in pages
    }


def prefetch_target_pages(values):
    """Resolve at once the `target_page` of many block values that choose a page."""
    language = get_language()
    pending = [
        value
        for value in values
        if value.get("page") is not None and language not in value.__dict__.get("_targets", {})
    ]
    if not pending:
        return
    targets = localize_pages([value["page"] for value in pending])
    for value in pending:
        value.__dict__.setdefault("_targets", {})[language] = targets[value["page"].pk]
