"""The public side of the studio: catalogue, recording page, embed page, the embedding block."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.models import Instrument
from studio.blocks import RecordingBlock
from studio.models import RecordingChapter, RecordingWork, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_recording, teacher):
    cello = Instrument.objects.create(name_fr="Violoncelle", name_en="Cello", slug="violoncelle")
    bach = make_recording(owner=teacher, visibility=Visibility.PUBLIC, title="Suite n° 1")
    bach.instruments.add(cello)
    bach.save()  # a ClusterableModel keeps parental relations in memory until saved
    RecordingWork.objects.create(recording=bach, composer="Bach", title="Prélude")
    ravel = make_recording(owner=teacher, visibility=Visibility.PUBLIC, title="Boléro")
    RecordingWork.objects.create(recording=ravel, composer="Ravel", title="Boléro")
    secret = make_recording(owner=teacher, visibility=Visibility.PRIVATE, title="Répétition")
    return {"bach": bach, "ravel": ravel, "secret": secret}


def _titles(client, **params):
    response = client.get(reverse("studio:catalogue"), params)
    assert response.status_code == 200
    return sorted(r.title for r in response.context["page_obj"].object_list)


def test_the_catalogue_lists_public_ready_recordings_only(client, catalogue):
    assert _titles(client) == ["Boléro", "Suite n° 1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "prélude"}, ["Suite n° 1"]),
        ({"composer": "ravel"}, ["Boléro"]),
        ({"instrument": "violoncelle"}, ["Suite n° 1"]),
        ({"kind": "360"}, ["Boléro", "Suite n° 1"]),
        ({"kind": "flat"}, []),
        ({"q": "répétition"}, []),
    ],
)
def test_the_catalogue_filters(client, catalogue, params, expected):
    assert _titles(client, **params) == expected


def test_an_empty_search_says_what_to_try(client, catalogue):
    response = client.get(reverse("studio:catalogue"), {"q": "zzz"})

    assert "Essayez" in response.content.decode() or "Try fewer" in response.content.decode()


def test_the_recording_page_carries_the_player_configuration(client, catalogue):
    bach = catalogue["bach"]

    response = client.get(reverse("studio:recording", args=[bach.uuid]))

    config = response.context["player_config"]
    assert config["projection"] == "equirectangular"
    assert config["master_url"] == f"/media-hls/{bach.uuid}/master.m3u8"
    assert config["ambisonic_url"].endswith(".m3u8")
    assert config["duration"] > 0
    assert 'id="' in response.content.decode()


def test_chapters_are_served_as_webvtt(client, catalogue):
    from datetime import timedelta

    bach = catalogue["bach"]
    RecordingChapter.objects.create(recording=bach, start=timedelta(seconds=0), title="Prélude")
    RecordingChapter.objects.create(recording=bach, start=timedelta(seconds=1), title="Allemande")

    vtt = client.get(reverse("studio:chapters", args=[bach.uuid])).content.decode()

    assert vtt.startswith("WEBVTT")
    assert "00:00:00.000 --> 00:00:01.000\nPrélude" in vtt
    assert "Allemande" in vtt


def test_the_embed_page_can_be_framed_for_public_recordings_only(client, catalogue, teacher):
    public = client.get(reverse("studio:embed", args=[catalogue["bach"].uuid]))
    assert public.status_code == 200
    assert "X-Frame-Options" not in public

    client.force_login(teacher)
    private = client.get(reverse("studio:embed", args=[catalogue["secret"].uuid]))
    assert private.status_code == 404


def _render_block(recording, user):
    request = RequestFactory().get("/")
    request.user = user
    block = RecordingBlock()
    value = block.to_python({"recording": recording.pk, "caption": "Écoutez l'archet"})
    return block.render(value, context={"request": request})


def test_the_block_plays_for_those_who_may_watch_and_explains_to_others(catalogue, teacher, member):
    secret = catalogue["secret"]

    assert "data-player" in _render_block(secret, teacher)
    refused = _render_block(secret, member)
    assert "data-player" not in refused
    assert "Écoutez l&#x27;archet" in refused
