"""No job runs twice in effect: the sweeper's requeue and a late original publish one version."""

import pytest
from django.core.files import File
from django.core.files.storage import default_storage

from media_pipeline import services
from media_pipeline.models import AssetProfile, AssetState
from media_pipeline.signals import media_asset_ready
from media_pipeline.storage import list_versions

pytestmark = pytest.mark.django_db


def test_a_transcode_delivered_twice_publishes_exactly_one_version(
    teacher, app_clips, pipeline_settings, monkeypatch, django_capture_on_commit_callbacks
):
    with app_clips.flat.open("rb") as handle:
        asset = services.asset_create(
            owner=teacher, file=File(handle, name="a.mp4"), confirmed=True,
            profile=AssetProfile.FLAT,
        )  # fmt: skip
    services.run_probe(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.state == AssetState.QUEUED
    ready = []
    media_asset_ready.connect(lambda **kw: ready.append(kw), weak=False, dispatch_uid="dup")
    # The second delivery (the sweeper's, or the original arriving late) comes while the
    # first job is about to publish: it finds the asset leased and must wait.
    during = []
    publish = services._publish

    def publish_after_a_duplicate(asset, token, result):
        with pytest.raises(services.LeaseHeld) as held:
            services.run_transcode(asset_id=asset.pk)
        during.append(held.value)
        return publish(asset, token, result)

    monkeypatch.setattr(services, "_publish", publish_after_a_duplicate)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)
    monkeypatch.setattr(services, "_publish", publish)
    # The waiting delivery runs again once the lease could have lapsed: the asset is ready.
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    media_asset_ready.disconnect(dispatch_uid="dup")
    assert len(during) == 1
    assert asset.state == AssetState.READY
    assert asset.version == 1
    assert asset.attempts == 1
    assert list_versions(default_storage, asset.storage_prefix) == [
        asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
    ]
    assert [signal["version"] for signal in ready] == [1]
