"""Uploads left unfinished for a day are aborted, on S3 and on the local disk."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from studio.uploads import tasks
from studio.uploads.models import Upload, UploadState
from studio.uploads.services import cleanup_stale_uploads


@pytest.fixture(params=["local", "s3"])
def storage_kind(request):
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    return request.param


def start_with_a_part(protocol):
    upload_id = protocol.create(filename="a.mp4", size=10).json()["uploadId"]
    protocol.send_part(upload_id, 1, b"0123456789")
    return Upload.objects.get(uuid=upload_id)


def age(upload, hours):
    Upload.objects.filter(pk=upload.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def s3_uploads():
    client = default_storage.connection.meta.client
    listed = client.list_multipart_uploads(Bucket=default_storage.bucket_name)
    return [u["UploadId"] for u in listed.get("Uploads", [])]


def test_uploads_idle_for_a_day_are_aborted_and_recent_ones_kept(
    db, protocol, storage_kind, parts_dir
):
    stale, recent = start_with_a_part(protocol), start_with_a_part(protocol)
    age(stale, 25)
    age(recent, 2)

    assert cleanup_stale_uploads(older_than=datetime.timedelta(hours=24)) == 1

    stale.refresh_from_db()
    recent.refresh_from_db()
    assert (stale.state, recent.state) == (UploadState.ABORTED, UploadState.UPLOADING)
    if storage_kind == "s3":
        assert s3_uploads() == [recent.s3_upload_id]
    else:
        assert not (parts_dir / str(stale.uuid)).exists()
        assert (parts_dir / str(recent.uuid)).exists()


def test_the_celery_task_sweeps_with_a_24_hour_default(db, protocol, parts_dir):
    stale = start_with_a_part(protocol)
    age(stale, 25)

    assert tasks.cleanup_stale_uploads.name == "studio.uploads.tasks.cleanup_stale_uploads"
    assert tasks.cleanup_stale_uploads.run() == 1
    assert not (parts_dir / str(stale.uuid)).exists()
