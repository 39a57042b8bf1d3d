"""The upload protocol, end to end, against local storage and the loopback S3 server."""

import os

import pytest
from django.core.files.storage import default_storage

from media_pipeline.models import MediaAsset
from studio.models import Recording, Upload
from studio.uploads.models import UploadState

PART = 5 * 1024 * 1024


@pytest.fixture(params=["local", "s3"])
def storage_kind(request):
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    return request.param


@pytest.fixture
def payload():
    return os.urandom(2 * PART + 12_345)


def split(data):
    return [data[i : i + PART] for i in range(0, len(data), PART)]


def start(protocol, payload, filename="Concert Salle Cortot.MOV"):
    response = protocol.create(filename=filename, size=len(payload), content_type="video/quicktime")
    assert response.status_code == 201, response.content
    return response.json()


def test_complete_stores_the_file_under_the_asset_key_and_creates_the_recording(
    db, protocol, storage_kind, payload, parts_dir
):
    started = start(protocol, payload)
    upload = Upload.objects.get(uuid=started["uploadId"])
    assert started["key"] == f"media/sources/{upload.uuid}/source.mov"

    parts = [protocol.send_part(started["uploadId"], n, c) for n, c in enumerate(split(payload), 1)]
    response = protocol.complete(started["uploadId"], parts)

    assert response.status_code == 200, response.content
    recording = Recording.objects.get(pk=response.json()["recording_id"])
    assert response.json()["next_url"]
    assert recording.owner == upload.owner
    asset = MediaAsset.objects.get(uuid=upload.uuid)
    assert recording.asset == asset
    assert asset.source.name == started["key"]
    assert asset.source_size == len(payload)
    assert asset.original_filename == "Concert Salle Cortot.MOV"
    with default_storage.open(started["key"], "rb") as stored:
        assert stored.read() == payload
    upload.refresh_from_db()
    assert upload.state == UploadState.COMPLETED
    assert not (parts_dir / str(upload.uuid)).exists()


def test_an_interrupted_upload_resumes_from_the_parts_already_received(
    db, protocol, storage_kind, payload
):
    started = start(protocol, payload)
    chunks = split(payload)
    sent = [protocol.send_part(started["uploadId"], n, chunks[n - 1]) for n in (1, 2)]

    # The page is reloaded: Uppy asks which parts the storage already holds.
    listed = protocol.list(started["uploadId"])
    assert listed.status_code == 200
    assert [(p["PartNumber"], p["Size"], p["ETag"]) for p in listed.json()] == [
        (1, PART, sent[0]["ETag"]),
        (2, PART, sent[1]["ETag"]),
    ]
    last = protocol.send_part(started["uploadId"], 3, chunks[2])
    parts = [{"PartNumber": p["PartNumber"], "ETag": p["ETag"]} for p in listed.json()] + [last]
    response = protocol.complete(started["uploadId"], parts)

    assert response.status_code == 200, response.content
    with default_storage.open(started["key"], "rb") as stored:
        assert stored.read() == payload


def test_abort_leaves_no_part_behind(db, protocol, storage_kind, payload, parts_dir, settings):
    started = start(protocol, payload)
    protocol.send_part(started["uploadId"], 1, split(payload)[0])

    response = protocol.abort(started["uploadId"])

    assert response.status_code == 200
    upload = Upload.objects.get(uuid=started["uploadId"])
    assert upload.state == UploadState.ABORTED
    if storage_kind == "s3":
        client = default_storage.connection.meta.client
        listed = client.list_multipart_uploads(Bucket=default_storage.bucket_name)
        assert listed.get("Uploads", []) == []
    else:
        assert not (parts_dir / str(upload.uuid)).exists()
    assert not default_storage.exists(started["key"])
    assert protocol.sign(started["uploadId"], 2).status_code == 409


def test_completing_with_a_missing_part_is_refused_and_changes_nothing(
    db, protocol, storage_kind, payload
):
    started = start(protocol, payload)
    chunks = split(payload)
    parts = [protocol.send_part(started["uploadId"], n, chunks[n - 1]) for n in (1, 3)]
    parts.insert(1, {"PartNumber": 2, "ETag": parts[0]["ETag"]})

    response = protocol.complete(started["uploadId"], parts)

    assert response.status_code == 400
    assert response.json()["error"] == (
        "La partie 2 du fichier n’a pas été reçue : reprenez l’envoi."
    )
    assert not Recording.objects.exists()
    assert Upload.objects.get(uuid=started["uploadId"]).state == UploadState.UPLOADING
    assert len(protocol.list(started["uploadId"]).json()) == 2


def test_completing_with_a_part_whose_etag_differs_is_refused(db, protocol, storage_kind, payload):
    started = start(protocol, payload)
    parts = [protocol.send_part(started["uploadId"], n, c) for n, c in enumerate(split(payload), 1)]
    parts[1]["ETag"] = '"0123456789abcdef0123456789abcdef"'

    response = protocol.complete(started["uploadId"], parts)

    assert response.status_code == 400
    assert response.json()["code"] == "etag_mismatch"
    assert not Recording.objects.exists()


def test_completing_when_the_parts_do_not_add_up_to_the_declared_size_is_refused(
    db, protocol, storage_kind, payload
):
    started = start(protocol, payload + b"missing tail")
    parts = [protocol.send_part(started["uploadId"], n, c) for n, c in enumerate(split(payload), 1)]

    response = protocol.complete(started["uploadId"], parts)

    assert response.status_code == 400
    assert response.json()["code"] == "size_mismatch"
    assert not Recording.objects.exists()


def test_completing_twice_is_refused(db, protocol, storage_kind):
    data = os.urandom(1000)
    started = start(protocol, data)
    parts = [protocol.send_part(started["uploadId"], 1, data)]
    assert protocol.complete(started["uploadId"], parts).status_code == 200

    again = protocol.complete(started["uploadId"], parts)

    assert again.status_code == 409
    assert again.json()["error"] == "Cet envoi est déjà terminé ou a été annulé."
    assert Recording.objects.count() == 1


def test_another_user_can_neither_sign_list_complete_nor_abort(
    db, protocol, storage_kind, client, other_uploader
):
    data = os.urandom(1000)
    started = start(protocol, data)
    parts = [protocol.send_part(started["uploadId"], 1, data)]

    client.force_login(other_uploader)
    for response in (
        protocol.sign(started["uploadId"], 2),
        protocol.list(started["uploadId"]),
        protocol.complete(started["uploadId"], parts),
        protocol.abort(started["uploadId"]),
    ):
        assert response.status_code == 404
        assert response.json()["error"] == "Cet envoi n’existe pas ou ne vous appartient pas."
    assert Upload.objects.get(uuid=started["uploadId"]).state == UploadState.UPLOADING
    assert not Recording.objects.exists()


@pytest.mark.parametrize("number", [0, 10_001])
def test_a_part_number_out_of_range_is_refused(db, protocol, storage_kind, number):
    started = start(protocol, os.urandom(10))

    response = protocol.sign(started["uploadId"], number)

    assert response.status_code == 400
    assert response.json()["error"] == "Le numéro de partie doit être compris entre 1 et 10000."
