"""Turn the contribution form's data into a draft ResourcePage (new, or its next revision)."""

import re
from html import unescape

from django.db import transaction
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from .forms import CONTRIBUTION_MODEL_FIELDS
from .quarantine import proposals_collection
from .services import contribution_resubmit, contribution_submit

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@transaction.atomic
def contribution_propose(*, hub_index, user, data):
    """Create a draft resource under `hub_index` owned by `user` and submit it for review.

    `data` is a valid ContributionForm's cleaned_data. Return the Contribution.
    """
    from learning_hub.models import ResourcePage

    page = ResourcePage(owner=user, live=False)
    _apply(page, data, user=user, keep_blocks=[])
    page.slug = _free_slug(hub_index, data["title"])
    hub_index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return contribution_submit(page=page, user=user)


@transaction.atomic
def contribution_update(*, contribution, user, data):
    """Save the edited proposal as a new revision and send it back to the moderators."""
    page = contribution.page.get_latest_revision_as_object()
    keep = [
        (block.block_type, block.value) for block in page.body if block.block_type != "paragraph"
    ]
    _apply(page, data, user=user, keep_blocks=keep)
    page.save_revision(user=user, log_action=True)
    return contribution_resubmit(contribution=contribution, user=user)


def initial_from_page(page):
    """Return the ContributionForm's initial data for the latest revision of `page`."""
    initial = {name: getattr(page, name) for name in CONTRIBUTION_MODEL_FIELDS}
    initial["instruments"] = list(page.instruments.all())
    initial["body_text"] = "\n\n".join(
        _plain_text(block.value.source) for block in page.body if block.block_type == "paragraph"
    )
    initial["authors"] = "\n".join(author.name for author in page.authors.all())
    initial["works"] = "\n".join(
        f"{work.composer}: {work.title}" if work.composer else work.title
        for work in page.works.all()
    )
    initial["derived_from"] = "\n".join(link.source.url or "" for link in page.sources.all())
    return initial


def _apply(page, data, *, user, keep_blocks):
    from learning_hub.models import ResourceAuthor, ResourceSource, ResourceWork

    for name in CONTRIBUTION_MODEL_FIELDS:
        if name != "instruments":
            setattr(page, name, data[name] or "")
    page.instruments = list(data["instruments"])
    paragraphs = [("paragraph", RichText(html)) for html in _paragraphs(data["body_text"])]
    documents = [
        ("document", {"document": _store_document(upload, user), "label": ""})
        for upload in data["files"]
    ]
    page.body = [*paragraphs, *keep_blocks, *documents]
    page.authors = [ResourceAuthor(name=name) for name in data["authors"]]
    page.works = [ResourceWork(composer=composer, title=title) for composer, title in data["works"]]
    page.sources = [ResourceSource(source=source) for source in data["derived_from"]]


def _paragraphs(text):
    return [
        linebreaks(escape(chunk.strip())).replace("<br>", "<br/>")
        for chunk in _PARAGRAPH_BREAK.split(text or "")
        if chunk.strip()
    ]


def _plain_text(html):
    text = re.sub(r"<br\s*/?>", "\n", html)
    text = re.sub(r"</p>\s*<p>", "\n\n", text)
    return unescape(strip_tags(text)).strip()


def _store_document(upload, user):
    document_model = get_document_model()
    document = document_model(
        title=upload.name,
        file=upload,
        uploaded_by_user=user,
        # Nobody but its uploader and the moderators downloads it before publication.
        collection=proposals_collection(),
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _free_slug(hub_index, title):
    base = slugify(title)[:70] or "resource"
    taken = set(
        hub_index.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
