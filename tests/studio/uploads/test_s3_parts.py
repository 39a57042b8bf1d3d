"""S3: parts go to the bucket through short-lived presigned URLs that Django signs."""

from urllib.parse import parse_qs, urlsplit

from studio.uploads.models import Upload

PART = 5 * 1024 * 1024


def test_a_part_url_is_presigned_for_this_upload_and_part_and_expires_soon(
    db, protocol, s3_storage, settings
):
    _client, bucket = s3_storage
    settings.STUDIO_UPLOAD_URL_EXPIRY = 600
    created = protocol.create(size=100).json()
    upload = Upload.objects.get(uuid=created["uploadId"])

    signed = protocol.sign(created["uploadId"], 7).json()

    assert signed["method"] == "PUT"
    url = urlsplit(signed["url"])
    query = parse_qs(url.query)
    assert url.path == f"/{bucket}/{upload.storage_key}"
    assert query["partNumber"] == ["7"]
    assert query["uploadId"] == [upload.s3_upload_id]
    assert query["X-Amz-Expires"] == ["600"]
    assert "X-Amz-Signature" in query


def test_a_part_smaller_than_5_mib_before_the_last_is_refused_by_our_check(
    db, protocol, s3_storage
):
    small = b"x" * 1000
    created = protocol.create(size=len(small) + PART).json()
    parts = [
        protocol.send_part(created["uploadId"], 1, small),
        protocol.send_part(created["uploadId"], 2, b"y" * PART),
    ]

    response = protocol.complete(created["uploadId"], parts)

    assert response.status_code == 400
    assert response.json()["code"] == "part_too_small"
    assert Upload.objects.get(uuid=created["uploadId"]).state == "uploading"
