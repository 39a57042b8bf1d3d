"""Fixtures shared by the whole suite: users per role, the site root, isolated storage."""

import uuid

import pytest
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.s3 import S3Server


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


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings):
    """Point Django's default storage at a fresh bucket on the loopback S3 server."""
    bucket = s3_server.create_bucket(f"test-{uuid.uuid4().hex[:12]}")
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage_settings(bucket)}
    return s3_server.client(), bucket


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; one per test session, shared by every suite.

    Playwright's sync API allows one instance per thread: browser tests must all use this.
    """
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
