"""Fixtures of the community tests: a hub with resources, members in every state."""

import pytest
from wagtail.models import Page, Site

from accounts.roles import Role
from learning_hub.community.moderation import ensure_moderation
from learning_hub.models import HubIndexPage, ResourcePage
from tests.factories import UserFactory


@pytest.fixture
def hub(db):
    """A published hub home under the site's root page, with its moderation in place."""
    root = Site.objects.get(is_default_site=True).root_page
    hub = root.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    ensure_moderation(hub)
    return hub


@pytest.fixture
def make_resource(hub):
    def make(title="Gammes pour violon", *, licence="cc-by", slug=None):
        page = ResourcePage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            resource_type="exercise",
            summary="Des gammes à travailler chaque jour.",
            level="beginner",
            licence=licence,
        )
        hub.add_child(instance=page)
        page.save_revision().publish()
        return ResourcePage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def resource(make_resource):
    return make_resource()


@pytest.fixture
def unverified(db):
    return UserFactory(verified=False)


@pytest.fixture
def moderator_user(db):
    """A moderator who may open the admin and review (the Moderators group of the roles)."""
    return UserFactory(roles=[Role.MODERATORS])


def page_root():
    return Page.get_first_root_node()
