"""Who reaches which URL of a recording: the page, the playlists, the segments."""

import pytest
from django.urls import reverse

from studio import permissions
from studio.models import Visibility
from studio.permissions import register_access_rule

pytestmark = pytest.mark.django_db


def _urls(recording):
    manifest = recording.asset.manifest
    video = manifest["video"][0]
    return [
        reverse("studio:recording", args=[recording.uuid]),
        reverse("studio_media:file", args=[recording.uuid, "master.m3u8"]),
        reverse("studio_media:file", args=[recording.uuid, video["playlist"]]),
        reverse("studio_media:file", args=[recording.uuid, video["init"]]),
        reverse("studio_media:file", args=[recording.uuid, "poster.jpg"]),
        reverse("studio_media:file", args=[recording.uuid, "thumbnails.vtt"]),
        reverse("studio_media:file", args=[recording.uuid, "manifest.json"]),
    ]


@pytest.fixture
def course_rule(monkeypatch):
    """A course rule as the campus registers it: only `allowed` users study the course."""
    allowed = set()
    monkeypatch.setattr(permissions, "_access_rules", [])
    register_access_rule(lambda user, recording: user.pk in allowed)
    return allowed


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.COURSE])
@pytest.mark.parametrize("who", ["visitor", "member", "student_of_another_course"])
def test_outsiders_get_404_for_every_url_of_a_restricted_recording(
    client, make_recording, teacher, member, course_rule, visibility, who
):
    recording = make_recording(owner=teacher, visibility=visibility)
    if who != "visitor":
        client.force_login(member)

    statuses = {url: client.get(url).status_code for url in _urls(recording)}

    assert set(statuses.values()) == {404}, statuses


def test_a_student_of_the_course_and_the_owner_reach_everything(
    client, make_recording, teacher, member, course_rule
):
    recording = make_recording(owner=teacher, visibility=Visibility.COURSE)
    course_rule.add(member.pk)

    for user in (member, teacher):
        client.force_login(user)
        for url in _urls(recording):
            assert client.get(url).status_code == 200, url


def test_members_only_recordings_need_a_login(client, make_recording, teacher, member):
    recording = make_recording(owner=teacher, visibility=Visibility.MEMBERS)
    master = reverse("studio_media:file", args=[recording.uuid, "master.m3u8"])

    assert client.get(master).status_code == 404
    client.force_login(member)
    assert client.get(master).status_code == 200


def test_staff_reach_a_private_recording(client, make_recording, teacher, staff):
    recording = make_recording(owner=teacher, visibility=Visibility.PRIVATE)
    client.force_login(staff)

    assert client.get(_urls(recording)[1]).status_code == 200


def test_public_recordings_need_no_account(client, make_recording, teacher):
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)

    for url in _urls(recording):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name", ["../../sources/x/source.mp4", "/etc/passwd", "v0/../../../secret", "..", "a\\b"]
)
def test_names_outside_the_published_folder_are_refused(client, make_recording, teacher, name):
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)

    response = client.get(f"/media-hls/{recording.uuid}/{name}")

    assert response.status_code == 404


def test_a_recording_never_published_is_not_served(client, make_recording, teacher):
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)
    recording.asset.state = "transcoding"
    recording.asset.published_prefix = ""
    recording.asset.save()

    assert client.get(_urls(recording)[1]).status_code == 404


@pytest.mark.parametrize("state", ["queued", "transcoding", "publishing", "failed"])
def test_a_recording_being_reprocessed_keeps_playing_its_published_version(
    client, make_recording, teacher, state
):
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)
    recording.asset.state = state
    recording.asset.save()

    assert [client.get(url).status_code for url in _urls(recording)] == [200] * 7
    assert recording in type(recording).objects.public()
