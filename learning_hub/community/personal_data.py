"""A member's data in the hub community: what they download, and what erasure removes."""

from .models import Bookmark, Collection, Comment, CommentReport, CommentStatus, UsefulVote


def export(user):
    """Return the comments, reports, bookmarks, votes and collections of `user` as plain data."""
    return {
        "comments": [
            {
                "resource": comment.page.title,
                "in_reply_to": comment.parent_id,
                "text": comment.body,
                "status": comment.status,
                "written_at": comment.created_at.isoformat(),
            }
            for comment in Comment.objects.filter(author=user).select_related("page")
        ],
        "comment_reports": [
            {
                "comment": report.comment_id,
                "reason": report.reason,
                "reported_at": report.created_at.isoformat(),
            }
            for report in CommentReport.objects.filter(reporter=user)
        ],
        "bookmarks": [
            {"resource": bookmark.page.title, "created_at": bookmark.created_at.isoformat()}
            for bookmark in Bookmark.objects.filter(user=user).select_related("page")
        ],
        "useful_votes": [
            {"resource": vote.page.title, "created_at": vote.created_at.isoformat()}
            for vote in UsefulVote.objects.filter(user=user).select_related("page")
        ],
        "collections": [
            {
                "title": collection.title,
                "description": collection.description,
                "visibility": collection.visibility,
                "resources": [item.page.title for item in collection.items.all()],
            }
            for collection in Collection.objects.filter(owner=user).prefetch_related("items__page")
        ],
    }


def erase(user):
    """Remove what `user` wrote; keep replies of others readable under a "deleted" notice.

    Votes are withdrawn so that the resources' counts stay true; bookmarks, reports and
    collections go with the account.
    """
    from learning_hub.caching import purge_member

    from .services import useful_toggle

    purge_member(user)  # before their comments lose their author
    Comment.objects.filter(author=user).update(author=None, body="", status=CommentStatus.DELETED)
    for vote in UsefulVote.objects.filter(user=user).select_related("page"):
        useful_toggle(user=user, page=vote.page)
    Bookmark.objects.filter(user=user).delete()
    CommentReport.objects.filter(reporter=user).delete()
    Collection.objects.filter(owner=user).delete()
