"""What a teacher reads when the pipeline refuses a file: engine reasons, translated."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .engine.errors import InvalidMediaError, RejectReason


def _clock(seconds):
    seconds = int(seconds or 0)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def refusal_message(error: InvalidMediaError) -> str:
    """Return the reason of `error` as one sentence in the active language."""
    p = error.params
    messages = {
        RejectReason.EMPTY: lambda: _("The file is empty."),
        RejectReason.MISSING: lambda: _("The file cannot be found; upload it again."),
        RejectReason.UNREADABLE: lambda: _(
            "The file is not a video or sound recording that can be read; it may be damaged."
        ),
        RejectReason.TRUNCATED: lambda: _(
            "The file is incomplete; upload it again or export it once more."
        ),
        RejectReason.CONTAINER: lambda: _(
            "This file format is not accepted; use MP4, MOV, MKV, WebM, WAV, FLAC, Ogg, MP3 or M4A."
        ),
        RejectReason.PLAYLIST: lambda: _(
            "The file is a playlist or a list of other files, not a recording; "
            "upload the video or sound file itself."
        ),
        RejectReason.IMAGE: lambda: _("The file is an image; upload a video or a sound recording."),
        RejectReason.NO_STREAMS: lambda: _("The file contains neither video nor sound."),
        RejectReason.DURATION: lambda: (
            _("The recording lasts %(duration)s; the limit is %(limit)s.")
            % {"duration": _clock(p.get("duration")), "limit": _clock(p.get("limit"))}
        ),
        RejectReason.FRAME_SIZE: lambda: (
            _(
                "The video measures %(width)s×%(height)s pixels; "
                "the limit is %(max_width)s×%(max_height)s."
            )
            % {
                "width": p.get("width"),
                "height": p.get("height"),
                "max_width": settings.MEDIA_PIPELINE_MAX_WIDTH,
                "max_height": settings.MEDIA_PIPELINE_MAX_HEIGHT,
            }
        ),
        RejectReason.STREAM_COUNT: lambda: (
            _("The file holds %(streams)s streams; the limit is %(limit)s.")
            % {"streams": p.get("streams"), "limit": p.get("limit")}
        ),
        RejectReason.FILE_SIZE: lambda: (
            _("The file weighs %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(p.get("size") or 0),
                "limit": filesizeformat(p.get("limit") or 0),
            }
        ),
        RejectReason.LAYOUT: lambda: _(
            "The sound layout chosen does not match the file's channels; check the audio layout."
        ),
        RejectReason.TOO_SLOW: lambda: _(
            "The file could not be analysed in time; it may be damaged."
        ),
    }
    build = messages.get(error.reason)
    return build() if build else error.message


def internal_failure_message() -> str:
    return _(
        "Processing failed on our side. The team has the technical details; "
        "try Retry, or contact us if it fails again."
    )


def disk_full_message() -> str:
    return _(
        "Processing stopped because the processing server ran out of temporary disk space. "
        "Nothing of your recording is lost: the team has been told; try Retry later."
    )


def storage_retry_message(*, previous_version: bool) -> str:
    """Return what a teacher reads while a job waits for the object storage to come back."""
    if previous_version:
        return _(
            "Publishing is delayed: the storage of recordings cannot be reached. It is retried "
            "automatically and nothing is lost; until then the previous version stays online."
        )
    return _(
        "Processing is delayed: the storage of recordings cannot be reached. It is retried "
        "automatically and nothing is lost; the recording will be online once it succeeds."
    )
