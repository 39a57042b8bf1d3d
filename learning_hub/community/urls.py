"""Pages and actions of the hub community (inside the language prefix, under hub/)."""

from django.urls import path

from .views import collections, comments, contributions, reactions

app_name = "hub_community"

urlpatterns = [
    path("propose/", contributions.propose, name="propose"),
    path("my-contributions/", contributions.my_contributions, name="my_contributions"),
    path(
        "my-contributions/<int:pk>/edit/", contributions.contribution_edit, name="contribution_edit"
    ),
    path("resources/<int:page_id>/comments/", comments.add, name="comment_add"),
    path("comments/<int:pk>/report/", comments.report, name="comment_report"),
    path("resources/<int:page_id>/bookmark/", reactions.bookmark, name="bookmark"),
    path("resources/<int:page_id>/useful/", reactions.useful, name="useful"),
    path(
        "resources/<int:page_id>/collect/", collections.collection_add, name="collection_add_item"
    ),
    path("bookmarks/", reactions.bookmarks, name="bookmarks"),
    path("collections/", collections.collection_list, name="collections"),
    path("collections/new/", collections.collection_create, name="collection_create"),
    path("collections/<int:pk>/", collections.collection_detail, name="collection"),
    path("collections/<int:pk>/edit/", collections.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/delete/", collections.collection_delete, name="collection_delete"),
    path(
        "collections/<int:pk>/feature/", collections.collection_feature, name="collection_feature"
    ),
    path(
        "collections/<int:pk>/items/<int:item_pk>/remove/",
        collections.item_remove,
        name="collection_item_remove",
    ),
    path(
        "collections/<int:pk>/items/<int:item_pk>/<str:direction>/",
        collections.item_move,
        name="collection_item_move",
    ),
]
