"""Starting uploads is rate-limited per person; the parts of an upload under way are not."""

import pytest

from studio.uploads.models import Upload

pytestmark = pytest.mark.django_db


def test_starting_too_many_uploads_is_refused_with_a_message(protocol, settings, uploader):
    settings.STUDIO_UPLOAD_CREATE_RATE = "2/h"
    for _ in range(2):
        assert protocol.create(size=4).status_code == 201

    refused = protocol.create(size=4)

    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert "Attendez un peu" in refused.json()["error"]
    assert Upload.objects.filter(owner=uploader).count() == 2


def test_the_parts_of_an_upload_are_not_counted(protocol, settings):
    settings.STUDIO_UPLOAD_CREATE_RATE = "1/h"
    upload_id = protocol.create(size=4).json()["uploadId"]

    for _ in range(3):
        assert protocol.sign(upload_id, 1).status_code == 200
    assert protocol.list(upload_id).status_code == 200
