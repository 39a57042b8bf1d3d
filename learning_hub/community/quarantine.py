"""Files attached to a proposal wait in a quarantine collection until the resource is published.

Until then only their uploader, the moderators and staff may download them (a core document
rule, registered in CommunityConfig.ready()); publishing the resource moves them to the
hub's collection, where everyone may. A rejected proposal's files stay where they are.
"""

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.models import Collection

from core.demo_content import root_collection

PROPOSALS_COLLECTION = "Hub proposals"
HUB_COLLECTION = "Hub"
REVIEW_PERMISSION = "hub_community.view_contribution"


def proposals_collection():
    """Return the quarantine collection of proposals' files, created under the root if missing."""
    return _child_collection(PROPOSALS_COLLECTION)


def hub_collection():
    """Return the collection of published resources' files, created under the root if missing."""
    return _child_collection(HUB_COLLECTION)


def _child_collection(name):
    root = root_collection()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def may_download(user, document):
    """Decide on documents in quarantine; answer None for any other document.

    True for the document's uploader and for those who review proposals (moderators, staff),
    False for anyone else.
    """
    if not _in_quarantine(document):
        return None
    if not user.is_authenticated:
        return False
    return document.uploaded_by_user_id == user.pk or user.has_perm(REVIEW_PERMISSION)


def _in_quarantine(document):
    return Collection.objects.filter(
        pk=document.collection_id, name=PROPOSALS_COLLECTION, depth=2
    ).exists()


def release_documents(page):
    """Move the quarantined documents the live `page` offers to the hub's collection.

    Return the number of documents moved.
    """
    ids = _document_ids(page)
    if not ids:
        return 0
    quarantined = get_document_model().objects.filter(
        pk__in=ids, collection__name=PROPOSALS_COLLECTION, collection__depth=2
    )
    if not quarantined.exists():
        return 0
    destination = hub_collection()
    moved = 0
    # One save per document rather than an update(), so that caches and search hear of it.
    for document in quarantined:
        document.collection = destination
        document.save(update_fields=["collection"])
        moved += 1
    return moved


def _document_ids(page):
    """Return the ids of the documents referenced by `page`'s StreamFields, however nested."""
    ids = set()
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for model, object_id, _path, _content_path in field.extract_references(
            field.value_from_object(page)
        ):
            if issubclass(model, AbstractDocument):
                ids.add(int(object_id))
    return ids
