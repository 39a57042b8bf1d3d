"""Fixtures of the upload tests: an uploader with the right permission, a protocol client."""

import pytest
import requests
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User

# The browser fixtures of tests/e2e: Chromium through Playwright, against the live server.
from tests.e2e.conftest import context, page  # noqa: F401


def grant_upload(user):
    """Give `user` the permission to add recordings; return it fresh (no permission cache)."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="studio", codename="add_recording")
    )
    return User.objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def parts_dir(settings, tmp_path):
    settings.STUDIO_UPLOAD_PARTS_DIR = tmp_path / "parts"
    return settings.STUDIO_UPLOAD_PARTS_DIR


@pytest.fixture
def uploader(teacher):
    return grant_upload(teacher)


@pytest.fixture
def other_uploader(staff):
    return grant_upload(staff)


class Protocol:
    """Speak the upload protocol as Uppy does, through Django's test client."""

    def __init__(self, client):
        self.client = client

    def create(self, filename="concert.MP4", size=0, content_type="video/mp4"):
        return self.client.post(
            reverse("studio_uploads:create"),
            {"filename": filename, "type": content_type, "size": size},
            content_type="application/json",
        )

    def sign(self, upload_id, number):
        return self.client.get(reverse("studio_uploads:sign", args=[upload_id, number]))

    def list(self, upload_id):
        return self.client.get(reverse("studio_uploads:parts", args=[upload_id]))

    def complete(self, upload_id, parts):
        return self.client.post(
            reverse("studio_uploads:complete", args=[upload_id]),
            {"parts": parts},
            content_type="application/json",
        )

    def abort(self, upload_id):
        return self.client.delete(reverse("studio_uploads:abort", args=[upload_id]))

    def put(self, url, data):
        """Send a part to a signed URL: Django's part view, or the S3 server."""
        if url.startswith("http"):
            response = requests.put(url, data=data, timeout=30)
            assert response.status_code == 200, response.text
            return response.headers["ETag"]
        response = self.client.put(url, data, content_type="application/octet-stream")
        assert response.status_code == 200, response.content
        return response["ETag"]

    def send_part(self, upload_id, number, data):
        signed = self.sign(upload_id, number)
        assert signed.status_code == 200, signed.content
        return {"PartNumber": number, "ETag": self.put(signed.json()["url"], data)}


@pytest.fixture
def protocol(client, uploader):
    client.force_login(uploader)
    return Protocol(client)
