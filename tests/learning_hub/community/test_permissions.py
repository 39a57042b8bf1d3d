"""Who may do what, per role, on every URL of the community."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from learning_hub.community.models import Collection, Comment, Contribution, Visibility
from learning_hub.community.services import comment_add
from tests.factories import UserFactory

VISITOR, UNVERIFIED, VERIFIED, MODERATOR, STAFF = (
    "visitor", "unverified", "verified", "moderator", "staff",
)  # fmt: skip
ROLES = [VISITOR, UNVERIFIED, VERIFIED, MODERATOR, STAFF]


@pytest.fixture
def as_role(client, db):
    def login(role):
        users = {
            UNVERIFIED: lambda: UserFactory(verified=False),
            VERIFIED: lambda: UserFactory(),
            MODERATOR: lambda: UserFactory(roles=[Role.MODERATORS]),
            STAFF: lambda: UserFactory(roles=[Role.STAFF], is_staff=True),
        }
        if role != VISITOR:
            client.force_login(users[role]())
        return client

    return login


@pytest.fixture
def world(resource):
    owner = UserFactory()
    comment = comment_add(page=resource, author=owner, body="Bonjour")
    public = Collection.objects.create(owner=owner, title="Publique", visibility=Visibility.PUBLIC)
    private = Collection.objects.create(owner=owner, title="Privée")
    return {"resource": resource, "comment": comment, "public": public, "private": private}


# (name, method, url maker, expected status per role) — 302 to the login page for visitors.
CASES = [
    ("propose", "get", lambda w: reverse("hub_community:propose"),
     {VISITOR: 302, UNVERIFIED: 403, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("my contributions", "get", lambda w: reverse("hub_community:my_contributions"),
     {VISITOR: 302, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("comment", "post", lambda w: reverse("hub_community:comment_add", args=[w["resource"].pk]),
     {VISITOR: 302, UNVERIFIED: 403, VERIFIED: 302, MODERATOR: 302, STAFF: 302}),
    ("report", "get", lambda w: reverse("hub_community:comment_report", args=[w["comment"].pk]),
     {VISITOR: 302, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("bookmark", "post", lambda w: reverse("hub_community:bookmark", args=[w["resource"].pk]),
     {VISITOR: 302, UNVERIFIED: 302, VERIFIED: 302, MODERATOR: 302, STAFF: 302}),
    ("useful", "post", lambda w: reverse("hub_community:useful", args=[w["resource"].pk]),
     {VISITOR: 302, UNVERIFIED: 403, VERIFIED: 302, MODERATOR: 302, STAFF: 302}),
    ("bookmarks", "get", lambda w: reverse("hub_community:bookmarks"),
     {VISITOR: 302, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("collections", "get", lambda w: reverse("hub_community:collections"),
     {VISITOR: 200, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("public collection", "get", lambda w: w["public"].get_absolute_url(),
     {VISITOR: 200, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("private collection of another", "get", lambda w: w["private"].get_absolute_url(),
     {VISITOR: 404, UNVERIFIED: 404, VERIFIED: 404, MODERATOR: 404, STAFF: 404}),
    ("new collection", "get", lambda w: reverse("hub_community:collection_create"),
     {VISITOR: 302, UNVERIFIED: 200, VERIFIED: 200, MODERATOR: 200, STAFF: 200}),
    ("edit another's collection", "get",
     lambda w: reverse("hub_community:collection_edit", args=[w["public"].pk]),
     {VISITOR: 302, UNVERIFIED: 404, VERIFIED: 404, MODERATOR: 404, STAFF: 404}),
    ("feature", "post",
     lambda w: reverse("hub_community:collection_feature", args=[w["public"].pk]),
     {VISITOR: 302, UNVERIFIED: 403, VERIFIED: 403, MODERATOR: 403, STAFF: 302}),
    ("reported comments (admin)", "get", lambda w: reverse("hub_reported_comments:index"),
     {VISITOR: 302, UNVERIFIED: 302, VERIFIED: 302, MODERATOR: 200, STAFF: 200}),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_role_gets_the_expected_answer(as_role, world, role, name, method, url, expected):
    client = as_role(role)
    data = {"body": "Bonjour"} if name == "comment" else {}
    response = getattr(client, method)(url(world), data)
    assert response.status_code == expected[role], (name, role)
    if role == VISITOR and expected[role] == 302 and "admin" not in name:
        assert "/accounts/login/" in response["Location"]


def test_teachers_and_moderators_can_add_resources_in_the_admin(client, hub, teacher, moderator):
    url = reverse("wagtailadmin_pages:add", args=["learning_hub", "resourcepage", hub.pk])
    for user in (teacher, moderator):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="summary"' in response.content.decode()
        assert 'name="licence"' in response.content.decode()
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_moderation_set_up_is_idempotent(hub):
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    from learning_hub.community.models import ContributionReviewTask
    from learning_hub.community.moderation import ensure_moderation

    before = GroupPagePermission.objects.count()
    ensure_moderation(hub)
    ensure_moderation(hub)
    assert GroupPagePermission.objects.count() == before
    assert Workflow.objects.filter(name="Hub contributions").count() == 1
    assert ContributionReviewTask.objects.count() == 1
    assert WorkflowPage.objects.get(page=hub).workflow.name == "Hub contributions"
    task = ContributionReviewTask.objects.get()
    assert list(task.groups.values_list("name", flat=True)) == [Role.MODERATORS]
    assert not Contribution.objects.exists() and not Comment.objects.filter(body="x").exists()
