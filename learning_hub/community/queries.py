"""Reads of the community shown on other pages: a fixed number of queries whatever the volume."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from .forms import CommentForm
from .models import Bookmark, Collection, CollectionItem, Comment, UsefulVote
from .permissions import policy

PREVIEW_ITEMS = 4


def featured_collections(*, limit=6):
    """Return up to `limit` featured collections, each with `preview` (its first live resources)."""
    live_items = CollectionItem.objects.filter(page__live=True).select_related("page")
    collections = list(
        Collection.objects.featured()
        .select_related("owner")
        .annotate(resource_count=Count("items", filter=Q(items__page__live=True)))
        .prefetch_related(Prefetch("items", queryset=live_items, to_attr="live_items"))
        .order_by("-updated_at")[:limit]
    )
    for collection in collections:
        collection.preview = [item.page for item in collection.live_items[:PREVIEW_ITEMS]]
    return collections


@dataclass
class ResourceCommunity:
    """Everything the community include of a resource page needs, computed once."""

    page: object
    comments: list = field(default_factory=list)
    comment_count: int = 0
    useful_count: int = 0
    can_comment: bool = False
    can_vote: bool = False
    can_bookmark: bool = False
    can_collect: bool = False
    can_report: bool = False
    bookmarked: bool = False
    voted: bool = False
    collections: list = field(default_factory=list)
    comment_form: object = None


def resource_community(*, page, user):
    """Return the `ResourceCommunity` of `page` for `user`: comments with replies, their state."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    comments = list(
        Comment.objects.filter(page=page, parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    community = ResourceCommunity(
        page=page,
        comments=comments,
        comment_count=sum(
            comment.is_visible + sum(reply.is_visible for reply in comment.replies.all())
            for comment in comments
        ),
        useful_count=getattr(page, "useful_count", 0) or 0,
        can_comment=policy.can_comment(user),
        can_vote=policy.can_vote(user),
        can_bookmark=policy.can_bookmark(user),
        can_collect=policy.can_collect(user),
        can_report=policy.can_report(user),
    )
    if user.is_authenticated:
        community.bookmarked = Bookmark.objects.filter(user=user, page=page).exists()
        community.voted = UsefulVote.objects.filter(user=user, page=page).exists()
        community.collections = list(
            Collection.objects.filter(owner=user).only("pk", "title", "visibility")
        )
    if community.can_comment:
        community.comment_form = CommentForm(auto_id=f"comment-{page.pk}-%s")
    return community
