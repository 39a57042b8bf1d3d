"""Exceptions of the media engine.

``InvalidMediaError`` is the uploader's problem and carries a one-sentence message a teacher
can act on, plus a machine-readable ``reason`` (and ``params``) so the web layer can translate
it. Every other ``MediaError`` is ours: timeouts, cancellations and ffmpeg failures, with the
technical detail kept for staff.
"""

from enum import StrEnum


class RejectReason(StrEnum):
    """Why an upload was refused; stable codes for the web layer's translations."""

    EMPTY = "empty"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    CONTAINER = "container"
    PLAYLIST = "playlist"
    IMAGE = "image"
    NO_STREAMS = "no-streams"
    DURATION = "duration"
    FRAME_SIZE = "frame-size"
    STREAM_COUNT = "stream-count"
    FILE_SIZE = "file-size"
    LAYOUT = "layout"
    TRUNCATED = "truncated"
    TOO_SLOW = "too-slow"


class MediaError(Exception):
    """Base class of every error the engine raises."""


class InvalidMediaError(MediaError):
    """Refuse an input the uploader must replace or describe differently."""

    def __init__(self, message: str, *, reason: RejectReason, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.params = params


class MediaTimeoutError(MediaError):
    """Report a process killed because it outlived its time limit."""


class MediaCancelledError(MediaError):
    """Report a process killed because its job was cancelled."""


class FFmpegError(MediaError):
    """Report an internal failure of ffmpeg or ffprobe, with the technical detail."""

    def __init__(
        self,
        message: str,
        *,
        command: tuple[str, ...] = (),
        stderr: str = "",
        returncode: int | None = None,
    ) -> None:
        super().__init__(message)
        self.command = command
        self.stderr = stderr
        self.returncode = returncode

    def __str__(self) -> str:
        tail = self.stderr.strip().splitlines()[-5:]
        return "\n".join([self.args[0], *tail]) if tail else self.args[0]


class DiskFullError(FFmpegError):
    """Report that the working directory's disk filled up while a command wrote to it."""


# What ffmpeg prints (strerror of ENOSPC) when a write fails on a full disk.
DISK_FULL_TEXT = "No space left on device"
