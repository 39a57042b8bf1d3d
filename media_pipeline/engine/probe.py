"""Probe an upload with ffprobe and describe it, refusing anything outside the allow-list.

ffprobe runs with ``-protocol_whitelist file`` and ``-format_whitelist`` limited to the
accepted demuxers, so a playlist or a concat list disguised as a video is refused before it
can make ffprobe open another file; the description names the demuxer that ffmpeg must then
be forced to use (``-f``) when it reads the same file.

AmbiX rule: ffmpeg labels any raw 4-channel stream ``4.0`` (FL FR FC BC), so four channels
alone prove nothing. ``describe`` reports ``AudioLayout.AMBIX`` only when the metadata says
the sound is ambisonic — a channel layout ffmpeg names ``ambisonic …`` (an ``SA3D`` box, Opus
mapping family 2) or a stream or container tag mentioning "ambisonic" or "ambix". Any other
4-channel stream is reported ``MULTICHANNEL`` with ``ambisonic_candidate`` set, so that the
upload form asks the uploader; the uploader's answer (``plan.Overrides``) always wins.
"""

import json
import re
from fractions import Fraction
from pathlib import Path

from . import runner
from .errors import FFmpegError, InvalidMediaError, MediaTimeoutError, RejectReason
from .types import (
    AudioInfo,
    AudioLayout,
    MediaDescription,
    ProbeLimits,
    Projection,
    StereoMode,
    StreamInfo,
    StreamKind,
    VideoInfo,
)

# ffprobe's format_name → the demuxer ffmpeg is forced to use with `-f`.
ALLOWED_CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": "mp4",
    "matroska,webm": "matroska",
    "wav": "wav",
    "flac": "flac",
    "ogg": "ogg",
    "mp3": "mp3",
}
FORMAT_WHITELIST = ",".join(ALLOWED_CONTAINERS)
PLAYLIST_FORMATS = frozenset({"hls", "applehttp", "concat", "dash", "ffmetadata", "hds"})
IMAGE_FORMATS = frozenset({"image2", "gif", "apng", "webp", "tiff", "bmp", "jpegls", "ico"})
IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
PLAYLIST_SIGNATURES = (b"#EXTM3U", b"ffconcat", b"<?xml", b"[playlist]", b"file ")
AMBISONIC_HINTS = ("ambisonic", "ambix")

_REFUSED_DEMUXER = re.compile(r"\[(\w+) @ 0x[0-9a-f]+\] Format not on whitelist")


def probe(
    path: Path, *, limits: ProbeLimits | None = None, ffprobe: str = "ffprobe"
) -> MediaDescription:
    """Return the description of the file at ``path``.

    Raise InvalidMediaError when the file is missing, empty, unreadable, of a refused kind
    or over a limit; FFmpegError only when ffprobe itself cannot run.
    """
    limits = limits or ProbeLimits()
    size = _checked_size(path, limits)
    data = _run_ffprobe(path, limits, ffprobe)
    description = describe(data, size)
    check_limits(description, limits)
    return description


def probe_command(path: Path, *, ffprobe: str = "ffprobe") -> list[str]:
    """Return the ffprobe arguments that describe ``path`` as JSON (side data included)."""
    return [
        ffprobe, "-v", "error", "-hide_banner",
        "-protocol_whitelist", "file", "-format_whitelist", FORMAT_WHITELIST,
        "-print_format", "json", "-show_format", "-show_streams",
        f"file:{Path(path).resolve()}",
    ]  # fmt: skip


def _checked_size(path: Path, limits: ProbeLimits) -> int:
    # Only regular files: a directory, a FIFO or a device is never an upload.
    if not Path(path).is_file():
        raise InvalidMediaError("The file cannot be found.", reason=RejectReason.MISSING)
    size = Path(path).stat().st_size
    if size == 0:
        raise InvalidMediaError("The file is empty.", reason=RejectReason.EMPTY)
    if size > limits.max_file_size:
        raise InvalidMediaError(
            f"The file weighs {_gigabytes(size)}; the limit is {_gigabytes(limits.max_file_size)}.",
            reason=RejectReason.FILE_SIZE,
            size=size,
            limit=limits.max_file_size,
        )
    return size


def _run_ffprobe(path: Path, limits: ProbeLimits, ffprobe: str) -> dict:
    try:
        result = runner.run(probe_command(path, ffprobe=ffprobe), time_limit=limits.time_limit)
    except MediaTimeoutError as exc:
        raise InvalidMediaError(
            "The file could not be analysed in time; it may be damaged.",
            reason=RejectReason.TOO_SLOW,
        ) from exc
    except FFmpegError as exc:
        if exc.returncode is None:
            raise
        raise refusal(exc.stderr, _head(path)) from exc
    try:
        return json.loads(result.stdout)
    except ValueError as exc:
        raise FFmpegError("ffprobe printed invalid JSON", stderr=result.stderr) from exc


def _head(path: Path) -> bytes:
    with open(path, "rb") as file:
        return file.read(64)


def refusal(stderr: str, head: bytes) -> InvalidMediaError:
    """Return the error explaining why ffprobe refused a file (its stderr, its first bytes)."""
    refused = _REFUSED_DEMUXER.search(stderr)
    if refused:
        return container_error(refused.group(1))
    if head.lstrip().startswith(PLAYLIST_SIGNATURES):
        return container_error("playlist")
    if head.startswith(IMAGE_SIGNATURES):
        return container_error("image")
    if head[4:8] == b"ftyp" and "moov atom not found" in stderr:
        return InvalidMediaError(
            "The file is incomplete; upload it again or export it once more.",
            reason=RejectReason.TRUNCATED,
        )
    return InvalidMediaError(
        "The file is not a video or sound recording that can be read; it may be damaged.",
        reason=RejectReason.UNREADABLE,
    )


def container_error(format_name: str) -> InvalidMediaError:
    """Return the error refusing a container that is not on the allow-list."""
    names = set(format_name.split(","))
    if names & PLAYLIST_FORMATS or format_name == "playlist":
        return InvalidMediaError(
            "The file is a playlist or a list of other files, not a recording; "
            "upload the video or sound file itself.",
            reason=RejectReason.PLAYLIST,
            format=format_name,
        )
    if names & IMAGE_FORMATS or format_name == "image" or format_name.endswith("_pipe"):
        return InvalidMediaError(
            "The file is an image; upload a video or a sound recording.",
            reason=RejectReason.IMAGE,
            format=format_name,
        )
    return InvalidMediaError(
        f"The file format ({format_name}) is not accepted; "
        "use MP4, MOV, MKV, WebM, WAV, FLAC, Ogg, MP3 or M4A.",
        reason=RejectReason.CONTAINER,
        format=format_name,
    )


def describe(data: dict, file_size: int) -> MediaDescription:
    """Return the description of ffprobe's JSON output for a file of ``file_size`` bytes.

    Raise InvalidMediaError for a container outside the allow-list or a file with neither
    video nor sound.
    """
    fmt = data.get("format", {})
    format_name = fmt.get("format_name", "")
    if format_name not in ALLOWED_CONTAINERS:
        raise container_error(format_name or "unknown")
    raw_streams = data.get("streams", [])
    video_raw = _main_video(raw_streams)
    audio_raw = _main_audio(raw_streams)
    if video_raw is None and audio_raw is None:
        raise InvalidMediaError(
            "The file contains neither video nor sound.", reason=RejectReason.NO_STREAMS
        )
    audio = _audio_info(audio_raw) if audio_raw else None
    layout = audio_layout(audio, _tags(audio_raw) | _tags(fmt)) if audio else None
    return MediaDescription(
        container=format_name,
        input_format=ALLOWED_CONTAINERS[format_name],
        duration=_duration(fmt, raw_streams),
        size=file_size,
        streams=tuple(_stream_info(s) for s in raw_streams),
        video=_video_info(video_raw) if video_raw else None,
        audio=audio,
        projection=projection(video_raw) if video_raw else Projection.FLAT,
        stereo_mode=stereo_mode(video_raw) if video_raw else StereoMode.MONO,
        audio_layout=layout,
        ambisonic_candidate=audio is not None and audio.channels == 4,
    )


def check_limits(description: MediaDescription, limits: ProbeLimits) -> None:
    """Raise InvalidMediaError if the description exceeds one of ``limits``."""
    if description.duration > limits.max_duration:
        raise InvalidMediaError(
            f"The recording lasts {_clock(description.duration)}; "
            f"the limit is {_clock(limits.max_duration)}.",
            reason=RejectReason.DURATION,
            duration=description.duration,
            limit=limits.max_duration,
        )
    video = description.video
    if video and (video.width > limits.max_width or video.height > limits.max_height):
        raise InvalidMediaError(
            f"The video measures {video.display_width}×{video.display_height} pixels; "
            f"the limit is {limits.max_width}×{limits.max_height}.",
            reason=RejectReason.FRAME_SIZE,
            width=video.display_width,
            height=video.display_height,
        )
    if len(description.streams) > limits.max_streams:
        raise InvalidMediaError(
            f"The file holds {len(description.streams)} streams; the limit is "
            f"{limits.max_streams}.",
            reason=RejectReason.STREAM_COUNT,
            streams=len(description.streams),
            limit=limits.max_streams,
        )
    if description.size > limits.max_file_size:
        raise InvalidMediaError(
            f"The file weighs {_gigabytes(description.size)}; "
            f"the limit is {_gigabytes(limits.max_file_size)}.",
            reason=RejectReason.FILE_SIZE,
            size=description.size,
            limit=limits.max_file_size,
        )


def audio_layout(audio: AudioInfo, tags: dict[str, str]) -> AudioLayout:
    """Return the best guess of what the channels mean (AmbiX rule: module docstring)."""
    if audio.channel_layout.startswith("ambisonic"):
        return AudioLayout.AMBIX
    if audio.channels == 4 and _mentions_ambisonics(tags):
        return AudioLayout.AMBIX
    return {1: AudioLayout.MONO, 2: AudioLayout.STEREO, 6: AudioLayout.SURROUND_5_1}.get(
        audio.channels, AudioLayout.MULTICHANNEL
    )


def projection(stream: dict) -> Projection:
    """Return the projection the stream's spherical side data declares (flat without it)."""
    mapping = _side_data(stream, "Spherical Mapping")
    if mapping is None:
        return Projection.FLAT
    kind = mapping.get("projection", "")
    if kind == "cubemap":
        return Projection.CUBEMAP
    if "equirectangular" in kind:
        return Projection.EQUIRECTANGULAR
    return Projection.FLAT


def stereo_mode(stream: dict) -> StereoMode:
    """Return the stereo packing from Stereo 3D side data or Matroska's stereo_mode tag."""
    stereo = _side_data(stream, "Stereo 3D")
    kind = stereo.get("type", "") if stereo else _tags(stream).get("stereo_mode", "")
    if kind in ("top and bottom", "top_bottom", "bottom_top"):
        return StereoMode.TOP_BOTTOM
    if kind in ("side by side", "left_right", "right_left"):
        return StereoMode.LEFT_RIGHT
    return StereoMode.MONO


def rotation(stream: dict) -> int:
    """Return the display rotation in degrees, snapped to 0, 90, 180 or 270."""
    matrix = _side_data(stream, "Display Matrix")
    value = matrix.get("rotation") if matrix else _tags(stream).get("rotate")
    try:
        degrees = float(value or 0)
    except ValueError:
        return 0
    return round(degrees / 90) * 90 % 360


def frame_rate(stream: dict) -> tuple[Fraction, bool]:
    """Return the stream's frame rate and whether it varies.

    A constant rate is the nominal one (``r_frame_rate``: 25, not the 7500/301 a slightly
    short last frame makes of the mean); a variable rate is the mean (``avg_frame_rate``).
    """
    average = _fraction(stream.get("avg_frame_rate"))
    nominal = _fraction(stream.get("r_frame_rate"))
    variable = bool(average and nominal and abs(nominal - average) / average > Fraction(1, 100))
    rate = (average if variable else nominal) or average or nominal
    return rate or Fraction(0), variable


def _main_video(streams: list[dict]) -> dict | None:
    # Cover art in an MP3 or M4A is a one-frame "video" stream flagged attached_pic.
    candidates = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    return _default_first(candidates)


def _main_audio(streams: list[dict]) -> dict | None:
    return _default_first([s for s in streams if s.get("codec_type") == "audio"])


def _default_first(streams: list[dict]) -> dict | None:
    flagged = [s for s in streams if s.get("disposition", {}).get("default")]
    return (flagged or streams or [None])[0]


def _video_info(stream: dict) -> VideoInfo:
    rate, variable = frame_rate(stream)
    return VideoInfo(
        index=int(stream["index"]),
        codec=stream.get("codec_name", "unknown"),
        width=int(stream.get("width", 0)),
        height=int(stream.get("height", 0)),
        frame_rate=rate,
        variable_frame_rate=variable,
        rotation=rotation(stream),
        pixel_format=stream.get("pix_fmt", ""),
    )


def _audio_info(stream: dict) -> AudioInfo:
    return AudioInfo(
        index=int(stream["index"]),
        codec=stream.get("codec_name", "unknown"),
        channels=int(stream.get("channels", 0)),
        channel_layout=stream.get("channel_layout", ""),
        sample_rate=int(stream.get("sample_rate", 0)),
    )


def _stream_info(stream: dict) -> StreamInfo:
    try:
        kind = StreamKind(stream.get("codec_type", "data"))
    except ValueError:
        kind = StreamKind.DATA
    return StreamInfo(int(stream["index"]), kind, stream.get("codec_name", "unknown"))


def _duration(fmt: dict, streams: list[dict]) -> float:
    values = [fmt.get("duration"), *(s.get("duration") for s in streams)]
    for value in values:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            continue
        if seconds > 0:
            return seconds
    raise InvalidMediaError(
        "The length of the recording cannot be read; it may be damaged.",
        reason=RejectReason.UNREADABLE,
    )


def _side_data(stream: dict, kind: str) -> dict | None:
    for entry in stream.get("side_data_list", []):
        if entry.get("side_data_type") == kind:
            return entry
    return None


def _tags(entry: dict | None) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (entry or {}).get("tags", {}).items()}


def _mentions_ambisonics(tags: dict[str, str]) -> bool:
    return any(hint in value.lower() for value in tags.values() for hint in AMBISONIC_HINTS)


def _fraction(text: str | None) -> Fraction | None:
    try:
        value = Fraction(text or "")
    except (ValueError, ZeroDivisionError):
        return None
    return value if value > 0 else None


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _gigabytes(size: int) -> str:
    return f"{size / 1024**3:.1f} GB" if size >= 1024**3 else f"{size / 1024**2:.1f} MB"
