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
    """Move to the hub's collection the quarantined documents that the live `page` offers
    and that its proposer (its owner or contributor) uploaded.

    Someone else's file in quarantine stays there even if an editor picked it for this page:
    only its own proposal's publication releases it. Return the number of documents moved.
    """
    ids = _document_ids(page)
    if not ids:
        return 0
    quarantined = get_document_model().objects.filter(
        pk__in=ids,
        collection__name=PROPOSALS_COLLECTION,
        collection__depth=2,
        uploaded_by_user_id__in=_proposers(page),
    )
    return _move(quarantined, hub_collection)


def quarantine_pending_proposals():
    """Move into quarantine the files of unpublished proposals still in the root collection.

    They were attached before the quarantine existed. Idempotent: it runs after every
    migration. Return the number of documents moved.
    """
    from .models import Contribution, ContributionStatus

    pending = Contribution.objects.exclude(status=ContributionStatus.PUBLISHED).filter(
        page__live=False
    )
    moved = 0
    for contribution in pending.select_related("page"):
        latest = contribution.page.get_latest_revision_as_object()
        documents = get_document_model().objects.filter(
            pk__in=_document_ids(latest),
            collection__depth=1,
            uploaded_by_user_id=contribution.contributor_id,
        )
        moved += _move(documents, proposals_collection)
    return moved


def _proposers(page):
    from .models import Contribution

    contributors = Contribution.objects.filter(page_id=page.pk).values_list(
        "contributor_id", flat=True
    )
    return {page.owner_id, *contributors} - {None}


def _move(documents, destination_collection):
    documents = list(documents)
    if documents:
        destination = destination_collection()
        # One save per document rather than an update(), so that caches and search hear of it.
        for document in documents:
            document.collection = destination
            document.save(update_fields=["collection"])
    return len(documents)


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
