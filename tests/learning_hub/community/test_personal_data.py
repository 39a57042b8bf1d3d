"""The member's data download and account erasure cover the community."""

from accounts import gdpr
from learning_hub.community.models import (
    Bookmark,
    Collection,
    Comment,
    CommentStatus,
    UsefulVote,
    Visibility,
)
from learning_hub.community.services import (
    bookmark_toggle,
    collection_add_item,
    comment_add,
    useful_toggle,
)
from learning_hub.models import ResourcePage
from tests.factories import UserFactory


def test_export_lists_comments_bookmarks_votes_and_collections(member, resource):
    comment_add(page=resource, author=member, body="Merci")
    bookmark_toggle(user=member, page=resource)
    useful_toggle(user=member, page=resource)
    collection = Collection.objects.create(
        owner=member, title="Mes gammes", visibility=Visibility.PUBLIC
    )
    collection_add_item(collection=collection, page=resource)
    data = gdpr.exporters()["hub_community"](member)
    assert data["comments"][0]["text"] == "Merci"
    assert data["bookmarks"][0]["resource"] == resource.title
    assert data["useful_votes"][0]["resource"] == resource.title
    assert data["collections"][0] == {
        "title": "Mes gammes", "description": "", "visibility": "public",
        "resources": [resource.title],
    }  # fmt: skip


def test_erasure_removes_the_text_keeps_replies_and_corrects_counts(member, resource):
    other = UserFactory()
    top = comment_add(page=resource, author=member, body="Ma question personnelle")
    reply = comment_add(page=resource, author=other, body="Une réponse", parent=top)
    useful_toggle(user=member, page=resource)
    bookmark_toggle(user=member, page=resource)
    Collection.objects.create(owner=member, title="À moi")

    gdpr.erasers()["hub_community"](member)

    top.refresh_from_db()
    assert (top.author, top.body, top.status) == (None, "", CommentStatus.DELETED)
    assert Comment.objects.get(pk=reply.pk).body == "Une réponse"
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 0
    assert not UsefulVote.objects.exists()
    assert not Bookmark.objects.exists()
    assert not Collection.objects.exists()
