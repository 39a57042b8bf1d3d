"""The only place the engine starts a process.

Every command runs at low priority in its own process group (its own session), so a time
limit or a cancellation kills ffmpeg and anything it started with one ``killpg``; the group
is killed before the leader is reaped, while its id cannot yet be reused by another process.
"""

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import (
    DISK_FULL_TEXT,
    DiskFullError,
    FFmpegError,
    MediaCancelledError,
    MediaTimeoutError,
)

NICENESS = 10
POLL_INTERVAL = 0.2
STDERR_TAIL_BYTES = 16 * 1024
STDOUT_LIMIT_BYTES = 32 * 1024 * 1024
READ_SIZE = 64 * 1024

ProgressCallback = Callable[[float], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class RunResult:
    """What a finished command printed: stdout whole (unless progress was parsed), stderr's tail."""

    command: tuple[str, ...]
    stdout: str
    stderr: str


def run(
    command: Sequence[str],
    *,
    time_limit: float,
    cancelled: CancelCheck | None = None,
    on_progress: ProgressCallback | None = None,
    duration: float | None = None,
    niceness: int = NICENESS,
) -> RunResult:
    """Run ``command`` to completion and return its output.

    With ``on_progress`` (and the media ``duration``), stdout is read as ffmpeg's
    ``-progress pipe:1`` stream and the callback receives the fraction done, 0..1.
    ``cancelled`` (e.g. ``event.is_set``) is polled several times a second.

    Raise MediaTimeoutError after ``time_limit`` seconds, MediaCancelledError when
    ``cancelled()`` turns true — the whole process group is killed in both cases — and
    FFmpegError when the command cannot start or exits with a non-zero status.
    """
    command = tuple(command)
    process = _start(command, niceness)
    output = _Output(_ProgressParser(on_progress, duration) if on_progress else None)
    watch = _Watch(command, time.monotonic() + time_limit, cancelled)
    try:
        _pump(process, output, watch)
        _wait_for_exit(process, watch)
    finally:
        _kill_group(process)
        process.wait()
        process.stdout.close()
        process.stderr.close()
    result = RunResult(command, output.stdout(), output.stderr())
    if DISK_FULL_TEXT in result.stderr:
        # The HLS muxer may report a failed segment write and still exit with status 0.
        raise DiskFullError(
            f"{command[0]} could not write: the disk is full",
            command=command,
            stderr=result.stderr,
            returncode=process.returncode,
        )
    if process.returncode != 0:
        raise FFmpegError(
            f"{command[0]} exited with status {process.returncode}",
            command=command,
            stderr=result.stderr,
            returncode=process.returncode,
        )
    return result


def _start(command: tuple[str, ...], niceness: int) -> subprocess.Popen:
    # `nice` execs the command, so the priority covers every thread ffmpeg starts, which
    # setpriority() after the fact would not. `setpriv --pdeathsig` makes the kernel kill
    # ffmpeg if the worker process dies (even by SIGKILL): in its own session, it would
    # otherwise run on as an orphan writing into a workspace nobody owns.
    argv = ("setpriv", "--pdeathsig", "KILL", "nice", "-n", str(niceness), *command)
    try:
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise FFmpegError(f"could not start {command[0]}: {exc}", command=command) from exc


@dataclass(frozen=True)
class _Watch:
    command: tuple[str, ...]
    deadline: float
    cancelled: CancelCheck | None

    def check(self) -> None:
        """Raise if the time is up or the job was cancelled."""
        if time.monotonic() > self.deadline:
            raise MediaTimeoutError(f"{self.command[0]} ran past its time limit")
        if self.cancelled is not None and self.cancelled():
            raise MediaCancelledError(f"{self.command[0]} was cancelled")


def _pump(process: subprocess.Popen, output: "_Output", watch: _Watch) -> None:
    """Read both pipes until they close, so neither can fill up and block the process."""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ, output.add_stdout)
        selector.register(process.stderr, selectors.EVENT_READ, output.add_stderr)
        while selector.get_map():
            watch.check()
            for key, _ in selector.select(timeout=POLL_INTERVAL):
                data = os.read(key.fd, READ_SIZE)
                if data:
                    key.data(data)
                else:
                    selector.unregister(key.fileobj)


def _wait_for_exit(process: subprocess.Popen, watch: _Watch) -> None:
    """Wait for the leader to exit without reaping it (see the module docstring)."""
    flags = os.WEXITED | os.WNOWAIT | os.WNOHANG
    # The pipes close just before the process becomes waitable: start with short naps so
    # that a short command is not charged a whole poll interval.
    delay = 0.001
    while os.waitid(os.P_PID, process.pid, flags) is None:
        watch.check()
        time.sleep(delay)
        delay = min(delay * 2, POLL_INTERVAL / 4)


def _kill_group(process: subprocess.Popen) -> None:
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


class _Output:
    """Collect stdout (or feed it to a progress parser) and keep the tail of stderr."""

    def __init__(self, progress: "_ProgressParser | None") -> None:
        self._progress = progress
        self._stdout = bytearray()
        self._stderr = bytearray()

    def add_stdout(self, data: bytes) -> None:
        if self._progress is not None:
            self._progress.feed(data)
            return
        self._stdout += data
        if len(self._stdout) > STDOUT_LIMIT_BYTES:
            raise FFmpegError("a command printed more output than the engine accepts")

    def add_stderr(self, data: bytes) -> None:
        self._stderr += data
        del self._stderr[:-STDERR_TAIL_BYTES]

    def stdout(self) -> str:
        return self._stdout.decode(errors="replace")

    def stderr(self) -> str:
        return self._stderr.decode(errors="replace")


class _ProgressParser:
    """Turn ffmpeg's ``key=value`` progress lines into calls with the fraction done."""

    def __init__(self, callback: ProgressCallback, duration: float | None) -> None:
        self._callback = callback
        self._duration_us = (duration or 0) * 1_000_000
        self._pending = b""
        self._last = -1.0

    def feed(self, data: bytes) -> None:
        *lines, self._pending = (self._pending + data).split(b"\n")
        for line in lines:
            key, _, value = line.decode(errors="replace").strip().partition("=")
            self._handle(key, value)

    def _handle(self, key: str, value: str) -> None:
        if key == "progress" and value == "end":
            self._report(1.0)
        elif key == "out_time_us" and value.isdigit() and self._duration_us > 0:
            self._report(min(int(value) / self._duration_us, 1.0))

    def _report(self, fraction: float) -> None:
        if fraction > self._last:
            self._last = fraction
            self._callback(fraction)
