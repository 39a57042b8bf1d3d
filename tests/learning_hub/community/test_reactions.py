"""Bookmarks and "useful" votes: one per member, counted atomically, with and without JS."""

from django.urls import reverse

from learning_hub.community.models import Bookmark, UsefulVote
from learning_hub.community.services import useful_toggle
from learning_hub.models import ResourcePage
from tests.factories import UserFactory

JSON = {"HTTP_ACCEPT": "application/json"}


def test_a_vote_counts_once_and_can_be_withdrawn(client, member, resource):
    client.force_login(member)
    url = reverse("hub_community:useful", args=[resource.pk])
    response = client.post(url, **JSON)
    assert response.json()["pressed"] is True
    assert response.json()["count"] == 1
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 1
    response = client.post(url, **JSON)
    assert response.json() == {"pressed": False, "count": 0, "message": response.json()["message"]}
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 0
    assert not UsefulVote.objects.exists()


def test_votes_of_several_members_add_up(resource):
    for _ in range(3):
        useful_toggle(user=UserFactory(), page=resource)
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 3


def test_the_count_uses_the_database_value_not_a_stale_copy(member, resource):
    stale = ResourcePage.objects.get(pk=resource.pk)
    useful_toggle(user=UserFactory(), page=resource)
    voted, count = useful_toggle(user=member, page=stale)
    assert (voted, count) == (True, 2)


def test_without_javascript_the_vote_redirects_to_the_resource_with_a_message(
    client, member, resource
):
    client.force_login(member)
    response = client.post(reverse("hub_community:useful", args=[resource.pk]), follow=True)
    assert response.redirect_chain[-1][0].startswith(resource.url)
    assert 'aria-pressed="true"' in response.content.decode()


def test_an_unverified_member_cannot_vote(client, unverified, resource):
    client.force_login(unverified)
    response = client.post(reverse("hub_community:useful", args=[resource.pk]))
    assert response.status_code == 403
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 0


def test_a_bookmark_toggles_and_is_listed(client, member, resource):
    client.force_login(member)
    url = reverse("hub_community:bookmark", args=[resource.pk])
    assert client.post(url, **JSON).json()["pressed"] is True
    assert Bookmark.objects.filter(user=member, page=resource).exists()
    listing = client.get(reverse("hub_community:bookmarks")).content.decode()
    assert resource.title in listing
    assert client.post(url, **JSON).json()["pressed"] is False
    assert not Bookmark.objects.exists()


def test_an_unverified_member_may_bookmark(client, unverified, resource):
    client.force_login(unverified)
    response = client.post(reverse("hub_community:bookmark", args=[resource.pk]), **JSON)
    assert response.json()["pressed"] is True


def test_a_draft_resource_cannot_be_voted_or_bookmarked(client, member, resource):
    resource.unpublish()
    client.force_login(member)
    assert client.post(reverse("hub_community:useful", args=[resource.pk])).status_code == 404
    assert client.post(reverse("hub_community:bookmark", args=[resource.pk])).status_code == 404


def test_publishing_an_edit_keeps_the_vote_count(member, resource):
    useful_toggle(user=member, page=resource)
    page = ResourcePage.objects.get(pk=resource.pk)
    page.summary = "Nouveau résumé."
    page.save_revision().publish()
    assert ResourcePage.objects.get(pk=resource.pk).useful_count == 1


def test_the_resource_page_cache_is_purged_when_votes_change(
    client, member, resource, django_capture_on_commit_callbacks
):
    anonymous = client.__class__()
    assert "0 personne" in anonymous.get(resource.url).content.decode()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hub_community:useful", args=[resource.pk]))
    assert "1 personne" in anonymous.get(resource.url).content.decode()
