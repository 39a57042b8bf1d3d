"""Jobs in a real Celery worker process: to `ready`, through SIGKILLs and a storage outage."""

import os
import signal
import time
from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from media_pipeline import services
from media_pipeline.models import AssetState, MediaAsset
from media_pipeline.storage import list_versions
from tests.s3 import ACCESS_KEY, REGION, SECRET_KEY, TcpProxy

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
FINAL = (AssetState.READY, AssetState.FAILED, AssetState.CANCELLED)


def _create(owner, path):
    with path.open("rb") as handle:
        return services.asset_create(owner=owner, file=File(handle, name=path.name), confirmed=True)


def _wait(asset, worker, until, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        asset.refresh_from_db()
        if until(asset):
            return asset
        time.sleep(0.2)
    pytest.fail(f"asset stuck in {asset.state} ({asset.progress} %)\n{worker.log()[-4000:]}")


def _assert_published_once(asset, settings):
    assert asset.state == AssetState.READY, asset.error_detail
    assert default_storage.exists(asset.published_prefix + "manifest.json")
    folder = asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
    assert list_versions(default_storage, asset.storage_prefix) == [folder]
    leftovers = list(Path(settings.MEDIA_PIPELINE_TMP_DIR).iterdir())
    assert leftovers == [], leftovers


def _pool_children(worker):
    children = Path(f"/proc/{worker.process.pid}/task/{worker.process.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def test_a_job_runs_to_ready_in_a_worker(media_worker, teacher, app_clips, pipeline_settings):
    worker = media_worker()
    asset = _create(teacher, app_clips.flat)

    asset = _wait(asset, worker, lambda a: a.state in FINAL)

    _assert_published_once(asset, pipeline_settings)
    assert asset.attempts == 1


def test_a_job_survives_its_pool_process_being_killed(
    media_worker, teacher, long_clip, pipeline_settings
):
    worker = media_worker(MEDIA_PIPELINE_X264_PRESET="medium")
    asset = _create(teacher, long_clip)
    _wait(asset, worker, lambda a: a.state == AssetState.TRANSCODING and a.progress >= 5)

    for pid in _pool_children(worker):
        os.kill(pid, signal.SIGKILL)

    asset = _wait(asset, worker, lambda a: a.state in FINAL)
    _assert_published_once(asset, pipeline_settings)
    assert asset.attempts == 2


def test_a_job_whose_whole_worker_died_is_swept_and_finished_by_another(
    media_worker, teacher, long_clip, pipeline_settings
):
    first = media_worker(MEDIA_PIPELINE_X264_PRESET="medium")
    asset = _create(teacher, long_clip)
    _wait(asset, first, lambda a: a.state == AssetState.TRANSCODING and a.progress >= 5)
    os.killpg(first.process.pid, signal.SIGKILL)
    first.process.wait()
    second = media_worker()

    _wait(
        asset,
        second,
        lambda a: a.lease_expires_at < timezone.now(),
    )
    assert services.sweep_stalled() == [asset.pk]

    asset = _wait(asset, second, lambda a: a.state in FINAL)
    _assert_published_once(asset, pipeline_settings)


def test_a_job_retries_while_s3_is_unreachable_then_succeeds(
    media_worker, teacher, app_clips, pipeline_settings, s3_server, s3_storage
):
    _client, bucket = s3_storage
    proxy = TcpProxy(s3_server.port)
    worker = media_worker(
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=proxy.endpoint,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )
    asset = _create(teacher, app_clips.flat)

    deadline = time.monotonic() + 120
    while "Retry in" not in worker.log():
        assert time.monotonic() < deadline, worker.log()[-3000:]
        time.sleep(0.2)
    asset.refresh_from_db()
    # Waiting for storage: back in `uploaded`, or already in the next try (`probing`).
    assert asset.state in (AssetState.UPLOADED, AssetState.PROBING)
    proxy.up()
    try:
        asset = _wait(asset, worker, lambda a: a.state in FINAL)
    finally:
        proxy.down()
    _assert_published_once(asset, pipeline_settings)
    assert MediaAsset.objects.get(pk=asset.pk).manifest
