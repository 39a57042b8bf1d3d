"""The runner: low priority, own process group, time limit, cancellation, progress."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from media_pipeline.engine import runner
from media_pipeline.engine.errors import (
    DiskFullError,
    FFmpegError,
    MediaCancelledError,
    MediaTimeoutError,
)


def group_members(pgid: int) -> list[tuple[int, str]]:
    """Return (pid, state) of every process whose process group is ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:
            members.append((int(entry.name), fields[0]))
    return members


def running_members(pgid: int) -> list[tuple[int, str]]:
    """Return the group's live members, once SIGKILL has had a moment to land."""
    # Orphaned grandchildren are reparented to PID 1, which reaps them on a normal host;
    # the sandbox's PID 1 does not, so their zombies are not ours to count.
    deadline = time.monotonic() + 2
    while True:
        live = [(pid, state) for pid, state in group_members(pgid) if state != "Z"]
        if not live or time.monotonic() > deadline:
            return live
        time.sleep(0.05)


def test_run_returns_stdout_and_stderr():
    result = runner.run(["sh", "-c", "echo out; echo err >&2"], time_limit=10)

    assert result.stdout == "out\n"
    assert result.stderr == "err\n"


def test_run_lowers_the_priority_of_the_command():
    result = runner.run(["nice"], time_limit=10)

    assert int(result.stdout) == os.getpriority(os.PRIO_PROCESS, 0) + runner.NICENESS


def test_run_raises_ffmpeg_error_with_stderr_on_failure():
    with pytest.raises(FFmpegError) as caught:
        runner.run(["sh", "-c", "echo broken pipe >&2; exit 3"], time_limit=10)

    assert "exited with status 3" in str(caught.value)
    assert caught.value.stderr == "broken pipe\n"


@pytest.mark.parametrize("status", [0, 1])
def test_run_raises_disk_full_error_when_a_write_found_no_space(status):
    script = f"echo 'out/a0.m4s: No space left on device' >&2; exit {status}"

    with pytest.raises(DiskFullError, match="the disk is full"):
        runner.run(["sh", "-c", script], time_limit=10)


def test_run_raises_ffmpeg_error_when_the_program_is_missing():
    with pytest.raises(FFmpegError, match="no-such-ffmpeg"):
        runner.run(["no-such-ffmpeg"], time_limit=10)


def test_run_keeps_only_the_tail_of_a_flood_of_stderr():
    result = runner.run(["sh", "-c", "yes x | head -c 1000000 >&2; echo end >&2"], time_limit=10)

    assert len(result.stderr) == runner.STDERR_TAIL_BYTES
    assert result.stderr.endswith("x\nend\n")


def test_timeout_kills_the_process_and_reaps_it(tmp_path):
    pidfile = tmp_path / "pid"
    started = time.monotonic()

    with pytest.raises(MediaTimeoutError, match="time limit"):
        runner.run(["sh", "-c", f"echo $$ > {pidfile}; exec sleep 30"], time_limit=0.5)

    assert time.monotonic() - started < 5
    assert group_members(int(pidfile.read_text())) == []


def test_timeout_kills_every_process_of_the_group(tmp_path):
    pidfile = tmp_path / "pid"

    with pytest.raises(MediaTimeoutError):
        runner.run(["sh", "-c", f"echo $$ > {pidfile}; sleep 30 & sleep 30 & wait"], time_limit=0.5)

    pgid = int(pidfile.read_text())
    assert running_members(pgid) == []
    assert pgid not in [pid for pid, _ in group_members(pgid)]


def test_cancellation_kills_the_group_and_raises(tmp_path):
    pidfile = tmp_path / "pid"
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()

    with pytest.raises(MediaCancelledError):
        runner.run(
            ["sh", "-c", f"echo $$ > {pidfile}; sleep 30 & wait"],
            time_limit=30,
            cancelled=cancel.is_set,
        )

    assert running_members(int(pidfile.read_text())) == []


def test_progress_reports_fractions_up_to_one():
    script = (
        "printf 'out_time_us=N/A\\nprogress=continue\\n'; "
        "printf 'out_time_us=500000\\nprogress=continue\\n'; "
        "printf 'out_time_us=1500000\\nprogress=con'; sleep 0.1; printf 'tinue\\n'; "
        "printf 'out_time_us=1500000\\nout_time_us=2100000\\nprogress=end\\n'"
    )
    fractions = []

    result = runner.run(
        ["sh", "-c", script], time_limit=10, on_progress=fractions.append, duration=2.0
    )

    assert fractions == [0.25, 0.75, 1.0]
    assert result.stdout == ""


def test_progress_from_real_ffmpeg_ends_at_one():
    fractions = []
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x90:d=1",
        "-progress", "pipe:1", "-nostats", "-f", "null", "-",
    ]  # fmt: skip

    runner.run(command, time_limit=30, on_progress=fractions.append, duration=1.0)

    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions)


def test_the_command_dies_with_the_process_that_started_it(tmp_path):
    # A worker killed by SIGKILL must not leave ffmpeg running on as an orphan.
    marker = tmp_path / "pid"
    script = (
        "import os, sys\n"
        "from media_pipeline.engine import runner\n"
        f"runner.run(['sh', '-c', 'echo $$ > {marker}; exec sleep 60'], time_limit=120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[3])
    deadline = time.monotonic() + 10
    while not marker.exists() or not marker.read_text().strip():
        assert time.monotonic() < deadline, "the command did not start"
        time.sleep(0.05)
    child = int(marker.read_text())

    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()

    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
