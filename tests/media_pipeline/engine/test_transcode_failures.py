"""transcode() refusing bad input and failing cleanly: a reason, and no partial output."""

import pytest

from media_pipeline.engine.errors import (
    FFmpegError,
    InvalidMediaError,
    MediaCancelledError,
    MediaTimeoutError,
    RejectReason,
)
from media_pipeline.engine.transcode import TranscodeOptions, transcode
from media_pipeline.engine.types import ProbeLimits

from .conftest import small_options


def leftovers(parent):
    return sorted(p.name for p in parent.iterdir())


@pytest.mark.parametrize(
    ("clip", "reason"),
    [
        ("empty", RejectReason.EMPTY),
        ("text", RejectReason.UNREADABLE),
        ("truncated", RejectReason.TRUNCATED),
        ("disguised_playlist", RejectReason.PLAYLIST),
        ("concat_list", RejectReason.PLAYLIST),
        ("image", RejectReason.IMAGE),
        ("no_streams", RejectReason.NO_STREAMS),
    ],
)
def test_bad_input_is_refused_without_output(clips, tmp_path, clip, reason):
    with pytest.raises(InvalidMediaError) as caught:
        transcode(getattr(clips, clip), tmp_path / "out", options=small_options())

    assert caught.value.reason is reason
    assert len(str(caught.value).splitlines()) == 1
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (ProbeLimits(max_duration=1.0), RejectReason.DURATION),
        (ProbeLimits(max_width=128, max_height=128), RejectReason.FRAME_SIZE),
        (ProbeLimits(max_streams=1), RejectReason.STREAM_COUNT),
    ],
)
def test_over_limit_input_is_refused_without_output(clips, tmp_path, limits, reason):
    with pytest.raises(InvalidMediaError) as caught:
        transcode(clips.flat, tmp_path / "out", options=small_options(limits=limits))

    assert caught.value.reason is reason
    assert leftovers(tmp_path) == []


def test_an_override_the_sound_cannot_take_is_refused(clips, tmp_path):
    with pytest.raises(InvalidMediaError, match="needs 4") as caught:
        transcode(clips.flat, tmp_path / "out", options=small_options(audio_layout="ambix"))

    assert caught.value.reason is RejectReason.LAYOUT
    assert leftovers(tmp_path) == []


def test_a_video_cut_short_behind_an_intact_index_is_refused(clips, tmp_path):
    # moov first (faststart), then half of the media data: the probe sees a 2 s file.
    import subprocess

    whole = tmp_path / "whole.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(clips.flat_large), "-c", "copy",
         "-movflags", "+faststart", str(whole)],
        check=True,
    )  # fmt: skip
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])

    with pytest.raises(InvalidMediaError) as caught:
        transcode(cut, tmp_path / "out", options=small_options())

    assert caught.value.reason is RejectReason.TRUNCATED
    assert "out" not in leftovers(tmp_path)


def test_an_ffmpeg_failure_is_internal_and_leaves_nothing(clips, tmp_path):
    with pytest.raises(FFmpegError, match="false exited with status 1"):
        transcode(clips.flat, tmp_path / "out", options=small_options(ffmpeg="false"))

    assert leftovers(tmp_path) == []


def test_a_cancelled_job_leaves_nothing(clips, tmp_path):
    with pytest.raises(MediaCancelledError):
        transcode(clips.flat, tmp_path / "out", options=small_options(), cancelled=lambda: True)

    assert leftovers(tmp_path) == []


def test_a_job_past_its_time_limit_leaves_nothing(clips, tmp_path):
    with pytest.raises(MediaTimeoutError):
        transcode(clips.flat, tmp_path / "out", options=small_options(time_limit=0.01))

    assert leftovers(tmp_path) == []


def test_an_existing_empty_directory_receives_the_package(clips, tmp_path):
    (tmp_path / "out").mkdir()

    result = transcode(clips.mono_audio, tmp_path / "out", options=small_options())

    assert (result.directory / "manifest.json").is_file()
    assert leftovers(tmp_path) == ["out"]


def test_a_directory_with_files_is_never_overwritten(clips, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("notes")

    with pytest.raises(ValueError, match="not empty"):
        transcode(clips.flat, tmp_path / "out", options=small_options())

    assert leftovers(tmp_path / "out") == ["keep.txt"]


def test_options_accept_the_web_layers_strings():
    options = TranscodeOptions(projection="equirectangular", stereo_mode="top-bottom")

    assert options.overrides().projection == "equirectangular"
    with pytest.raises(ValueError, match="'sphere'"):
        TranscodeOptions(projection="sphere")
