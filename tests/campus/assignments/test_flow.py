"""The whole assignment with a real clip: resumable upload, real probe and transcode, review
on the timeline with comments at chosen moments, feedback read by the student, a new attempt."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from campus.assignments.models import Submission, SubmissionStatus
from media_pipeline import services as media_services
from media_pipeline.models import AssetProfile, AssetState, MediaAsset

from .conftest import RECORDING_BLOCK


@pytest.fixture(autouse=True)
def english():
    """Speak French here, the site's language: the studio's upload URLs have no prefix, and
    every request activates the language of its URL in the test's thread."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def parts_dir(settings, tmp_path):
    settings.STUDIO_UPLOAD_PARTS_DIR = tmp_path / "parts"


def upload_through_the_studio_protocol(client, scope, path):
    """Send `path` as Uppy does, through the studio's upload endpoints for assignments."""
    data = path.read_bytes()
    created = client.post(
        reverse("studio_media:upload_create", args=["assignment", scope]),
        {"filename": path.name, "type": "video/mp4", "size": len(data)},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    upload_id = created.json()["uploadId"]
    signed = client.get(
        reverse("studio_media:upload_sign", args=["assignment", scope, upload_id, 1])
    )
    assert signed.status_code == 200, signed.content
    put = client.put(signed.json()["url"], data, content_type="application/octet-stream")
    assert put.status_code == 200, put.content
    done = client.post(
        reverse("studio_media:upload_complete", args=["assignment", scope, upload_id]),
        {"parts": [{"PartNumber": 1, "ETag": put["ETag"]}]},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    return done.json()


def process(asset_uuid, capture):
    """Run the pipeline's probe and transcode for real, as the worker would."""
    asset = MediaAsset.objects.get(uuid=asset_uuid)
    media_services.run_probe(asset_id=asset.pk)
    with capture(execute=True):
        media_services.run_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    return asset


def test_a_recording_goes_from_upload_to_time_coded_feedback_and_a_new_attempt(
    client, lesson, student, course_teacher, app_clips, pipeline_settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    scope = f"{lesson.pk}.{RECORDING_BLOCK}"
    submit_url = reverse("campus_assignments:submit", args=[lesson.pk, RECORDING_BLOCK])
    client.force_login(student)
    page = client.get(submit_url)
    assert (
        reverse("studio_media:upload_create", args=["assignment", scope]) in page.content.decode()
    )

    # 1. The recording goes through the studio's resumable upload, then the form hands it in.
    uploaded = upload_through_the_studio_protocol(client, scope, app_clips.flat)
    asset = MediaAsset.objects.get(uuid=uploaded["asset"])
    assert (asset.owner, asset.profile, asset.state) == (student, AssetProfile.FLAT, "uploaded")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            submit_url, {"kind": "recording", "asset": uploaded["asset"], "note": "Version 1"}
        )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[course_teacher.email]]

    # While it is processed, the student sees where it stands.
    page = client.get(submission.get_absolute_url()).content.decode()
    assert reverse("campus_assignments:status", args=[submission.uuid]) in page

    # 2. The media pipeline processes it for real with the flat profile.
    asset = process(uploaded["asset"], django_capture_on_commit_callbacks)
    assert asset.state == AssetState.READY
    assert submission.duration == pytest.approx(2.0, abs=0.1)
    status = client.get(reverse("campus_assignments:status", args=[submission.uuid])).json()
    assert status["ready"] is True

    # 3. The teacher reviews it in the player: the playlist and its segments are served.
    client.force_login(course_teacher)
    review_url = reverse("campus_assignments:review", args=[submission.uuid])
    review = client.get(review_url).content.decode()
    master_url = reverse("studio_media:asset_file", args=[asset.uuid, "master.m3u8"])
    assert master_url in review
    master = client.get(master_url).content.decode()
    media_playlist = next(line for line in master.splitlines() if line.endswith(".m3u8"))
    playlist = client.get(
        reverse("studio_media:asset_file", args=[asset.uuid, media_playlist])
    ).content.decode()
    segment = next(line for line in playlist.splitlines() if line and not line.startswith("#"))
    folder = media_playlist.rsplit("/", 1)[0] + "/" if "/" in media_playlist else ""
    fetched = client.get(reverse("studio_media:asset_file", args=[asset.uuid, folder + segment]))
    assert fetched.status_code == 200

    # Comments at chosen moments: from the player (JSON) or typed (the form without script).
    added = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "0:01", "text": "Ici, l'archet <b>glisse</b>."},
        headers={"Accept": "application/json"},
    )
    assert added.status_code == 201
    assert added.json()["clock"] == "0:01"
    assert added.json()["percent"] == pytest.approx(50, abs=3)
    typed = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "1.5", "text": "Et là, le son s'éteint trop tôt."},
    )
    assert typed.status_code == 302
    beyond = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "0:05", "text": "Trop loin"},
        headers={"Accept": "application/json"},
    )
    assert beyond.status_code == 400
    assert beyond.json()["errors"]["moment"][0]["code"] == "moment_after_end"
    negative = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "-0:01", "text": "Avant"},
    )
    assert negative.status_code == 400
    assert "Le moment ne peut pas précéder le début." in negative.content.decode()
    assert [c.at_seconds for c in submission.comments.all()] == [1.0, 1.5]

    # Verdict: a grade out of range is refused and nothing changes; "to redo" tells the student.
    refused = client.post(review_url, {"status": "to_redo", "grade": "25"})
    assert refused.status_code == 400
    assert "La note doit être comprise entre 0 et 20." in refused.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(review_url, {"status": "to_redo", "grade": "9"})
    assert saved.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.grade) == (SubmissionStatus.TO_REDO, 9)
    assert [m.to for m in mail.outbox] == [[student.email]]

    # 4. The student reads the comments on the timeline, escaped, and may jump to them.
    client.force_login(student)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "Ici, l&#x27;archet &lt;b&gt;glisse&lt;/b&gt;." in page
    assert re.search(r'data-seek="1\.0"', page)
    assert 'href="#comment-' in page
    assert "9 / 20" in page

    # 5. A new attempt, sent this time through the plain form (no JavaScript).
    mail.outbox.clear()
    with app_clips.flat.open("rb") as handle:
        recording = SimpleUploadedFile("v2.mp4", handle.read(), content_type="video/mp4")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(submit_url, {"kind": "recording", "recording": recording, "note": "V2"})
    assert again.status_code == 302
    second = Submission.objects.get(attempt=2)
    assert second.asset.profile == AssetProfile.FLAT
    assert Submission.objects.count() == 2
    assert [m.to for m in mail.outbox] == [[course_teacher.email]]
    assert "(2)" in mail.outbox[0].subject
