"""What members and moderators do in the hub's community, with its side effects (mail, cache)."""

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from . import notifications
from .models import (
    Bookmark,
    Collection,
    CollectionItem,
    Comment,
    CommentReport,
    CommentStatus,
    Contribution,
    ContributionStatus,
    UsefulVote,
)


class CommunityError(ValueError):
    """Raised when an action is not possible in the current state; its message is for people."""


def purge_resource(page):
    """Drop the cached renderings of resource `page` once the transaction commits."""
    from learning_hub import caching

    transaction.on_commit(lambda: caching.purge(page))


def purge_hub():
    """Drop the cached hub listings once the transaction commits (the home shows collections)."""
    from learning_hub import caching

    transaction.on_commit(caching.purge_listings)


# --- Contributions ----------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(*, page, user):
    """Record `page` (a draft ResourcePage owned by `user`) as a proposal and start its review.

    The page's latest revision enters the hub's moderation workflow. Return the Contribution.
    """
    from .moderation import ensure_moderation, quiet_admin_notifications

    workflow = ensure_moderation(page.get_parent().specific)
    quiet_admin_notifications(user)
    workflow.start(page, user)  # its review task records the contribution
    return Contribution.objects.get(page=page)


def contribution_entered_review(*, page, user):
    """Record that `page` entered the moderators' review, submitted by `user`.

    A resource never published that is not yet a contribution becomes one of `user`'s, in the
    admin as on the site; a contribution sent back or rejected is in moderation again. Tell
    the contributor. Return the Contribution, or None for a published resource whose edit
    nobody proposed.
    """
    contribution = _contribution_of(page)
    if contribution is None:
        if page.first_published_at is not None:
            return None
        contribution = Contribution.objects.create(page=page, contributor=user)
        notifications.contribution_changed(contribution)
    elif contribution.status != ContributionStatus.IN_MODERATION:
        _set_status(contribution, ContributionStatus.IN_MODERATION, message=contribution.message)
    return contribution


@transaction.atomic
def contribution_resubmit(*, contribution, user):
    """Send a proposal the moderators sent back for changes to them again (latest revision)."""
    if contribution.status != ContributionStatus.CHANGES_REQUESTED:
        raise CommunityError(_("This proposal is not waiting for changes."))
    state = WorkflowState.objects.for_instance(contribution.page).get(
        status=WorkflowState.STATUS_NEEDS_CHANGES
    )
    state.resume(user)  # its review task puts the contribution back in moderation
    contribution.refresh_from_db()
    return contribution


def contribution_changes_requested(*, page, message):
    """Record that the moderators asked for changes to the proposal `page`, and say so."""
    contribution = _contribution_of(page)
    if contribution is not None:
        _set_status(contribution, ContributionStatus.CHANGES_REQUESTED, message=message)


def contribution_published(*, page):
    """Record that the proposal `page` is published (once), and tell its contributor."""
    contribution = _contribution_of(page)
    if contribution is not None and contribution.status != ContributionStatus.PUBLISHED:
        _set_status(contribution, ContributionStatus.PUBLISHED, message="")


@transaction.atomic
def contribution_reject(*, page, user, message):
    """End the review of proposal `page` with a refusal and `message`; the page stays a draft."""
    state = WorkflowState.objects.for_instance(page).filter(
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
    )
    for workflow_state in state:
        workflow_state.cancel(user=user)
    contribution = _contribution_of(page)
    if contribution is not None:
        _set_status(contribution, ContributionStatus.REJECTED, message=message)
    return contribution


def _contribution_of(page):
    return (
        Contribution.objects.select_related("contributor", "page").filter(page_id=page.pk).first()
    )


def _set_status(contribution, status, *, message):
    contribution.status = status
    contribution.message = message
    contribution.save(update_fields=["status", "message", "updated_at"])
    notifications.contribution_changed(contribution)


# --- Comments ---------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, page, author, body, parent=None):
    """Publish `body` (already sanitised HTML) on `page`; a reply attaches to the top comment.

    Raise CommunityError when replying to a comment of another page or to a hidden one.
    """
    if parent is not None:
        if parent.page_id != page.pk or not parent.is_visible:
            raise CommunityError(_("You can only reply to a visible comment of this resource."))
        # One level of replies: answering a reply joins its thread.
        parent = parent.parent or parent
    comment = Comment.objects.create(page=page, author=author, body=body, parent=parent)
    purge_resource(page)
    return comment


def comment_report(*, comment, reporter, reason):
    """Record `reporter`'s report on `comment`; a second report by the same person updates it."""
    report, _created = CommentReport.objects.update_or_create(
        comment=comment, reporter=reporter, defaults={"reason": reason, "resolved_at": None}
    )
    return report


@transaction.atomic
def comment_moderate(*, comment, hide):
    """Hide or restore `comment`, close its open reports; return the comment."""
    comment.status = CommentStatus.HIDDEN if hide else CommentStatus.VISIBLE
    comment.save(update_fields=["status"])
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    purge_resource(comment.page)
    return comment


# --- Bookmarks and votes ----------------------------------------------------------------------


@transaction.atomic
def bookmark_toggle(*, user, page):
    """Bookmark `page` for `user`, or remove the bookmark; return True if now bookmarked."""
    deleted, _detail = Bookmark.objects.filter(user=user, page=page).delete()
    if deleted:
        return False
    Bookmark.objects.create(user=user, page=page)
    return True


def useful_toggle(*, user, page):
    """Add or withdraw `user`'s "useful" vote on `page`; return (voted, new count).

    The count changes with an F() expression in the same transaction as the vote, so that
    simultaneous votes never lose one.
    """
    from learning_hub.models import ResourcePage

    with transaction.atomic():
        deleted, _detail = UsefulVote.objects.filter(user=user, page=page).delete()
        if deleted:
            ResourcePage.objects.filter(pk=page.pk, useful_count__gt=0).update(
                useful_count=F("useful_count") - 1
            )
            voted = False
        else:
            try:
                with transaction.atomic():
                    UsefulVote.objects.create(user=user, page=page)
            except IntegrityError:
                voted = True  # a double click already counted it
            else:
                ResourcePage.objects.filter(pk=page.pk).update(useful_count=F("useful_count") + 1)
                voted = True
        count = ResourcePage.objects.values_list("useful_count", flat=True).get(pk=page.pk)
    page.useful_count = count
    purge_resource(page)
    purge_hub()  # the cards show the count, and `sort=useful` orders by it
    return voted, count


# --- Collections ------------------------------------------------------------------------------


def collection_add_item(*, collection, page):
    """Append `page` to `collection` (once); return True if it was added."""
    with transaction.atomic():
        if collection.items.filter(page=page).exists():
            return False
        last = collection.items.aggregate(last=Max("position"))["last"]
        CollectionItem.objects.create(
            collection=collection, page=page, position=0 if last is None else last + 1
        )
        Collection.objects.filter(pk=collection.pk).update(updated_at=timezone.now())
        collection_changed(collection)
    return True


def collection_move_item(*, item, offset):
    """Move `item` up (offset -1) or down (+1) in its collection; return True if it moved."""
    with transaction.atomic():
        items = list(item.collection.items.select_for_update().order_by("position", "pk"))
        index = next(i for i, each in enumerate(items) if each.pk == item.pk)
        target = index + offset
        if not 0 <= target < len(items):
            return False
        items[index], items[target] = items[target], items[index]
        for position, each in enumerate(items):
            if each.position != position:
                CollectionItem.objects.filter(pk=each.pk).update(position=position)
        collection_changed(item.collection)
    return True


def collection_changed(collection):
    """Refresh the hub's home if it shows `collection` (a featured one)."""
    if collection.is_featured:
        purge_hub()


def collection_set_featured(*, collection, featured):
    """Feature a public collection on the hub's home, or stop featuring it."""
    if featured and not collection.is_public:
        raise CommunityError(_("Only a public collection can be featured."))
    collection.is_featured = featured
    collection.save(update_fields=["is_featured", "updated_at"])
    purge_hub()
    return collection
