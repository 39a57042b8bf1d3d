"""Collections: ordered, public or private, featured by staff on the hub's home."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from learning_hub.community.models import Collection, CollectionItem, Visibility
from learning_hub.community.services import collection_add_item
from tests.factories import UserFactory


@pytest.fixture
def private_collection(member):
    return Collection.objects.create(owner=member, title="Mes révisions")


@pytest.fixture
def public_collection(member):
    return Collection.objects.create(
        owner=member, title="Pour débuter", visibility=Visibility.PUBLIC
    )


def test_a_member_creates_a_collection_with_a_first_resource(client, member, resource):
    client.force_login(member)
    url = reverse("hub_community:collection_create") + f"?resource={resource.pk}"
    assert resource.title in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Échauffements",
            "description": "",
            "visibility": "public",
            "resource": resource.pk,
        },
    )
    collection = Collection.objects.get()
    assert response["Location"] == collection.get_absolute_url()
    assert collection.owner == member
    assert [item.page_id for item in collection.items.all()] == [resource.pk]


def test_a_private_collection_is_invisible_to_others(client, private_collection, resource):
    url = private_collection.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert "Mes révisions" not in client.get(reverse("hub_community:collections")).content.decode()
    client.force_login(private_collection.owner)
    response = client.get(url)
    assert response.status_code == 200
    assert "Mes révisions" in response.content.decode()


def test_public_collections_are_listed_for_everyone(client, public_collection, resource):
    collection_add_item(collection=public_collection, page=resource)
    html = client.get(reverse("hub_community:collections")).content.decode()
    assert "Pour débuter" in html
    assert public_collection.get_absolute_url() in html
    detail = client.get(public_collection.get_absolute_url())
    assert detail.status_code == 200
    assert "Pour débuter" in detail.content.decode()
    assert f'href="{resource.url}"' in detail.content.decode()


def test_add_to_a_collection_from_the_resource_page(client, member, private_collection, resource):
    client.force_login(member)
    url = reverse("hub_community:collection_add_item", args=[resource.pk])
    client.post(url, {"collection": private_collection.pk})
    client.post(url, {"collection": private_collection.pk})
    assert private_collection.items.count() == 1


def test_nobody_adds_to_someone_elses_collection(client, private_collection, resource):
    client.force_login(UserFactory())
    client.post(
        reverse("hub_community:collection_add_item", args=[resource.pk]),
        {"collection": private_collection.pk},
    )
    assert not private_collection.items.exists()


def test_items_keep_their_order_and_move(client, member, private_collection, make_resource):
    first, second, third = (make_resource(title) for title in ("Un", "Deux", "Trois"))
    for page in (first, second, third):
        collection_add_item(collection=private_collection, page=page)
    item = CollectionItem.objects.get(page=third)
    client.force_login(member)
    client.post(
        reverse("hub_community:collection_item_move", args=[private_collection.pk, item.pk, "up"])
    )
    assert [i.page.title for i in private_collection.items.all()] == ["Un", "Trois", "Deux"]
    html = client.get(private_collection.get_absolute_url()).content.decode()
    assert html.index("Trois") < html.index("Deux")
    client.post(
        reverse("hub_community:collection_item_remove", args=[private_collection.pk, item.pk])
    )
    assert [i.page.title for i in private_collection.items.all()] == ["Un", "Deux"]


def test_only_the_owner_edits_or_deletes(client, private_collection):
    client.force_login(UserFactory())
    assert (
        client.get(
            reverse("hub_community:collection_edit", args=[private_collection.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("hub_community:collection_delete", args=[private_collection.pk])
        ).status_code
        == 404
    )
    assert Collection.objects.exists()
    client.force_login(private_collection.owner)
    client.post(reverse("hub_community:collection_delete", args=[private_collection.pk]))
    assert not Collection.objects.exists()


def test_staff_feature_a_public_collection_on_the_hub_home(
    client, staff, member, public_collection, private_collection
):
    url = reverse("hub_community:collection_feature", args=[public_collection.pk])
    client.force_login(member)
    assert client.post(url, {"featured": "1"}).status_code == 403
    public_collection.refresh_from_db()
    assert not public_collection.is_featured
    client.force_login(staff)
    client.post(url, {"featured": "1"})
    public_collection.refresh_from_db()
    assert public_collection.is_featured
    response = client.post(
        reverse("hub_community:collection_feature", args=[private_collection.pk]),
        {"featured": "1"},
        follow=True,
    )
    assert "Seule une collection publique peut être mise en avant." in response.content.decode()
    private_collection.refresh_from_db()
    assert not private_collection.is_featured


def test_featured_collections_include_renders_featured_public_ones(
    rf, member, public_collection, private_collection, resource, django_assert_max_num_queries
):
    Collection.objects.filter(pk__in=[public_collection.pk, private_collection.pk]).update(
        is_featured=True
    )
    collection_add_item(collection=public_collection, page=resource)
    template = Template('{% include "hub_community/includes/featured_collections.html" %}')
    with django_assert_max_num_queries(2):
        html = template.render(Context({"request": rf.get("/")}))
    assert "Pour débuter" in html
    assert "Mes révisions" not in html
    assert resource.title in html


def test_making_a_featured_collection_private_unfeatures_it(client, member, public_collection):
    Collection.objects.filter(pk=public_collection.pk).update(is_featured=True)
    client.force_login(member)
    client.post(
        reverse("hub_community:collection_edit", args=[public_collection.pk]),
        {"title": "Pour débuter", "description": "", "visibility": "private"},
    )
    public_collection.refresh_from_db()
    assert not public_collection.is_featured


def test_the_hub_home_shows_a_featured_collection_at_once_and_after_an_edit(
    client, hub, staff, member, public_collection, django_capture_on_commit_callbacks
):
    anonymous = client.__class__()
    assert "Pour débuter" not in anonymous.get(hub.url).content.decode()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hub_community:collection_feature", args=[public_collection.pk]),
            {"featured": "1"},
        )
    assert "Pour débuter" in anonymous.get(hub.url).content.decode()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hub_community:collection_edit", args=[public_collection.pk]),
            {"title": "Pour bien débuter", "description": "", "visibility": "public"},
        )
    assert "Pour bien débuter" in anonymous.get(hub.url).content.decode()
