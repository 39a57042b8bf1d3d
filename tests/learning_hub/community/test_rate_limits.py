"""Rate limits: a flood of comments, reports, votes or proposals is answered with 429."""

from django.urls import reverse

from learning_hub.community.models import Comment, CommentReport
from learning_hub.community.services import comment_add
from tests.factories import UserFactory


def test_the_sixth_comment_in_a_minute_is_refused_with_a_message(client, member, resource):
    client.force_login(member)
    url = reverse("hub_community:comment_add", args=[resource.pk])
    for number in range(5):
        assert client.post(url, {"body": f"Message {number}"}).status_code == 302
    response = client.post(url, {"body": "Encore un"})
    assert response.status_code == 429
    assert "Attendez une minute" in response.content.decode()
    assert Comment.objects.count() == 5


def test_the_limit_is_per_member(client, member, resource, settings):
    settings.HUB_COMMUNITY_RATES = {"comment": "1/m"}
    url = reverse("hub_community:comment_add", args=[resource.pk])
    client.force_login(member)
    assert client.post(url, {"body": "Un"}).status_code == 302
    assert client.post(url, {"body": "Deux"}).status_code == 429
    client.force_login(UserFactory())
    assert client.post(url, {"body": "Trois"}).status_code == 302


def test_votes_are_limited_with_a_json_answer(client, member, resource, settings):
    settings.HUB_COMMUNITY_RATES = {"reaction": "2/m"}
    client.force_login(member)
    url = reverse("hub_community:useful", args=[resource.pk])
    for _ in range(2):
        assert client.post(url, HTTP_ACCEPT="application/json").status_code == 200
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "Attendez une minute" in response.json()["error"]


def test_reports_are_limited(client, member, resource, settings):
    settings.HUB_COMMUNITY_RATES = {"report": "1/h"}
    first = comment_add(page=resource, author=UserFactory(), body="Un")
    second = comment_add(page=resource, author=UserFactory(), body="Deux")
    client.force_login(member)
    client.post(reverse("hub_community:comment_report", args=[first.pk]), {"reason": "Spam"})
    response = client.post(
        reverse("hub_community:comment_report", args=[second.pk]), {"reason": "Spam"}
    )
    assert response.status_code == 429
    assert CommentReport.objects.count() == 1


def test_proposals_are_limited(client, member, hub, settings):
    settings.HUB_COMMUNITY_RATES = {"propose": "1/h"}
    client.force_login(member)
    url = reverse("hub_community:propose")
    assert client.post(url, {"title": ""}).status_code == 400
    response = client.post(url, {"title": ""})
    assert response.status_code == 429
    assert "Attendez une minute" in response.content.decode()
