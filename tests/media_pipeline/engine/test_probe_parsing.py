"""describe() and the rules behind it, on ffprobe output captured from generated clips."""

import copy
from fractions import Fraction

import pytest

from media_pipeline.engine.errors import InvalidMediaError, RejectReason
from media_pipeline.engine.probe import check_limits, container_error, describe, refusal
from media_pipeline.engine.types import AudioLayout, ProbeLimits, Projection, StereoMode

from .conftest import ffprobe_json


def test_describe_reads_the_display_rotation_and_swaps_the_display_size():
    description = describe(ffprobe_json("rotated_mp4.json"), 1000)

    video = description.video
    assert (video.width, video.height, video.rotation) == (160, 90, 90)
    assert (video.display_width, video.display_height) == (90, 160)
    assert description.input_format == "mp4"
    assert description.projection is Projection.FLAT
    assert description.audio_layout is AudioLayout.STEREO


def test_describe_reads_equirectangular_projection_and_mono_stereo_mode():
    description = describe(ffprobe_json("equirectangular_ambix_mp4.json"), 1000)

    assert description.projection is Projection.EQUIRECTANGULAR
    assert description.stereo_mode is StereoMode.MONO
    assert description.video.frame_rate == Fraction(30)
    assert description.duration == pytest.approx(2.0, abs=0.05)


def test_describe_reads_top_bottom_stereo():
    description = describe(ffprobe_json("top_bottom_mp4.json"), 1000)

    assert description.projection is Projection.EQUIRECTANGULAR
    assert description.stereo_mode is StereoMode.TOP_BOTTOM


def test_describe_reads_cubemap_and_side_by_side():
    data = copy.deepcopy(ffprobe_json("top_bottom_mp4.json"))
    stereo, mapping = data["streams"][0]["side_data_list"]
    stereo["type"] = "side by side"
    mapping["projection"] = "cubemap"

    description = describe(data, 1000)

    assert description.projection is Projection.CUBEMAP
    assert description.stereo_mode is StereoMode.LEFT_RIGHT


def test_describe_reads_matroska_stereo_mode_tag():
    data = copy.deepcopy(ffprobe_json("rotated_mp4.json"))
    video = data["streams"][0]
    del video["side_data_list"]
    video["tags"]["stereo_mode"] = "top_bottom"

    assert describe(data, 1000).stereo_mode is StereoMode.TOP_BOTTOM


def test_four_channels_tagged_ambix_are_ambix():
    description = describe(ffprobe_json("equirectangular_ambix_mp4.json"), 1000)

    assert description.audio.channels == 4
    assert description.audio_layout is AudioLayout.AMBIX
    assert description.ambisonic_candidate


def test_four_channels_without_metadata_are_only_an_ambisonic_candidate():
    description = describe(ffprobe_json("ambix_wav.json"), 1000)

    assert description.video is None
    assert description.audio.channel_layout == "4.0"
    assert description.audio_layout is AudioLayout.MULTICHANNEL
    assert description.ambisonic_candidate
    assert description.input_format == "wav"


def test_a_layout_ffmpeg_names_ambisonic_is_ambix():
    description = describe(ffprobe_json("ambisonic_opus_webm.json"), 1000)

    assert description.audio.channel_layout == "ambisonic 1"
    assert description.audio_layout is AudioLayout.AMBIX
    assert description.input_format == "matroska"


def test_cover_art_is_not_a_video_stream():
    description = describe(ffprobe_json("cover_art_mp3.json"), 1000)

    assert description.video is None
    assert description.audio_layout is AudioLayout.MONO
    assert len(description.streams) == 2
    assert description.input_format == "mp3"


def test_variable_frame_rate_is_detected_from_mean_and_nominal_rates():
    description = describe(ffprobe_json("vfr_mp4.json"), 1000)

    assert description.video.variable_frame_rate
    assert description.video.frame_rate < 20
    assert description.audio is None


def test_a_file_without_video_or_sound_is_refused():
    with pytest.raises(InvalidMediaError, match="neither video nor sound") as caught:
        describe(ffprobe_json("subtitles_only_mkv.json"), 1000)

    assert caught.value.reason is RejectReason.NO_STREAMS


@pytest.mark.parametrize(
    ("format_name", "reason"),
    [
        ("hls", RejectReason.PLAYLIST),
        ("concat", RejectReason.PLAYLIST),
        ("image2", RejectReason.IMAGE),
        ("png_pipe", RejectReason.IMAGE),
        ("mpegts", RejectReason.CONTAINER),
        ("avi", RejectReason.CONTAINER),
    ],
)
def test_describe_refuses_containers_outside_the_allow_list(format_name, reason):
    data = copy.deepcopy(ffprobe_json("rotated_mp4.json"))
    data["format"]["format_name"] = format_name

    with pytest.raises(InvalidMediaError) as caught:
        describe(data, 1000)

    assert caught.value.reason is reason


def test_container_error_names_the_accepted_formats():
    error = container_error("avi")

    assert str(error) == (
        "The file format (avi) is not accepted; "
        "use MP4, MOV, MKV, WebM, WAV, FLAC, Ogg, MP3 or M4A."
    )


@pytest.mark.parametrize(
    ("stderr", "head", "reason"),
    [
        ("[hls @ 0x55d0] Format not on whitelist 'mov'\n", b"#EXTM3U", RejectReason.PLAYLIST),
        ("[png_pipe @ 0x5a] Format not on whitelist 'mov'\n", b"\x89PNG", RejectReason.IMAGE),
        ("Invalid data found when processing input\n", b"file 'a.mp4'\n", RejectReason.PLAYLIST),
        ("moov atom not found\n", b"\x00\x00\x00\x20ftypisom", RejectReason.TRUNCATED),
        ("moov atom not found\n", b"hello\n", RejectReason.UNREADABLE),
    ],
)
def test_refusal_explains_why_ffprobe_failed(stderr, head, reason):
    assert refusal(stderr, head).reason is reason


def test_limits_refuse_a_long_recording_in_words():
    description = describe(ffprobe_json("rotated_mp4.json"), 1000)

    with pytest.raises(InvalidMediaError) as caught:
        check_limits(description, ProbeLimits(max_duration=1))

    assert str(caught.value) == "The recording lasts 0 min 02 s; the limit is 0 min 01 s."
    assert caught.value.reason is RejectReason.DURATION


def test_limits_refuse_a_large_frame():
    description = describe(ffprobe_json("rotated_mp4.json"), 1000)

    with pytest.raises(InvalidMediaError, match="90×160 pixels") as caught:
        check_limits(description, ProbeLimits(max_width=100, max_height=100))

    assert caught.value.reason is RejectReason.FRAME_SIZE


def test_limits_refuse_too_many_streams_and_too_large_a_file():
    description = describe(ffprobe_json("rotated_mp4.json"), 3 * 1024**3)

    with pytest.raises(InvalidMediaError, match="2 streams") as caught:
        check_limits(description, ProbeLimits(max_streams=1))
    assert caught.value.reason is RejectReason.STREAM_COUNT

    with pytest.raises(InvalidMediaError, match=r"3\.0 GB; the limit is 2\.0 GB") as caught:
        check_limits(description, ProbeLimits(max_file_size=2 * 1024**3))
    assert caught.value.reason is RejectReason.FILE_SIZE


def test_limits_accept_a_description_within_bounds():
    check_limits(describe(ffprobe_json("rotated_mp4.json"), 1000), ProbeLimits())


def test_description_serialises_to_json_ready_dict():
    data = describe(ffprobe_json("rotated_mp4.json"), 1000).to_dict()

    assert data["video"]["width"] == 90
    assert data["video"]["frame_rate"] == "25"
    assert data["projection"] == "flat"
    assert data["audio_layout"] == "stereo"
