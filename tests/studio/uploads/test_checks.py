"""What the upload endpoints refuse before a byte is stored, and who may use them."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from studio.models import Upload


def test_a_file_over_the_size_limit_is_refused_at_create(db, protocol, settings):
    settings.MEDIA_PIPELINE_MAX_UPLOAD_BYTES = 1000

    response = protocol.create(size=1001)

    assert response.status_code == 400
    assert (
        response.json()["error"]
        == "Le fichier est trop volumineux : la limite est de 1000\xa0octets."
    )
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("partition.pdf", "application/pdf"),
        ("script.exe", "application/octet-stream"),
        ("concert.mp4", "text/html"),
        ("sans-extension", "video/mp4"),
    ],
)
def test_a_file_that_is_not_an_audio_or_video_recording_is_refused(
    db, protocol, filename, content_type
):
    response = protocol.create(filename=filename, size=100, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["error"].startswith("Ce type de fichier n’est pas accepté.")
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [("prise.WAV", "audio/wav"), ("ambi.mkv", ""), ("voix.oga", "application/ogg")],
)
def test_audio_and_video_containers_are_accepted(db, protocol, filename, content_type):
    assert (
        protocol.create(filename=filename, size=100, content_type=content_type).status_code == 201
    )


def test_an_empty_or_undeclared_size_is_refused(db, protocol):
    for size in (0, -5, "12", None):
        assert protocol.create(size=size).status_code == 400
    assert not Upload.objects.exists()


def test_the_refusal_is_in_english_for_an_english_admin(db, protocol, uploader, settings):
    settings.MEDIA_PIPELINE_MAX_UPLOAD_BYTES = 1000
    profile = UserProfile.get_for_user(uploader)
    profile.preferred_language = "en"
    profile.save()

    response = protocol.create(size=5000)

    assert response.json()["error"] == "The file is too large: the limit is 1000\xa0bytes."


def test_an_admin_user_without_the_permission_may_not_start_an_upload(db, client, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("studio_uploads:create"),
        {"filename": "a.mp4", "type": "video/mp4", "size": 10},
        content_type="application/json",
    )

    assert response.status_code == 403
    screen = client.get(reverse("studio_uploads:new"))
    assert screen.status_code == 302
    assert screen.url == "/admin/"
    assert not Upload.objects.exists()


def test_a_visitor_is_sent_to_log_in(db, client):
    response = client.get(reverse("studio_uploads:new"))

    assert response.status_code == 302
    assert not Upload.objects.exists()


def test_the_upload_screen_shows_a_labelled_file_input_and_progress_bar(db, protocol):
    response = protocol.client.get(reverse("studio_uploads:new"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="studio-upload-file"' in html
    assert 'for="studio-upload-progress"' in html
    assert f'data-chunk-size="{10 * 1024 * 1024}"' in html
    assert "dist/upload.js" in html


def test_create_requires_the_csrf_token(db, uploader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(uploader)

    response = client.post(
        reverse("studio_uploads:create"),
        {"filename": "a.mp4", "type": "video/mp4", "size": 10},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Upload.objects.exists()


def test_malformed_json_is_refused(db, protocol):
    response = protocol.client.post(
        reverse("studio_uploads:create"), b"{not json", content_type="application/json"
    )

    assert response.status_code == 400
