"""Uploads for a purpose another app registers: its own people, its own asset, its own URLs."""

import pytest
import requests
from django.urls import reverse

from media_pipeline.models import AssetProfile, MediaAsset
from studio.models import Recording, Upload
from studio.uploads import purposes
from tests.factories import UserFactory

PART = b"x" * 1000
completed = []


def may_upload(user, scope):
    return scope == "allowed" and user.email.startswith("ok")


def on_complete(*, user, upload, asset):
    completed.append((user, upload.scope, asset.uuid))
    return {"next_url": "/next/"}


@pytest.fixture(autouse=True)
def purpose():
    purposes.register(
        purposes.UploadPurpose(name="homework", may_upload=may_upload, on_complete=on_complete)
    )
    completed.clear()
    yield
    purposes._purposes.pop("homework", None)


@pytest.fixture
def person(client, db):
    user = UserFactory(email="ok-person@example.org")
    client.force_login(user)
    return user


def url(name, scope="allowed", *args):
    return reverse(f"studio_media:upload_{name}", args=["homework", scope, *args])


def start(client, scope="allowed"):
    return client.post(
        url("create", scope),
        {"filename": "take.mp4", "type": "video/mp4", "size": len(PART)},
        content_type="application/json",
    )


@pytest.fixture(params=["local", "s3"])
def storage_kind(request):
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    return request.param


def send(client, upload_id, scope="allowed"):
    signed = client.get(url("sign", scope, upload_id, 1)).json()
    if signed["url"].startswith("http"):  # straight to the bucket
        put = requests.put(signed["url"], data=PART, timeout=30)
        assert put.status_code == 200, put.text
        return [{"PartNumber": 1, "ETag": put.headers["ETag"]}]
    assert signed["url"].startswith(url("part", scope, upload_id, 1))
    put = client.put(signed["url"], PART, content_type="application/octet-stream")
    assert put.status_code == 200, put.content
    return [{"PartNumber": 1, "ETag": put["ETag"]}]


def test_an_upload_for_a_purpose_makes_an_asset_with_its_profile_and_no_recording(
    client, person, storage_kind
):
    started = start(client)
    assert started.status_code == 201
    upload_id = started.json()["uploadId"]
    parts = send(client, upload_id)
    listed = client.get(url("parts", "allowed", upload_id)).json()
    assert [p["PartNumber"] for p in listed] == [1]

    done = client.post(
        url("complete", "allowed", upload_id), {"parts": parts}, content_type="application/json"
    )

    assert done.status_code == 200, done.content
    asset = MediaAsset.objects.get(uuid=done.json()["asset"])
    assert done.json()["next_url"] == "/next/"
    assert (asset.owner, asset.profile) == (person, AssetProfile.FLAT)
    assert asset.confirmed_at is not None
    assert completed == [(person, "allowed", asset.uuid)]
    assert not Recording.objects.exists()
    assert Upload.objects.get().purpose == "homework"


def test_the_purpose_decides_who_uploads_and_where(client, db):
    client.force_login(UserFactory(email="no-person@example.org"))
    assert start(client).status_code == 403
    client.force_login(UserFactory(email="ok-other@example.org"))
    assert start(client, scope="elsewhere").status_code == 403
    assert client.post(
        reverse("studio_media:upload_create", args=["unknown", "allowed"]),
        {"filename": "take.mp4", "type": "video/mp4", "size": 10},
        content_type="application/json",
    ).status_code == 403  # fmt: skip
    client.logout()
    assert start(client).status_code == 403


def test_an_upload_answers_only_under_its_purpose_and_scope(client, person, settings):
    upload_id = start(client).json()["uploadId"]
    purposes.register(
        purposes.UploadPurpose(name="other", may_upload=lambda u, s: True, on_complete=on_complete)
    )
    try:
        other = client.get(
            reverse("studio_media:upload_parts", args=["other", "allowed", upload_id])
        )
    finally:
        purposes._purposes.pop("other", None)

    assert other.status_code == 404
    # Nor through the studio's own endpoints, which would make it a recording.
    person.user_permissions.add(*_upload_permissions())
    assert client.get(reverse("studio_uploads:parts", args=[upload_id])).status_code == 404


def test_a_refused_file_type_is_explained(client, person):
    response = client.post(
        url("create"),
        {"filename": "notes.pdf", "type": "application/pdf", "size": 10},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "file_type"


def _upload_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=["add_recording", "access_admin"])
