"""The services with the real engine, in the test process (the worker tests run them in Celery)."""

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from media_pipeline import services
from media_pipeline.models import AssetKind, AssetProfile, AssetState
from media_pipeline.signals import media_asset_ready
from media_pipeline.storage import list_versions

pytestmark = pytest.mark.django_db


def _create(teacher, path, **kwargs):
    with path.open("rb") as handle:
        return services.asset_create(owner=teacher, file=File(handle, name=path.name), **kwargs)


def test_probe_then_confirm_then_transcode_publishes_one_version(
    teacher, app_clips, pipeline_settings, django_capture_on_commit_callbacks
):
    received = []
    media_asset_ready.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t1")
    asset = _create(teacher, app_clips.flat)

    services.run_probe(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.state == AssetState.PROBED
    assert asset.kind == AssetKind.VIDEO
    assert asset.probe["duration"] == pytest.approx(2.0, abs=0.1)

    assert services.asset_confirm(asset=asset, projection="flat", audio_layout="stereo")
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    media_asset_ready.disconnect(dispatch_uid="t1")
    assert asset.state == AssetState.READY
    assert asset.progress == 100
    assert asset.version == 1
    assert default_storage.exists(asset.published_prefix + "master.m3u8")
    assert default_storage.exists(asset.published_prefix + "manifest.json")
    assert asset.manifest["duration"] == pytest.approx(2.0, abs=0.1)
    assert list_versions(default_storage, asset.storage_prefix) == [
        asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
    ]
    assert received == [{"signal": media_asset_ready, "sender": type(asset), "asset_id": asset.pk,
                         "version": 1}]  # fmt: skip
    assert not any(pipeline_settings.MEDIA_PIPELINE_TMP_DIR.iterdir())


def test_reprocessing_replaces_the_published_version_and_removes_the_old_one(
    teacher, app_clips, pipeline_settings, django_capture_on_commit_callbacks
):
    asset = _create(teacher, app_clips.stereo_audio, confirmed=True, profile=AssetProfile.FLAT)
    services.run_probe(asset_id=asset.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    first_prefix = asset.published_prefix
    assert asset.kind == AssetKind.AUDIO

    assert services.asset_reprocess(asset=asset)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    assert asset.state == AssetState.READY
    assert asset.version == 2
    assert not default_storage.exists(first_prefix + "manifest.json")
    assert len(list_versions(default_storage, asset.storage_prefix)) == 1


def test_a_file_that_is_not_media_fails_with_a_message_and_keeps_the_source(
    teacher, pipeline_settings
):
    asset = services.asset_create(
        owner=teacher, file=ContentFile(b"Just some notes about Bach.\n" * 20, name="notes.mp4")
    )

    services.run_probe(asset_id=asset.pk)

    asset.refresh_from_db()
    assert asset.state == AssetState.FAILED
    assert asset.error_message
    assert "\n" not in asset.error_message
    assert asset.error_detail
    assert default_storage.exists(asset.source.name)


def test_a_job_for_a_deleted_asset_is_dropped(pipeline_settings, caplog):
    services.run_probe(asset_id=987654)
    services.run_transcode(asset_id=987654)

    assert caplog.messages == ["Asset 987654 no longer exists: job dropped."] * 2


def test_the_probe_stores_a_preview_frame_for_videos_only(teacher, app_clips, pipeline_settings):
    video = _create(teacher, app_clips.equirectangular)
    sound = _create(teacher, app_clips.stereo_audio)

    services.run_probe(asset_id=video.pk)
    services.run_probe(asset_id=sound.pk)

    video.refresh_from_db()
    assert video.probe["projection"] == "equirectangular"
    with default_storage.open(video.preview_name) as handle:
        assert handle.read(3) == b"\xff\xd8\xff"
    assert not default_storage.exists(sound.preview_name)
