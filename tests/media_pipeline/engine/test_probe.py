"""probe() on real files: accepted kinds described, refused kinds explained."""

import pytest

from media_pipeline.engine.errors import InvalidMediaError, RejectReason
from media_pipeline.engine.probe import probe, probe_command
from media_pipeline.engine.types import AudioLayout, ProbeLimits, Projection, StereoMode


def test_probe_command_limits_protocols_and_demuxers(tmp_path):
    command = probe_command(tmp_path / "-x.mp4")

    assert command[:4] == ["ffprobe", "-v", "error", "-hide_banner"]
    assert command[command.index("-protocol_whitelist") + 1] == "file"
    assert "hls" not in command[command.index("-format_whitelist") + 1]
    assert command[-1] == f"file:{tmp_path / '-x.mp4'}"


def test_probe_describes_a_flat_video(clips):
    description = probe(clips.flat)

    assert (description.video.width, description.video.height) == (160, 90)
    assert description.duration == pytest.approx(2.0, abs=0.1)
    assert description.audio_layout is AudioLayout.STEREO
    assert description.input_format == "mp4"


def test_probe_describes_a_360_video_with_ambisonic_sound(clips):
    description = probe(clips.equirectangular)

    assert description.projection is Projection.EQUIRECTANGULAR
    assert description.stereo_mode is StereoMode.MONO
    assert description.audio_layout is AudioLayout.AMBIX


def test_probe_describes_sound_only_files(clips):
    assert probe(clips.stereo_audio).input_format == "flac"
    assert probe(clips.mono_audio).audio_layout is AudioLayout.MONO


@pytest.mark.parametrize(
    ("clip", "reason", "message"),
    [
        ("empty", RejectReason.EMPTY, "The file is empty."),
        ("text", RejectReason.UNREADABLE, "not a video or sound recording that can be read"),
        ("truncated", RejectReason.TRUNCATED, "incomplete"),
        ("disguised_playlist", RejectReason.PLAYLIST, "playlist"),
        ("concat_list", RejectReason.PLAYLIST, "list of other files"),
        ("image", RejectReason.IMAGE, "image"),
        ("no_streams", RejectReason.NO_STREAMS, "neither video nor sound"),
    ],
)
def test_probe_refuses_bad_input_with_a_reason(clips, clip, reason, message):
    with pytest.raises(InvalidMediaError, match=message) as caught:
        probe(getattr(clips, clip))

    assert caught.value.reason is reason
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["nothing.mp4", ".", "/dev/zero"])
def test_probe_refuses_anything_but_a_regular_file(tmp_path, name):
    with pytest.raises(InvalidMediaError) as caught:
        probe(tmp_path / name)

    assert caught.value.reason is RejectReason.MISSING


def test_probe_applies_the_limits(clips):
    with pytest.raises(InvalidMediaError) as caught:
        probe(clips.flat, limits=ProbeLimits(max_duration=1.5))
    assert caught.value.reason is RejectReason.DURATION

    with pytest.raises(InvalidMediaError) as caught:
        probe(clips.flat, limits=ProbeLimits(max_width=128))
    assert caught.value.reason is RejectReason.FRAME_SIZE

    with pytest.raises(InvalidMediaError) as caught:
        probe(clips.flat, limits=ProbeLimits(max_file_size=100))
    assert caught.value.reason is RejectReason.FILE_SIZE
