"""A still frame of an upload, shown to the uploader when they confirm what was detected."""

from pathlib import Path

from . import runner
from .commands import FORMAT_WHITELIST
from .types import MediaDescription

PREVIEW_WIDTH = 640
TIME_LIMIT = 60.0


def preview_command(source: Path, output: Path, description: MediaDescription) -> list[str]:
    """Return the ffmpeg arguments that write one JPEG frame of `source` at 10 % of its length.

    The input is read with the probed demuxer forced and local files only, like every read
    of an upload.
    """
    seek = f"{description.duration * 0.1:.3f}"
    return [
        "ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y",
        "-protocol_whitelist", "file", "-format_whitelist", FORMAT_WHITELIST,
        "-f", description.input_format,
        "-ss", seek, "-i", f"file:{source}",
        "-frames:v", "1", "-vf", f"scale={PREVIEW_WIDTH}:-2", "-q:v", "4", f"file:{output}",
    ]  # fmt: skip


def make_preview(source: Path, output: Path, description: MediaDescription) -> Path | None:
    """Write the preview frame to `output` and return it; None for sound-only files."""
    if description.video is None:
        return None
    runner.run(preview_command(source, output, description), time_limit=TIME_LIMIT)
    return output
