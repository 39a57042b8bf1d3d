"""A full temporary disk fails the job with a readable message, and frees the disk.

The worker's temporary directory is a small tmpfs mounted for the test (the suite runs as
root, like `make test` on a fresh machine): a job whose files do not fit fails; the next
job, which fits only if the first one's files were removed, succeeds.
"""

import subprocess

import pytest
from django.core.files import File

from media_pipeline import services
from media_pipeline.messages import disk_full_message
from media_pipeline.models import AssetProfile, AssetState

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_disk(tmp_path, pipeline_settings):
    """Return a function mounting a tmpfs of a given size as the workers' temporary folder."""
    mounted = []

    def mount(size):
        path = tmp_path / f"disk-{len(mounted)}"
        path.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True
        )
        mounted.append(path)
        return path

    yield mount
    for path in mounted:
        subprocess.run(["umount", str(path)], check=True)


def _probed_asset(owner, path):
    with path.open("rb") as handle:
        asset = services.asset_create(
            owner=owner, file=File(handle, name=path.name), profile=AssetProfile.FLAT,
            confirmed=True,
        )  # fmt: skip
    services.run_probe(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.state == AssetState.QUEUED
    return asset


def _workspace_files(disk):
    return [path for path in disk.rglob("*") if path.is_file()]


# 2.5 MB holds the long clip's 2 MB source but not its renditions too (ffmpeg fails);
# 1 MB does not even hold the source (the copy into the workspace fails).
@pytest.mark.parametrize("size", ["2500k", "1m"], ids=["while-transcoding", "while-copying"])
def test_a_full_disk_fails_the_job_readably_then_the_next_job_succeeds(
    size, small_disk, teacher, long_clip, app_clips, settings, django_capture_on_commit_callbacks
):
    big = _probed_asset(teacher, long_clip)
    small = _probed_asset(teacher, app_clips.flat)
    disk = small_disk(size)
    settings.MEDIA_PIPELINE_TMP_DIR = disk

    services.run_transcode(asset_id=big.pk)

    big.refresh_from_db()
    assert big.state == AssetState.FAILED
    assert big.error_message == disk_full_message()
    assert "Disk full" in big.error_detail
    assert big.source and big.source.storage.exists(big.source.name)  # the upload is kept
    assert _workspace_files(disk) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=small.pk)

    small.refresh_from_db()
    assert small.state == AssetState.READY
    assert _workspace_files(disk) == []


def test_a_disk_full_asset_can_be_retried_once_space_is_back(
    small_disk, teacher, long_clip, pipeline_settings, tmp_path, django_capture_on_commit_callbacks
):
    asset = _probed_asset(teacher, long_clip)
    pipeline_settings.MEDIA_PIPELINE_TMP_DIR = small_disk("2500k")
    services.run_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.state == AssetState.FAILED

    pipeline_settings.MEDIA_PIPELINE_TMP_DIR = tmp_path / "roomy"
    assert services.asset_retry(asset=asset)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    assert asset.state == AssetState.READY
