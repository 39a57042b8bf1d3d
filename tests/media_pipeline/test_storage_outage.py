"""Object storage unreachable while a reprocessed recording is published, in a real worker.

The worker reaches the moto server through a proxy that the test cuts in the middle of
the new version's upload; the web side (this test process) keeps its own way to the
bucket, so what it serves during the outage is what the database and the bucket hold.
"""

import urllib.request

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.html import escape

from media_pipeline import services
from media_pipeline import storage as media_storage
from media_pipeline.messages import storage_retry_message
from media_pipeline.models import AssetState
from media_pipeline.storage import list_versions
from studio.models import Recording, Visibility
from tests.media_pipeline.test_worker_jobs import FINAL, _assert_published_once, _create, _wait
from tests.s3 import ACCESS_KEY, REGION, SECRET_KEY, CuttableProxy


@pytest.fixture
def proxy(s3_server):
    proxy = CuttableProxy(s3_server.port).up()
    yield proxy
    proxy.cut()


def _worker_on(proxy, bucket, media_worker):
    return media_worker(
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=proxy.endpoint,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )


def _segment_urls(client, recording):
    """Return the segment URLs of the first media playlist the recording's player loads."""
    master = client.get(f"/media-hls/{recording.uuid}/master.m3u8")
    assert master.status_code == 200
    variant = next(line for line in master.content.decode().splitlines() if line.endswith(".m3u8"))
    playlist = client.get(f"/media-hls/{recording.uuid}/{variant}")
    assert playlist.status_code == 200
    return [line for line in playlist.content.decode().splitlines() if line.startswith("http")]


@pytest.mark.django_db
def test_publish_failures_while_storage_is_away_never_fail_the_asset_nor_touch_the_live_version(
    teacher, app_clips, pipeline_settings, monkeypatch, django_capture_on_commit_callbacks
):
    asset = _create(teacher, app_clips.flat)
    services.run_probe(asset_id=asset.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    first = asset.published_prefix
    assert services.asset_reprocess(asset=asset)

    def unreachable(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="http://storage.invalid")

    monkeypatch.setattr(media_storage, "publish_directory", unreachable)
    # More failed publications than the attempts a job whose worker died is allowed.
    for _attempt in range(pipeline_settings.MEDIA_PIPELINE_MAX_ATTEMPTS + 2):
        with pytest.raises(services.TransientError):
            services.run_transcode(asset_id=asset.pk)
        asset.refresh_from_db()
        assert asset.state == AssetState.QUEUED
        assert (asset.version, asset.published_prefix) == (1, first)
        assert asset.error_message == storage_retry_message(previous_version=True)
        assert default_storage.exists(first + "manifest.json")
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    assert (asset.state, asset.version, asset.error_message) == (AssetState.READY, 2, "")
    assert list_versions(default_storage, asset.storage_prefix) == [
        asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
    ]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_storage_lost_mid_publish_of_a_reprocess_keeps_the_old_version_then_publishes(
    client, media_worker, teacher, app_clips, pipeline_settings, s3_storage, proxy
):
    _client, bucket = s3_storage
    worker = _worker_on(proxy, bucket, media_worker)
    asset = _wait(_create(teacher, app_clips.flat), worker, lambda a: a.state in FINAL)
    assert asset.state == AssetState.READY and asset.version == 1, asset.error_detail
    first = asset.published_prefix
    recording = Recording.objects.create(
        owner=teacher, asset=asset, title="Prise 1", visibility=Visibility.PUBLIC
    )
    # Cut when the third file of the new version starts uploading: two are already stored.
    proxy.cut_when(f"PUT /{bucket}/{asset.storage_prefix}v2-".encode(), after=3)

    assert services.asset_reprocess(asset=asset)
    asset = _wait(asset, worker, lambda a: proxy.tripped.is_set() and a.error_message)

    assert asset.state in (AssetState.QUEUED, AssetState.TRANSCODING), asset.state
    assert (asset.version, asset.published_prefix) == (1, first)
    assert asset.error_message == storage_retry_message(previous_version=True)
    assert first.rstrip("/").rsplit("/", 1)[-1] in list_versions(
        default_storage, asset.storage_prefix
    )
    assert default_storage.exists(first + "manifest.json")
    page = client.get(recording.get_absolute_url())
    assert page.status_code == 200 and page.context["player_config"]["master_url"]
    segments = _segment_urls(client, recording)
    assert segments and all(f"/{first}" in url for url in segments)
    assert segments[0].startswith("http://127.0.0.1:")
    with urllib.request.urlopen(segments[0]) as response:  # noqa: S310 - the loopback S3
        assert response.status == 200 and response.read()
    client.force_login(teacher)
    status = client.get(reverse("studio_recording_status_json", args=[recording.pk])).json()
    assert status["notice"] == asset.error_message and status["playable"]
    status_page = client.get(reverse("studio_recording_status", args=[recording.pk]))
    assert escape(asset.error_message) in status_page.content.decode()

    proxy.up()
    asset = _wait(asset, worker, lambda a: a.state in FINAL)
    # The worker removes the old folders just after the switch to `ready` is committed.
    _wait(asset, worker, lambda a: len(list_versions(default_storage, a.storage_prefix)) == 1)

    _assert_published_once(asset, pipeline_settings)
    assert asset.version == 2 and asset.published_prefix != first
    assert asset.error_message == "" and asset.attempts == 1
    assert "Retry in" in worker.log()
    assert all(f"/{asset.published_prefix}" in url for url in _segment_urls(client, recording))
