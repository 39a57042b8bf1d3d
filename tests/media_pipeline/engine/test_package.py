"""Package pieces that need no ffmpeg: codec strings, loudness, master playlist, manifest."""

import json

import m3u8
import pytest

from media_pipeline.engine.errors import FFmpegError
from media_pipeline.engine.package import (
    Rendition,
    avc_codec_string,
    build_manifest,
    parse_loudness,
    write_manifest,
    write_master,
)
from media_pipeline.engine.plan import LadderTable, Rung, make_plan
from media_pipeline.engine.types import AudioLayout, Projection

from .factories import description

# What `ffprobe -show_streams -show_data` printed for an init segment written by x264.
EXTRADATA = (
    "\n00000000: 0164 001f ffe1 001b 6764 001f acd9 4050  .d......gd....@P"
    "\n00000010: 05bb 0110 0000 0300 1000 0003 0320 f183  ............. .."
    '\n00000020: 1960 0100 0668 ebe3 cb22 c0              .`...h...".'
    "\n"
)
EBUR128_SUMMARY = """\
[Parsed_ebur128_0 @ 0x559f5589c700] Summary:

  Integrated loudness:
    I:         -23.4 LUFS
    Threshold: -33.9 LUFS

  Loudness range:
    LRA:         6.1 LU
    Threshold:  -44.0 LUFS
    LRA low:    -27.5 LUFS
    LRA high:   -21.4 LUFS

  True peak:
    Peak:       -1.2 dBFS
"""


def rendition(name, bandwidth, average, codecs, duration=2.0):
    return Rendition(
        name=name,
        playlist=f"{name}/playlist.m3u8",
        init=f"{name}/init_0.mp4",
        duration=duration,
        bandwidth=bandwidth,
        average_bandwidth=average,
        codecs=codecs,
    )


@pytest.fixture
def sphere_plan():
    source = description(
        1920, 960, rate=30, projection=Projection.EQUIRECTANGULAR, audio=AudioLayout.AMBIX
    )
    return make_plan(source, table=LadderTable(spherical=(Rung(1920, 4500), Rung(1280, 2000))))


@pytest.fixture
def sphere_renditions():
    video = [
        rendition("video_1920x960", 4_000_000, 3_000_000, "avc1.640028"),
        rendition("video_1280x640", 1_800_000, 1_500_000, "avc1.64001f"),
    ]
    audio = [
        rendition("audio_binaural", 200_000, 190_000, "mp4a.40.2"),
        rendition("audio_ambisonic", 260_000, 250_000, "opus"),
    ]
    return video, audio


def test_avc_codec_string_comes_from_the_avcc_record():
    assert avc_codec_string({"codec_name": "h264", "extradata": EXTRADATA}) == "avc1.64001f"


def test_avc_codec_string_needs_a_decoder_configuration():
    with pytest.raises(FFmpegError, match=r"H\.264 decoder configuration"):
        avc_codec_string({"codec_name": "h264"})


def test_parse_loudness_reads_the_ebur128_summary():
    assert parse_loudness("[hls] Opening …\n" + EBUR128_SUMMARY) == {
        "integrated_lufs": -23.4,
        "loudness_range_lu": 6.1,
        "true_peak_dbtp": -1.2,
    }


def test_parse_loudness_of_silence_and_of_nothing():
    silent = EBUR128_SUMMARY.replace("-1.2 dBFS", "-inf dBFS").replace("-23.4", "-70.0")

    assert parse_loudness(silent)["true_peak_dbtp"] is None
    assert parse_loudness(silent)["integrated_lufs"] == -70.0
    assert parse_loudness("Conversion failed!") is None


def test_master_playlist_pairs_each_rung_with_the_binaural_group(
    tmp_path, sphere_plan, sphere_renditions
):
    video, audio = sphere_renditions

    write_master(tmp_path / "master.m3u8", sphere_plan, video, audio)

    master = m3u8.load(str(tmp_path / "master.m3u8"))
    low, high = master.playlists
    assert high.uri == "video_1920x960/playlist.m3u8"
    assert high.stream_info.bandwidth == 4_200_000
    assert high.stream_info.average_bandwidth == 3_190_000
    assert high.stream_info.codecs == "avc1.640028,mp4a.40.2"
    assert high.stream_info.resolution == (1920, 960)
    assert high.stream_info.frame_rate == 30.0
    assert high.stream_info.audio == "stereo"
    assert low.stream_info.bandwidth == 2_000_000
    binaural, ambisonic = master.media
    assert (binaural.group_id, binaural.default, binaural.channels) == ("stereo", "YES", "2")
    assert (ambisonic.group_id, ambisonic.default, ambisonic.channels) == ("ambisonic", "NO", "4")
    assert ambisonic.characteristics == "org.conservatoire.ambisonic-acn-sn3d"
    assert 'REQ-VIDEO-LAYOUT="PROJ-EQUI"' in (tmp_path / "master.m3u8").read_text()


def test_master_playlist_of_flat_video_has_no_video_layout(tmp_path):
    plan = make_plan(description(426, 240))
    video = [rendition("video_426x240", 300_000, 250_000, "avc1.64001e")]
    audio = [rendition("audio_stereo", 200_000, 190_000, "mp4a.40.2")]

    text = write_master(tmp_path / "master.m3u8", plan, video, audio)

    assert "REQ-VIDEO-LAYOUT" not in text
    assert "#EXT-X-VERSION:7" in text


def test_master_playlist_of_sound_only_lists_the_stereo_track_as_variant(tmp_path):
    plan = make_plan(description(None, None, audio=AudioLayout.AMBIX))
    audio = [
        rendition("audio_binaural", 200_000, 190_000, "mp4a.40.2"),
        rendition("audio_ambisonic", 260_000, 250_000, "opus"),
    ]

    write_master(tmp_path / "master.m3u8", plan, [], audio)

    (variant,) = m3u8.load(str(tmp_path / "master.m3u8")).playlists
    assert variant.uri == "audio_binaural/playlist.m3u8"
    assert variant.stream_info.codecs == "mp4a.40.2"


def test_manifest_describes_the_whole_package(sphere_plan, sphere_renditions):
    video, audio = sphere_renditions
    loudness = {"integrated_lufs": -20.0, "loudness_range_lu": 3.0, "true_peak_dbtp": -2.0}

    manifest = build_manifest(
        sphere_plan, video, audio, poster="poster.jpg", thumbnails=None, loudness=loudness
    )

    assert manifest["master_playlist"] == "master.m3u8"
    assert (manifest["projection"], manifest["stereo_mode"]) == ("equirectangular", "mono")
    assert manifest["audio_layout"] == "ambix"
    assert manifest["duration"] == 2.0
    assert [v["width"] for v in manifest["video"]] == [1920, 1280]
    binaural, ambisonic = manifest["audio"]
    assert (binaural["role"], binaural["default"], binaural["channels"]) == ("binaural", True, 2)
    assert (ambisonic["role"], ambisonic["channels"], ambisonic["channel_order"]) == (
        "ambisonic",
        4,
        "ACN",
    )
    assert manifest["loudness"] == loudness
    assert manifest["engine_version"]


def test_write_manifest_replaces_the_file_whole(tmp_path):
    path = tmp_path / "manifest.json"

    write_manifest(path, {"duration": 2.0, "label": "Stéréo"})

    assert json.loads(path.read_text("utf-8")) == {"duration": 2.0, "label": "Stéréo"}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
