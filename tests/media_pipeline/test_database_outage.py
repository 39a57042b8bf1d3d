"""Media jobs when PostgreSQL goes away: they retry with backoff and finish once it is back.

The worker reaches the test database through a loopback proxy. Stopping the database, for
the worker, is what a fast shutdown does to it: its sessions are terminated by the server
(`pg_terminate_backend`, the same "terminating connection due to administrator command")
and new connections are refused (the proxy stops listening). The test process keeps its
own connection and watches the asset.
"""

import time
import uuid

import pytest
from django.core.files import File
from django.db import OperationalError, connection
from django.db.models import QuerySet

from media_pipeline import services, tasks
from media_pipeline.models import AssetState, MediaAsset
from tests.media_pipeline.test_worker_jobs import FINAL, _assert_published_once, _create, _wait
from tests.s3 import TcpProxy


class StoppableDatabase:
    """The test database as one worker sees it, through a proxy that can "stop" it."""

    def __init__(self):
        db = connection.settings_dict
        self.proxy = TcpProxy(int(db["PORT"] or 5432)).up()
        self.application = f"media-worker-{uuid.uuid4().hex[:8]}"
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        self.url = (
            f"postgres://{auth}@127.0.0.1:{self.proxy.port}/{db['NAME']}"
            f"?application_name={self.application}"
        )

    def stop(self):
        self.proxy.down()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [self.application],
            )

    def start(self):
        self.proxy.up()


@pytest.fixture
def database():
    if connection.vendor != "postgresql":
        pytest.skip("the outage is made with PostgreSQL's pg_terminate_backend")
    stoppable = StoppableDatabase()
    yield stoppable
    stoppable.proxy.down()


def _wait_for_log(worker, text, timeout=120):
    deadline = time.monotonic() + timeout
    while text not in worker.log():
        assert time.monotonic() < deadline, worker.log()[-4000:]
        time.sleep(0.2)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_that_finds_the_database_stopped_retries_until_it_is_back(
    media_worker, teacher, app_clips, pipeline_settings, database
):
    worker = media_worker(DATABASE_URL=database.url)
    database.stop()
    asset = _create(teacher, app_clips.flat)

    _wait_for_log(worker, "Retry in")
    assert "OperationalError" in worker.log()
    asset.refresh_from_db()
    assert asset.state == AssetState.UPLOADED
    database.start()

    asset = _wait(asset, worker, lambda a: a.state in FINAL)
    _assert_published_once(asset, pipeline_settings)
    assert "raised unexpected" not in worker.log()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_transcode_cut_off_from_the_database_midway_resumes_as_the_same_attempt(
    media_worker, teacher, long_clip, pipeline_settings, database
):
    worker = media_worker(DATABASE_URL=database.url, MEDIA_PIPELINE_X264_PRESET="medium")
    asset = _create(teacher, long_clip)
    _wait(asset, worker, lambda a: a.state == AssetState.TRANSCODING and a.progress >= 5)

    database.stop()
    _wait_for_log(worker, "Retry in")
    asset.refresh_from_db()
    # The try left the asset held by its job (it could not write anything else).
    assert asset.state == AssetState.TRANSCODING
    time.sleep(pipeline_settings.MEDIA_PIPELINE_LEASE_SECONDS)  # the lease lapses meanwhile
    database.start()

    asset = _wait(asset, worker, lambda a: a.state in FINAL)
    _assert_published_once(asset, pipeline_settings)
    assert asset.attempts == 1
    assert "job resumed after losing the database" in worker.log()
    assert "raised unexpected" not in worker.log()


def _probing(owner, clip):
    """Return an asset whose probe job (the returned token) lost the database midway."""
    with clip.open("rb") as handle:
        asset = services.asset_create(owner=owner, file=File(handle, name=clip.name))
    token = uuid.uuid4()
    assert asset.transition(
        AssetState.PROBING, allowed_from=[AssetState.UPLOADED], **services._lease(token)
    )
    return asset, token


def test_the_retry_of_a_probe_takes_back_the_asset_its_job_holds(
    teacher, app_clips, pipeline_settings
):
    asset, token = _probing(teacher, app_clips.flat)

    services.run_probe(asset_id=asset.pk, job_token=token)

    asset.refresh_from_db()
    assert asset.state == AssetState.PROBED
    assert asset.job_token is None


def test_a_probe_with_another_token_leaves_a_held_asset_alone(
    teacher, app_clips, pipeline_settings
):
    asset, token = _probing(teacher, app_clips.flat)

    services.run_probe(asset_id=asset.pk, job_token=uuid.uuid4())

    asset.refresh_from_db()
    assert asset.state == AssetState.PROBING
    assert asset.job_token == token


@pytest.mark.django_db(transaction=True)
def test_the_lease_is_renewed_again_after_the_database_failed_a_beat(
    teacher, pipeline_settings, monkeypatch
):
    pipeline_settings.MEDIA_PIPELINE_LEASE_SECONDS = 0.3
    token = uuid.uuid4()
    # Created as a job holds it, without a queued probe (this test commits).
    asset = MediaAsset.objects.create(
        owner=teacher, source="media/sources/x/clip.mp4", state=AssetState.TRANSCODING,
        **services._lease(token),
    )  # fmt: skip
    update, failures = QuerySet.update, []

    def update_failing_once(self, **fields):
        if self.model is MediaAsset and not failures:
            failures.append(fields)
            raise OperationalError("terminating connection due to administrator command")
        return update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", update_failing_once)
    first = MediaAsset.objects.get(pk=asset.pk).lease_expires_at

    with services._heartbeat(asset, token):
        time.sleep(1)

    assert failures
    assert MediaAsset.objects.get(pk=asset.pk).lease_expires_at > first


def test_database_backoff_doubles_up_to_a_minute_with_jitter():
    waits = [tasks.database_backoff(retries) for retries in range(10)]

    assert 1 <= waits[0] <= 2
    assert 4 <= waits[2] <= 8
    assert all(30 <= wait <= 60 for wait in waits[5:])
