"""Fixtures shared by the whole suite: users per role, the site root, isolated storage."""

import pytest
from django.core.cache import cache

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Give every test its own media folder, so no test sees another's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """Start every test with an empty cache: allauth keeps its rate-limit counters there."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def teacher(db):
    return UserFactory(roles=[Role.TEACHERS])


@pytest.fixture
def volunteer(db):
    return UserFactory(roles=[Role.BETA_VOLUNTEERS])


@pytest.fixture
def moderator(db):
    return UserFactory(roles=[Role.MODERATORS])


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.STAFF], is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(roles=[Role.STAFF], is_staff=True, is_superuser=True)
