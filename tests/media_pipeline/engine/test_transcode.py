"""transcode() with real ffmpeg on generated clips: every package plays, as a player sees it."""

import json

import m3u8
import pytest

from media_pipeline.engine.mp4boxes import read_spherical_metadata
from media_pipeline.engine.plan import LadderTable, Rung
from media_pipeline.engine.transcode import TranscodeOptions, transcode

from .checks import (
    channel_levels,
    decode_errors,
    ffprobe,
    image_size,
    keyframe_times,
    media_playlists,
    playlist_duration,
)
from .conftest import small_options


def assert_plays_whole(result, source_duration):
    """Check that every playlist decodes and lasts as long as the source."""
    master = result.master_playlist
    assert decode_errors(master) == ""
    playlists = media_playlists(master)
    for entry in result.manifest["video"] + result.manifest["audio"]:
        playlist = result.directory / entry["playlist"]
        assert decode_errors(playlist) == ""
        assert playlist_duration(playlist) == pytest.approx(source_duration, abs=0.1)
        assert playlist in playlists or entry["name"] == "audio_ambisonic"
    assert json.loads((result.directory / "manifest.json").read_text()) == result.manifest
    assert not [p for p in result.directory.parent.iterdir() if p.name.startswith(".transcode")]


def video_stream(result, index=0):
    return ffprobe(result.directory / result.manifest["video"][index]["playlist"], hls=True)[
        "streams"
    ][0]


def audio_stream(result, role):
    (entry,) = [a for a in result.manifest["audio"] if a["role"] == role]
    return ffprobe(result.directory / entry["playlist"], hls=True)["streams"][0]


def test_flat_video_becomes_a_ladder_with_stereo_sound(packages):
    result = packages.get("flat")

    assert_plays_whole(result, 2.0)
    manifest = result.manifest
    assert [(v["width"], v["height"]) for v in manifest["video"]] == [(160, 90), (106, 60)]
    assert manifest["projection"] == "flat"
    assert [a["role"] for a in manifest["audio"]] == ["stereo"]
    stereo = audio_stream(result, "stereo")
    assert (stereo["codec_name"], stereo["channels"], stereo["sample_rate"]) == ("aac", 2, "48000")


def test_master_playlist_declares_measured_bandwidths_and_codecs(packages):
    result = packages.get("flat")

    master = m3u8.load(str(result.master_playlist))
    low, high = master.playlists
    assert low.stream_info.resolution == (106, 60)
    assert high.stream_info.resolution == (160, 90)
    assert high.stream_info.frame_rate == 25.0
    assert high.stream_info.codecs.startswith("avc1.") and "mp4a.40.2" in high.stream_info.codecs
    assert high.stream_info.bandwidth >= high.stream_info.average_bandwidth > 0
    video = result.manifest["video"][0]
    audio = result.manifest["audio"][0]
    assert high.stream_info.bandwidth == video["bandwidth"] + audio["bandwidth"]
    assert "REQ-VIDEO-LAYOUT" not in result.master_playlist.read_text()


def test_poster_and_thumbnails_are_written(packages):
    result = packages.get("flat")
    directory = result.directory

    assert image_size(directory / "poster.jpg") == (160, 90)
    thumbs = result.manifest["thumbnails"]
    assert image_size(directory / thumbs["sprite"]) == (160, 90)
    assert (directory / thumbs["vtt"]).read_text().startswith("WEBVTT\n\n00:00:00.000 --> ")
    assert result.manifest["loudness"]["integrated_lufs"] < -10


def test_portrait_video_keeps_its_orientation(packages):
    result = packages.get("portrait")

    assert_plays_whole(result, 2.0)
    assert [(v["width"], v["height"]) for v in result.manifest["video"]] == [(90, 160), (60, 106)]


def test_rotated_video_is_turned_upright(packages):
    result = packages.get("rotated")

    stream = video_stream(result)
    assert (stream["width"], stream["height"]) == (90, 160)
    assert "side_data_list" not in stream


def test_variable_frame_rate_becomes_constant(packages, clips):
    result = packages.get("variable_frame_rate")

    assert_plays_whole(result, float(ffprobe(clips.variable_frame_rate)["format"]["duration"]))
    stream = video_stream(result)
    assert stream["r_frame_rate"] == stream["avg_frame_rate"] == "24/1"


def test_video_without_sound_has_no_audio_group(packages):
    result = packages.get("variable_frame_rate")

    assert (result.manifest["audio"], result.manifest["loudness"]) == ([], None)
    for variant in m3u8.load(str(result.master_playlist)).playlists:
        assert variant.stream_info.audio is None
        assert variant.stream_info.codecs.startswith("avc1.")
        assert "," not in variant.stream_info.codecs


def test_progress_rises_to_one(clips, tmp_path):
    fractions = []

    transcode(
        clips.stereo_audio, tmp_path / "out", options=small_options(), progress=fractions.append
    )

    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert len(fractions) > 2


def test_rungs_share_keyframes_every_segment(clips, tmp_path):
    table = LadderTable(flat=(Rung(360, 600), Rung(180, 200)), segment_duration=1.0)
    options = TranscodeOptions(preset="ultrafast", table=table)

    result = transcode(clips.flat_large, tmp_path / "out", options=options)

    large, small = (
        keyframe_times(result.directory / v["playlist"]) for v in result.manifest["video"]
    )
    assert large == small
    # Every stream starts after the AAC encoder delay (1024 samples, 21 ms).
    assert [round(t - large[0], 3) for t in large] == [0.0, 1.0]


def test_equirectangular_video_keeps_its_projection_in_every_init_segment(packages):
    result = packages.get("equirectangular")

    assert_plays_whole(result, 2.0)
    assert result.manifest["projection"] == "equirectangular"
    for entry in result.manifest["video"]:
        init = result.directory / entry["init"]
        (stream,) = ffprobe(init)["streams"]
        kinds = {d["side_data_type"]: d for d in stream["side_data_list"]}
        assert kinds["Spherical Mapping"]["projection"] == "equirectangular"
        assert read_spherical_metadata(init)["stereo_mode"] == "mono"
    assert 'REQ-VIDEO-LAYOUT="PROJ-EQUI"' in result.master_playlist.read_text()
    assert image_size(result.directory / "poster.jpg") == (160, 90)


def test_top_bottom_stereo_is_written_into_the_init_segments(packages):
    result = packages.get("top_bottom")

    assert_plays_whole(result, 2.0)
    assert result.manifest["stereo_mode"] == "top-bottom"
    (stream,) = ffprobe(result.directory / result.manifest["video"][0]["init"])["streams"]
    kinds = {d["side_data_type"]: d for d in stream["side_data_list"]}
    assert kinds["Stereo 3D"]["type"] == "top and bottom"


def test_ambisonic_sound_becomes_binaural_default_and_four_channel_opus(packages):
    result = packages.get("equirectangular")

    binaural = audio_stream(result, "binaural")
    ambisonic = audio_stream(result, "ambisonic")
    assert (binaural["codec_name"], binaural["channels"]) == ("aac", 2)
    assert (ambisonic["codec_name"], ambisonic["channels"]) == ("opus", 4)
    assert ambisonic["channel_layout"] == "ambisonic 1"
    master = m3u8.load(str(result.master_playlist))
    default = [m for m in master.media if m.default == "YES"]
    assert [(m.group_id, m.channels) for m in default] == [("stereo", "2")]


def test_binaural_render_places_a_source_from_the_left_on_the_left(packages):
    result = packages.get("equirectangular")
    (binaural,) = [a for a in result.manifest["audio"] if a["role"] == "binaural"]

    left, right = channel_levels(result.directory / binaural["playlist"])

    assert left - right > 3


def test_ambisonic_channels_reach_opus_unmixed(packages):
    result = packages.get("equirectangular")
    (ambisonic,) = [a for a in result.manifest["audio"] if a["role"] == "ambisonic"]

    w, y, z, x = channel_levels(result.directory / ambisonic["playlist"])

    # A source at 90° (left): W and Y carry it equally, Z and X are silent.
    assert abs(w - y) < 1
    assert z < w - 30
    assert x < w - 30


def test_ambix_sound_alone_with_the_uploaders_word(packages):
    result = packages.get("ambix", audio_layout="ambix")

    assert_plays_whole(result, 2.0)
    manifest = result.manifest
    assert manifest["video"] == [] and manifest["poster"] is None
    assert [a["role"] for a in manifest["audio"]] == ["binaural", "ambisonic"]
    (variant,) = m3u8.load(str(result.master_playlist)).playlists
    assert variant.uri == "audio_binaural/playlist.m3u8"


def test_stereo_sound_alone(packages):
    result = packages.get("stereo_audio")

    assert_plays_whole(result, 2.0)
    assert audio_stream(result, "stereo")["channels"] == 2


def test_mono_sound_is_delivered_as_stereo(packages):
    result = packages.get("mono_audio")

    assert_plays_whole(result, 2.0)
    stream = audio_stream(result, "stereo")
    assert (stream["channels"], stream["sample_rate"]) == (2, "48000")
