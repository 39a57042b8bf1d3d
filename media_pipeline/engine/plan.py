"""Plan the renditions of a source: a pure function of its description and the uploader's word.

The ladder is data (``LadderTable``): 360° rungs go by width, flat rungs by the shorter
side, never above the source; a source smaller than every rung keeps its own size. Video is
H.264 with a capped CRF (``-crf`` + ``-maxrate``/``-bufsize``), constant frame rate capped at
60 fps and a keyframe every ``segment_duration`` seconds in every rung, so that the rungs'
segments line up for switching.
"""

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .errors import InvalidMediaError, RejectReason
from .types import AudioLayout, MediaDescription, Projection, StereoMode, VideoInfo


@dataclass(frozen=True)
class Rung:
    """One line of a ladder table: a width (360°) or a shorter side (flat), and a bit rate."""

    size: int
    maxrate: int  # kb/s at up to 30 fps, for a 2:1 frame (360°) or any aspect (flat)


@dataclass(frozen=True)
class LadderTable:
    """Every number the planner uses; tests pass smaller tables to keep clips tiny."""

    spherical: tuple[Rung, ...] = (
        Rung(3840, 16000),
        Rung(2560, 8000),
        Rung(1920, 4500),
        Rung(1280, 2000),
    )
    flat: tuple[Rung, ...] = (
        Rung(1080, 5000),
        Rung(720, 3000),
        Rung(480, 1200),
        Rung(360, 700),
        # With the 192 kb/s sound, the slowest rung stays under 400 kb/s.
        Rung(240, 200),
    )
    crf: int = 21
    bufsize_factor: float = 2.0
    # Above 30 fps the table's rates grow by half: twice the frames cost less than twice the bits.
    high_frame_rate_factor: float = 1.5
    max_frame_rate: int = 60
    # H.264 level 5.1's largest frame, the most that hardware decoders accept.
    max_pixels: int = 4096 * 2304
    segment_duration: float = 2.0
    audio_bitrate: int = 192
    audio_sample_rate: int = 48000
    ambisonic_bitrate: int = 256
    poster_width: int = 1280
    # Horizontal field of view of the flat pictures (poster, thumbnails) of 360° video.
    view_h_fov: float = 100.0
    tile_width: int = 160
    max_tiles: int = 100
    tile_columns: int = 10


DEFAULT_TABLE = LadderTable()
LAYOUT_NAMES = {
    AudioLayout.MONO: "mono",
    AudioLayout.STEREO: "stereo",
    AudioLayout.SURROUND_5_1: "5.1 surround",
    AudioLayout.AMBIX: "ambisonic (AmbiX)",
}
DEFAULT_FRAME_RATE = Fraction(25)
STANDARD_FRAME_RATES = tuple(Fraction(r) for r in (24, 25, 30, 50, 60))


class AudioRole(StrEnum):
    """What an audio rendition is for in the player."""

    STEREO = "stereo"
    BINAURAL = "binaural"
    AMBISONIC = "ambisonic"


@dataclass(frozen=True)
class Overrides:
    """What the uploader said about the source; each given value beats the probe's guess.

    ``flat_only`` asks for a flat package: spherical metadata is ignored and ambisonic
    sound is rendered to binaural stereo without the 4-channel track.
    """

    projection: Projection | None = None
    stereo_mode: StereoMode | None = None
    audio_layout: AudioLayout | None = None
    flat_only: bool = False


@dataclass(frozen=True)
class VideoRendition:
    name: str
    width: int
    height: int
    maxrate: int  # kb/s
    bufsize: int  # kb/s
    crf: int


@dataclass(frozen=True)
class AudioRendition:
    name: str
    role: AudioRole
    codec: str  # ffmpeg encoder name
    channels: int
    bitrate: int  # kb/s
    sample_rate: int
    default: bool


@dataclass(frozen=True)
class Thumbnails:
    """A sprite of ``count`` tiles, one every ``interval`` seconds, ``columns`` per row."""

    interval: float
    count: int
    columns: int
    rows: int
    tile_width: int
    tile_height: int


@dataclass(frozen=True)
class Plan:
    """Everything the transcode and package steps produce, as data."""

    duration: float
    projection: Projection
    stereo_mode: StereoMode
    audio_layout: AudioLayout | None
    video_stream: int | None
    audio_stream: int | None
    frame_rate: Fraction | None
    gop_frames: int | None
    segment_duration: float
    video: tuple[VideoRendition, ...]
    audio: tuple[AudioRendition, ...]
    poster_size: tuple[int, int] | None
    poster_time: float | None
    view_h_fov: float
    thumbnails: Thumbnails | None

    @property
    def is_audio_only(self) -> bool:
        return not self.video


def make_plan(
    description: MediaDescription,
    overrides: Overrides | None = None,
    table: LadderTable = DEFAULT_TABLE,
) -> Plan:
    """Return the plan for ``description`` as the uploader described it.

    Raise InvalidMediaError when an overriding audio layout does not fit the channels.
    """
    overrides = overrides or Overrides()
    projection = _projection(description, overrides)
    layout = _audio_layout(description, overrides)
    video = description.video
    rate = output_frame_rate(video, table.max_frame_rate) if video else None
    rungs = video_ladder(video, projection, rate, table) if video else ()
    return Plan(
        duration=description.duration,
        projection=projection,
        stereo_mode=_stereo_mode(description, overrides),
        audio_layout=layout,
        video_stream=video.index if video else None,
        audio_stream=description.audio.index if description.audio else None,
        frame_rate=rate,
        gop_frames=math.ceil(rate * table.segment_duration) if rate else None,
        segment_duration=table.segment_duration,
        video=rungs,
        audio=audio_renditions(layout, overrides.flat_only, table) if layout else (),
        poster_size=poster_size(rungs[0], projection, table) if rungs else None,
        poster_time=round(description.duration * 0.1, 3) if rungs else None,
        view_h_fov=table.view_h_fov,
        thumbnails=thumbnails(description.duration, projection, rungs[0], table) if rungs else None,
    )


def _projection(description: MediaDescription, overrides: Overrides) -> Projection:
    if overrides.flat_only or description.video is None:
        return Projection.FLAT
    return overrides.projection or description.projection


def _stereo_mode(description: MediaDescription, overrides: Overrides) -> StereoMode:
    if overrides.flat_only or description.video is None:
        return StereoMode.MONO
    return overrides.stereo_mode or description.stereo_mode


def _audio_layout(description: MediaDescription, overrides: Overrides) -> AudioLayout | None:
    audio = description.audio
    if audio is None:
        return None
    layout = overrides.audio_layout or description.audio_layout or AudioLayout.MULTICHANNEL
    expected = layout.channels
    if expected is not None and expected != audio.channels:
        raise InvalidMediaError(
            f"The sound has {_channels(audio.channels)} but {LAYOUT_NAMES[layout]} sound "
            f"needs {expected}; check the audio layout.",
            reason=RejectReason.LAYOUT,
            channels=audio.channels,
            layout=str(layout),
        )
    return layout


def _channels(count: int) -> str:
    return "1 channel" if count == 1 else f"{count} channels"


def output_frame_rate(video: VideoInfo, cap: int = 60) -> Fraction:
    """Return the constant frame rate of the renditions: the source's, at most ``cap``.

    A variable rate becomes the first standard rate at or above its mean (phones drop
    frames in low light: a 29.5 fps mean becomes 30). A faster source is divided by the
    smallest whole number that brings it under the cap (120 → 60, 100 → 50), so that
    frames are dropped evenly.
    """
    rate = video.frame_rate if video.frame_rate > 0 else DEFAULT_FRAME_RATE
    if video.variable_frame_rate:
        standard = [r for r in STANDARD_FRAME_RATES if r >= rate * Fraction(99, 100)]
        rate = standard[0] if standard else STANDARD_FRAME_RATES[-1]
    return rate / math.ceil(rate / cap)


def video_ladder(
    video: VideoInfo, projection: Projection, rate: Fraction, table: LadderTable
) -> tuple[VideoRendition, ...]:
    """Return the video rungs for ``video``, largest first."""
    width, height = video.display_width, video.display_height
    if projection.is_spherical:
        sizes = _spherical_sizes(width, height, table)
        reference = [(r.size, r.size // 2) for r in table.spherical]
        base = [r.maxrate for r in table.spherical]
    else:
        sizes = _flat_sizes(width, height, table)
        reference = [_scaled(width, height, r.size) for r in table.flat]
        base = [r.maxrate for r in table.flat]
    factor = table.high_frame_rate_factor if rate > 30 else 1.0
    return tuple(
        _rendition(size, _rate_for(size, reference, base) * factor, table) for size in sizes
    )


def _spherical_sizes(width: int, height: int, table: LadderTable) -> list[tuple[int, int]]:
    sizes = [
        (even(r.size), even(r.size * height / width)) for r in table.spherical if r.size <= width
    ]
    return _fitting(sizes, table) or [(even_down(width), even_down(height))]


def _flat_sizes(width: int, height: int, table: LadderTable) -> list[tuple[int, int]]:
    shorter = min(width, height)
    sizes = [_scaled(width, height, r.size) for r in table.flat if r.size <= shorter]
    return _fitting(sizes, table) or [(even_down(width), even_down(height))]


def _fitting(sizes: list[tuple[int, int]], table: LadderTable) -> list[tuple[int, int]]:
    return [(w, h) for w, h in sizes if w * h <= table.max_pixels]


def _scaled(width: int, height: int, shorter: int) -> tuple[int, int]:
    """Return the even size of ``width``×``height`` scaled so its shorter side is ``shorter``."""
    if width >= height:
        return even(width * shorter / height), even(shorter)
    return even(shorter), even(height * shorter / width)


def _rate_for(size: tuple[int, int], reference: list[tuple[int, int]], base: list[int]) -> float:
    """Return the table rate of the closest rung, scaled by the pixel count."""
    pixels = size[0] * size[1]
    distances = [abs(math.log(pixels / (w * h))) for w, h in reference]
    nearest = distances.index(min(distances))
    ref_w, ref_h = reference[nearest]
    return base[nearest] * pixels / (ref_w * ref_h)


def _rendition(size: tuple[int, int], maxrate: float, table: LadderTable) -> VideoRendition:
    width, height = size
    rate = max(50, round(maxrate / 10) * 10)
    return VideoRendition(
        name=f"video_{width}x{height}",
        width=width,
        height=height,
        maxrate=rate,
        bufsize=round(rate * table.bufsize_factor),
        crf=table.crf,
    )


def audio_renditions(
    layout: AudioLayout, flat_only: bool, table: LadderTable
) -> tuple[AudioRendition, ...]:
    """Return the audio renditions, the default first.

    Ambisonic sound gets a binaural stereo render as its default and, unless the package
    is flat only, its four channels untouched in Opus; every other layout gets stereo AAC.
    """
    if layout is not AudioLayout.AMBIX:
        return (_aac("audio_stereo", AudioRole.STEREO, table),)
    binaural = _aac("audio_binaural", AudioRole.BINAURAL, table)
    if flat_only:
        return (binaural,)
    ambisonic = AudioRendition(
        name="audio_ambisonic",
        role=AudioRole.AMBISONIC,
        codec="libopus",
        channels=4,
        bitrate=table.ambisonic_bitrate,
        sample_rate=48000,
        default=False,
    )
    return binaural, ambisonic


def _aac(name: str, role: AudioRole, table: LadderTable) -> AudioRendition:
    # Music needs at least 128 kb/s of AAC: a smaller table value is a configuration error.
    if table.audio_bitrate < 128:
        raise ValueError(f"audio bit rate {table.audio_bitrate} kb/s is below 128 kb/s")
    return AudioRendition(
        name=name,
        role=role,
        codec="aac",
        channels=2,
        bitrate=table.audio_bitrate,
        sample_rate=table.audio_sample_rate,
        default=True,
    )


def poster_size(top: VideoRendition, projection: Projection, table: LadderTable) -> tuple[int, int]:
    """Return the poster's size: the top rung's (at most the table's width) or, for 360°, 16:9.

    A 360° poster shows ``view_h_fov`` degrees of the sphere at about the source's density.
    """
    if projection.is_spherical:
        width = min(table.poster_width, max(160, top.width * table.view_h_fov / 360))
        return even(width), even(width * 9 / 16)
    width = min(table.poster_width, top.width)
    return even(width), even(width * top.height / top.width)


def thumbnails(
    duration: float, projection: Projection, top: VideoRendition, table: LadderTable
) -> Thumbnails:
    """Return the sprite layout: at most ``max_tiles`` tiles, whole segments apart.

    Thumbnails fall on segment boundaries, where every rendition has a keyframe, so the
    sprite is made by decoding keyframes only.
    """
    segment = table.segment_duration
    interval = segment * max(1, math.ceil(duration / (table.max_tiles * segment)))
    # Every tile starts at least half a second before the end, where there is a frame to show.
    count = max(1, math.ceil((duration - 0.5) / interval))
    columns = min(count, table.tile_columns)
    aspect = 9 / 16 if projection.is_spherical else top.height / top.width
    return Thumbnails(
        interval=interval,
        count=count,
        columns=columns,
        rows=math.ceil(count / columns),
        tile_width=table.tile_width,
        tile_height=even(table.tile_width * aspect),
    )


def even(value: float) -> int:
    """Return ``value`` rounded to the nearest even integer, at least 2 (codecs need it)."""
    return max(2, 2 * round(value / 2))


def even_down(value: int) -> int:
    """Return ``value`` rounded down to an even integer, at least 2: a source is never upscaled."""
    return max(2, value // 2 * 2)
