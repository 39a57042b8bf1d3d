"""The studio in the admin: teachers see their own recordings, confirm, retry, cancel."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import Role
from media_pipeline import services as media_services
from media_pipeline.models import AssetState, MediaAsset
from studio.models import Recording, Visibility
from studio.services import recording_create_from_upload
from tests.campus.conftest import make_ready_recording
from tests.factories import UserFactory
from tests.workers import job_callbacks

pytestmark = pytest.mark.django_db


@pytest.fixture
def probed(teacher, django_capture_on_commit_callbacks):
    """A recording whose upload was probed: a 4-channel 360° file awaiting confirmation."""
    asset = media_services.asset_create(owner=teacher, file=ContentFile(b"x", name="take.mp4"))
    asset.probe = {
        "video": {"width": 320},
        "audio": {"channels": 4},
        "projection": "equirectangular",
        "stereo_mode": "mono",
        "audio_layout": "multichannel",
        "ambisonic_candidate": True,
        "duration": 2.0,
    }
    asset.state = AssetState.PROBED
    asset.save()
    return Recording.objects.create(owner=teacher, asset=asset, title="Prise 1")


def test_teachers_list_only_their_recordings_and_staff_all(client, make_recording, teacher, staff):
    other = UserFactory(roles=[Role.TEACHERS])
    mine = make_recording(owner=teacher, title="Mine")
    theirs = make_recording(owner=other, title="Theirs")
    index = reverse("recordings:index")

    client.force_login(teacher)
    page = client.get(index).content.decode()
    assert mine.title in page and theirs.title not in page
    # Wagtail answers a refused permission with a redirect to the dashboard.
    for view in ("edit", "delete", "history"):
        refused = client.get(reverse(f"recordings:{view}", args=[theirs.pk]))
        assert (refused.status_code, refused.url) == (302, "/admin/"), view
    assert client.get(reverse("recordings:edit", args=[mine.pk])).status_code == 200

    client.force_login(staff)
    page = client.get(index).content.decode()
    assert mine.title in page and theirs.title in page


def test_the_status_page_proposes_what_the_probe_detected(client, probed, teacher):
    client.force_login(teacher)

    response = client.get(reverse("studio_recording_status", args=[probed.pk]))

    form = response.context["form"]
    assert form.initial == {"projection": "equirectangular", "stereo_mode": "mono",
                            "audio_layout": "ambix"}  # fmt: skip


def test_confirming_queues_processing_with_the_uploaders_word(
    client, probed, teacher, django_capture_on_commit_callbacks
):
    client.force_login(teacher)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("studio_recording_confirm", args=[probed.pk]),
            {"projection": "equirectangular", "stereo_mode": "top-bottom", "audio_layout": "ambix"},
        )

    assert response.status_code == 302
    asset = MediaAsset.objects.get(pk=probed.asset.pk)
    assert (asset.state, asset.stereo_mode, asset.audio_layout) == ("queued", "top-bottom", "ambix")
    assert len(job_callbacks(callbacks)) == 1


def test_an_invalid_confirmation_changes_nothing(client, probed, teacher):
    client.force_login(teacher)

    response = client.post(
        reverse("studio_recording_confirm", args=[probed.pk]), {"projection": "sphere"}
    )

    assert response.status_code == 400
    assert MediaAsset.objects.get(pk=probed.asset.pk).state == AssetState.PROBED


def test_another_teacher_can_neither_see_nor_act(client, probed):
    client.force_login(UserFactory(roles=[Role.TEACHERS]))

    refused = client.get(reverse("studio_recording_status", args=[probed.pk]))
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = client.post(reverse("studio_recording_action", args=[probed.pk, "cancel"]))
    assert (response.status_code, response.url) == (302, "/admin/")
    assert MediaAsset.objects.get(pk=probed.asset.pk).state == AssetState.PROBED


def test_cancel_then_retry_from_the_status_page(
    client, probed, teacher, django_capture_on_commit_callbacks
):
    client.force_login(teacher)

    client.post(reverse("studio_recording_action", args=[probed.pk, "cancel"]))
    assert MediaAsset.objects.get(pk=probed.asset.pk).state == AssetState.CANCELLED
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("studio_recording_action", args=[probed.pk, "retry"]))
    assert MediaAsset.objects.get(pk=probed.asset.pk).state == AssetState.QUEUED
    assert len(job_callbacks(callbacks)) == 1


def test_the_failure_detail_is_for_staff_only(client, probed, teacher, staff):
    MediaAsset.objects.filter(pk=probed.asset.pk).update(
        state=AssetState.FAILED, error_message="The file is an image.", error_detail="png_pipe"
    )
    url = reverse("studio_recording_status", args=[probed.pk])

    client.force_login(teacher)
    page = client.get(url).content.decode()
    assert "The file is an image." in page and "png_pipe" not in page
    client.force_login(staff)
    assert "png_pipe" in client.get(url).content.decode()


def test_the_status_json_reports_progress(client, probed, teacher):
    MediaAsset.objects.filter(pk=probed.asset.pk).update(state=AssetState.TRANSCODING, progress=42)
    client.force_login(teacher)

    data = client.get(reverse("studio_recording_status_json", args=[probed.pk])).json()

    assert data["state"] == "transcoding" and data["progress"] == 42 and not data["final"]


def test_a_finished_upload_becomes_a_recording_titled_after_the_file(
    teacher, django_capture_on_commit_callbacks
):
    import uuid

    asset_uuid = uuid.uuid4()
    with django_capture_on_commit_callbacks() as callbacks:
        recording = recording_create_from_upload(
            owner=teacher,
            asset_uuid=asset_uuid,
            source_name=f"media/sources/{asset_uuid}/source.mp4",
            original_filename="Bach_suite-1.MP4",
            size=10,
        )

    assert recording.title == "Bach suite 1"
    assert recording.asset.uuid == asset_uuid
    assert recording.asset.state == AssetState.UPLOADED
    assert len(job_callbacks(callbacks)) == 1  # one job, queued once the transaction commits


def test_the_studio_menu_offers_the_upload_to_teachers_only(client, teacher, moderator):
    upload = reverse("studio_uploads:new")

    client.force_login(teacher)
    assert upload in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert upload not in client.get("/admin/").content.decode()


def test_the_chooser_offers_no_private_or_course_recording_of_someone_else(client, teacher, staff):
    """Placed in a lesson of their own course, another teacher's course recording would open
    to that course's students: the chooser neither lists nor hands it over."""
    colleague = UserFactory(roles=[Role.TEACHERS])
    hidden = [
        make_ready_recording(owner=colleague, visibility=Visibility.COURSE),
        make_ready_recording(owner=colleague, visibility=Visibility.PRIVATE),
    ]
    offered = [
        make_ready_recording(owner=colleague, visibility=Visibility.PUBLIC),
        make_ready_recording(owner=colleague, visibility=Visibility.MEMBERS),
        make_ready_recording(owner=teacher, visibility=Visibility.PRIVATE),
    ]
    for n, recording in enumerate(hidden + offered):
        recording.title = f"Prise {n}"
        recording.save()
    client.force_login(teacher)

    listed = client.get(reverse("recording_chooser:choose_results")).context["results"]
    chosen = [
        client.get(reverse("recording_chooser:chosen", args=[r.pk])).status_code
        for r in hidden + offered
    ]
    several = client.get(
        reverse("recording_chooser:chosen_multiple"), {"id": [r.pk for r in hidden + offered]}
    )

    assert {r.pk for r in listed} == {r.pk for r in offered}
    assert chosen == [404, 404, 200, 200, 200]
    assert {int(item["id"]) for item in several.json()["result"]} == {r.pk for r in offered}
    client.force_login(staff)
    assert len(client.get(reverse("recording_chooser:choose_results")).context["results"]) == 5
