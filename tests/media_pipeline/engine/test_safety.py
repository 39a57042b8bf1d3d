"""A crafted upload cannot make ffmpeg read another file: the forced demuxer refuses it.

The playlist below references a FIFO: opening it blocks until the time limit, so a command
that fails fast instead of timing out has not opened the referenced file.
"""

import os

import pytest

from media_pipeline.engine import commands, runner
from media_pipeline.engine.errors import (
    FFmpegError,
    InvalidMediaError,
    MediaTimeoutError,
    RejectReason,
)
from media_pipeline.engine.plan import make_plan
from media_pipeline.engine.probe import probe
from media_pipeline.engine.types import ProbeLimits

from .factories import description


@pytest.fixture
def playlist_to_fifo(tmp_path):
    os.mkfifo(tmp_path / "secret.ts")
    playlist = tmp_path / "lesson.mp4"
    playlist.write_text(
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nsecret.ts\n#EXT-X-ENDLIST\n"
    )
    return playlist


def test_without_a_forced_demuxer_ffmpeg_would_open_the_referenced_file(playlist_to_fifo):
    command = ["ffmpeg", "-nostdin", "-v", "error", "-protocol_whitelist", "file",
               "-i", str(playlist_to_fifo), "-f", "null", "-"]  # fmt: skip

    with pytest.raises(MediaTimeoutError):
        runner.run(command, time_limit=2)


def test_the_transcode_command_refuses_a_playlist_disguised_as_mp4(playlist_to_fifo, tmp_path):
    job = commands.TranscodeJob(
        source=playlist_to_fifo,
        input_format="mp4",
        output_dir=tmp_path / "out",
        plan=make_plan(description(160, 90, duration=2)),
    )

    with pytest.raises(FFmpegError):
        runner.run(commands.transcode_command(job), time_limit=10)


def test_the_probe_refuses_the_playlist_before_opening_what_it_references(playlist_to_fifo):
    with pytest.raises(InvalidMediaError) as caught:
        probe(playlist_to_fifo, limits=ProbeLimits(time_limit=5))

    assert caught.value.reason is RejectReason.PLAYLIST
