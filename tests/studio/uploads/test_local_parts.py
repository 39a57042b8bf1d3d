"""Local storage: Django receives the parts itself, behind signed, expiring part URLs."""

import os
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.urls import reverse

from studio.uploads.models import Upload


def start(protocol, size):
    response = protocol.create(filename="prise.wav", size=size, content_type="audio/wav")
    assert response.status_code == 201, response.content
    return response.json()["uploadId"]


def signed_url(protocol, upload_id, number):
    return protocol.sign(upload_id, number).json()["url"]


def test_a_part_is_streamed_to_disk_beyond_the_request_body_memory_limit(
    db, protocol, parts_dir, settings
):
    data = os.urandom(10 * 1024 * 1024)
    assert len(data) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    upload_id = start(protocol, len(data))

    response = protocol.client.put(
        signed_url(protocol, upload_id, 1), data, content_type="application/octet-stream"
    )

    assert response.status_code == 200
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    [part] = (parts_dir / upload_id).glob("part-00001-*")
    assert part.read_bytes() == data


def test_a_part_url_whose_token_has_expired_is_refused(db, protocol, parts_dir, monkeypatch):
    upload_id = start(protocol, 100)
    url = signed_url(protocol, upload_id, 1)
    later = signing.time.time() + 16 * 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = protocol.client.put(url, b"x" * 100, content_type="application/octet-stream")

    assert response.status_code == 403
    assert (
        response.json()["error"] == "Le lien d’envoi de cette partie a expiré : reprenez l’envoi."
    )
    assert list((parts_dir / upload_id).iterdir()) == []


def test_a_part_url_signed_for_another_upload_or_part_is_refused(db, protocol, parts_dir):
    first, second = start(protocol, 100), start(protocol, 100)
    token = parse_qs(urlsplit(signed_url(protocol, first, 1)).query)["token"][0]

    for upload_id, number in ((second, 1), (first, 2)):
        url = reverse("studio_uploads:part", args=[upload_id, number]) + f"?token={token}"
        response = protocol.client.put(url, b"x" * 100, content_type="application/octet-stream")
        assert response.status_code == 403
        assert response.json()["error"] == "Le lien d’envoi de cette partie n’est pas valide."
    assert protocol.list(first).json() == []
    assert protocol.list(second).json() == []


def test_a_part_url_without_token_is_refused(db, protocol):
    upload_id = start(protocol, 100)
    url = reverse("studio_uploads:part", args=[upload_id, 1])

    response = protocol.client.put(url, b"x", content_type="application/octet-stream")

    assert response.status_code == 403


def test_a_part_url_is_refused_to_another_user(db, protocol, client, other_uploader):
    upload_id = start(protocol, 100)
    url = signed_url(protocol, upload_id, 1)
    client.force_login(other_uploader)

    response = client.put(url, b"x" * 100, content_type="application/octet-stream")

    assert response.status_code == 404
    assert protocol.list(upload_id).status_code == 404


def test_a_part_larger_than_the_declared_file_is_refused_and_not_kept(db, protocol, parts_dir):
    upload_id = start(protocol, 100)

    response = protocol.client.put(
        signed_url(protocol, upload_id, 1), b"x" * 101, content_type="application/octet-stream"
    )

    assert response.status_code == 400
    assert list((parts_dir / upload_id).iterdir()) == []


def test_a_part_sent_again_replaces_the_first_one(db, protocol):
    upload_id = start(protocol, 4)
    protocol.send_part(upload_id, 1, b"abcd")

    again = protocol.send_part(upload_id, 1, b"wxyz")

    assert [(p["PartNumber"], p["ETag"]) for p in protocol.list(upload_id).json()] == [
        (1, again["ETag"])
    ]
    assert protocol.complete(upload_id, [again]).status_code == 200
    assert Upload.objects.get(uuid=upload_id).recording.asset.source.read() == b"wxyz"
