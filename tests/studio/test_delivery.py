"""Playlists are rewritten per request: nested playlists relative, segments signed on S3."""

from urllib.parse import parse_qs, urlparse

import m3u8
import pytest
from django.urls import reverse

from studio.delivery import rewrite_playlist
from studio.models import Visibility
from tests.s3 import free_port

pytestmark = pytest.mark.django_db


def _get(client, recording, name):
    response = client.get(reverse("studio_media:file", args=[recording.uuid, name]))
    assert response.status_code == 200, name
    return response


def test_on_local_storage_every_uri_stays_relative_and_is_served_by_the_view(
    client, make_recording, teacher
):
    recording = make_recording(owner=teacher)
    client.force_login(teacher)

    master = m3u8.loads(_get(client, recording, "master.m3u8").content.decode())
    assert master.is_variant
    video = master.playlists[0]
    assert not video.uri.startswith(("http", "/"))

    media = m3u8.loads(_get(client, recording, video.uri).content.decode())
    folder = video.uri.rsplit("/", 1)[0]
    segment = _get(client, recording, f"{folder}/{media.segments[0].uri}")
    assert segment["Content-Type"] == "video/iso.segment"
    assert segment["Cache-Control"].startswith("private")
    assert b"".join(segment.streaming_content)


def test_on_s3_segments_are_short_lived_signed_urls(client, make_recording, teacher, s3_storage):
    recording = make_recording(owner=teacher)
    client.force_login(teacher)

    master = m3u8.loads(_get(client, recording, "master.m3u8").content.decode())
    media = m3u8.loads(_get(client, recording, master.playlists[0].uri).content.decode())

    segment = urlparse(media.segments[0].uri)
    query = parse_qs(segment.query)
    assert segment.path.endswith(".m4s")
    assert "X-Amz-Signature" in query
    assert 3600 <= int(query["X-Amz-Expires"][0]) <= 6 * 3600
    init = urlparse(media.segment_map[0].uri)
    assert "X-Amz-Signature" in parse_qs(init.query)


def test_on_s3_a_public_recording_uses_the_public_media_url_when_set(
    client, make_recording, teacher, s3_storage, settings
):
    settings.STUDIO_PUBLIC_MEDIA_URL = "https://cdn.example.org/"
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)

    master = m3u8.loads(_get(client, recording, "master.m3u8").content.decode())
    media = m3u8.loads(_get(client, recording, master.playlists[0].uri).content.decode())

    assert media.segments[0].uri.startswith(
        f"https://cdn.example.org/{recording.asset.published_prefix}"
    )


def test_thumbnails_point_at_the_sprite(client, make_recording, teacher, s3_storage):
    recording = make_recording(owner=teacher)
    client.force_login(teacher)

    vtt = _get(client, recording, "thumbnails.vtt").content.decode()

    assert "thumbnails.jpg?" in vtt and "#xywh=" in vtt


def test_rewriting_keeps_tags_and_resolves_attributes(make_recording, teacher):
    recording = make_recording(owner=teacher)
    text = '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:2.0,\nsegment_00000.m4s\n'

    rewritten = rewrite_playlist(
        text,
        asset=recording.asset,
        key=recording.asset.published_prefix + "v0/a.m3u8",
        public=False,
    )

    assert rewritten == text


def test_while_the_object_storage_is_unreachable_playlists_answer_503_to_retry_later(
    client, make_recording, teacher, s3_storage, settings
):
    recording = make_recording(owner=teacher, visibility=Visibility.PUBLIC)
    default = settings.STORAGES["default"]
    nothing_there = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "endpoint_url": nothing_there}},
    }

    response = client.get(reverse("studio_media:file", args=[recording.uuid, "master.m3u8"]))

    assert response.status_code == 503
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
