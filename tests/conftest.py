"""Fixtures shared by the whole suite: users per role, the site root, isolated storage."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import sync_playwright

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.media_pipeline.engine.clips import Clips, ffmpeg
from tests.s3 import S3Server
from tests.workers import purge, start_worker


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Give every test its own media folder, so no test sees another's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def site_language():
    """Start every test in the site's language: a test that activates another one (and the
    URLs reversed in it) must not leak it into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


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


# --- Media: generated clips and a real worker --------------------------------------------


@pytest.fixture(scope="session")
def app_clips(tmp_path_factory):
    return Clips(tmp_path_factory.mktemp("app-clips"))


@pytest.fixture(scope="session")
def long_clip(tmp_path_factory):
    """An 8 s 640×360 clip with sound: long enough to kill a worker in the middle."""
    path = tmp_path_factory.mktemp("long") / "long.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=8",
        "-f", "lavfi", "-i", "sine=f=440:d=8:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(path),
    )  # fmt: skip
    return path


@pytest.fixture
def pipeline_settings(settings, tmp_path):
    settings.MEDIA_PIPELINE_TMP_DIR = tmp_path / "work"
    settings.MEDIA_PIPELINE_LEASE_SECONDS = 6
    settings.MEDIA_PIPELINE_X264_PRESET = "ultrafast"
    return settings


@pytest.fixture
def media_worker(tmp_path, pipeline_settings, transactional_db):
    """Return a function that starts a worker on the media and default queues."""
    purge("media", "default")
    workers = []

    def start(**env):
        settings = pipeline_settings
        worker_env = {
            "MEDIA_PIPELINE_TMP_DIR": str(settings.MEDIA_PIPELINE_TMP_DIR),
            "MEDIA_PIPELINE_LEASE_SECONDS": str(settings.MEDIA_PIPELINE_LEASE_SECONDS),
            "MEDIA_PIPELINE_X264_PRESET": settings.MEDIA_PIPELINE_X264_PRESET,
            **env,
        }
        worker = start_worker(tmp_path, queues=("media", "default"), env=worker_env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    purge("media", "default")


@pytest.fixture
def demo_site(transactional_db):
    """Load the demo content the way `make run` does."""
    from django.core.management import call_command

    # The studio's demo recording is made with ffmpeg: its own tests cover it.
    call_command("load_demo_content", "--only", "core", "--only", "accounts", verbosity=0)
