"""Kinds and value objects shared by the engine: what a probe found, and what it may accept."""

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Projection(StrEnum):
    """How the picture maps onto the viewer's field of view."""

    FLAT = "flat"
    EQUIRECTANGULAR = "equirectangular"
    CUBEMAP = "cubemap"

    @property
    def is_spherical(self) -> bool:
        return self is not Projection.FLAT


class StereoMode(StrEnum):
    """How the two eyes' pictures share one frame."""

    MONO = "mono"
    TOP_BOTTOM = "top-bottom"
    LEFT_RIGHT = "left-right"


class AudioLayout(StrEnum):
    """What the channels of the sound mean.

    ``MULTICHANNEL`` is any other loudspeaker layout (3.0, 4.0, 7.1…): it is downmixed to
    stereo, so a 4-channel stream is only treated as ``AMBIX`` when its metadata says it is
    ambisonic or the uploader says so (see ``probe.audio_layout``).
    """

    MONO = "mono"
    STEREO = "stereo"
    SURROUND_5_1 = "5.1"
    AMBIX = "ambix"
    MULTICHANNEL = "multichannel"

    @property
    def channels(self) -> int | None:
        """Return the channel count this layout requires, or None when any count fits."""
        return _LAYOUT_CHANNELS.get(self)


_LAYOUT_CHANNELS = {
    AudioLayout.MONO: 1,
    AudioLayout.STEREO: 2,
    AudioLayout.SURROUND_5_1: 6,
    AudioLayout.AMBIX: 4,
}


class StreamKind(StrEnum):
    VIDEO = "video"
    AUDIO = "audio"
    SUBTITLE = "subtitle"
    DATA = "data"
    ATTACHMENT = "attachment"


@dataclass(frozen=True)
class StreamInfo:
    """One stream of the container, whatever its kind."""

    index: int
    kind: StreamKind
    codec: str


@dataclass(frozen=True)
class VideoInfo:
    """The video stream the engine will transcode.

    ``width``/``height`` are the stored frame size; ``rotation`` (degrees, 0/90/180/270, as
    ffprobe reports the display matrix) says how players turn it, and ffmpeg applies it when
    decoding, so the ladder is planned on ``display_width``/``display_height``.
    """

    index: int
    codec: str
    width: int
    height: int
    frame_rate: Fraction
    variable_frame_rate: bool = False
    rotation: int = 0
    pixel_format: str = ""

    @property
    def display_width(self) -> int:
        return self.height if self.rotation % 180 == 90 else self.width

    @property
    def display_height(self) -> int:
        return self.width if self.rotation % 180 == 90 else self.height


@dataclass(frozen=True)
class AudioInfo:
    """The audio stream the engine will transcode."""

    index: int
    codec: str
    channels: int
    channel_layout: str
    sample_rate: int


@dataclass(frozen=True)
class MediaDescription:
    """What a probe found in a file, and the demuxer ffmpeg must be forced to use on it."""

    container: str
    input_format: str
    duration: float
    size: int
    streams: tuple[StreamInfo, ...]
    video: VideoInfo | None
    audio: AudioInfo | None
    projection: Projection = Projection.FLAT
    stereo_mode: StereoMode = StereoMode.MONO
    audio_layout: AudioLayout | None = None
    ambisonic_candidate: bool = False

    def to_dict(self) -> dict:
        """Return a JSON-ready dict (the CLI's and the web layer's view of the probe)."""
        video = self.video
        return {
            "container": self.container,
            "input_format": self.input_format,
            "duration": round(self.duration, 3),
            "size": self.size,
            "streams": [
                {"index": s.index, "kind": str(s.kind), "codec": s.codec} for s in self.streams
            ],
            "video": None if video is None else _video_dict(video),
            "audio": None if self.audio is None else _audio_dict(self.audio),
            "projection": str(self.projection),
            "stereo_mode": str(self.stereo_mode),
            "audio_layout": None if self.audio_layout is None else str(self.audio_layout),
            "ambisonic_candidate": self.ambisonic_candidate,
        }


def _video_dict(video: VideoInfo) -> dict:
    return {
        "index": video.index,
        "codec": video.codec,
        "width": video.display_width,
        "height": video.display_height,
        "stored_width": video.width,
        "stored_height": video.height,
        "rotation": video.rotation,
        "frame_rate": str(video.frame_rate),
        "variable_frame_rate": video.variable_frame_rate,
        "pixel_format": video.pixel_format,
    }


def _audio_dict(audio: AudioInfo) -> dict:
    return {
        "index": audio.index,
        "codec": audio.codec,
        "channels": audio.channels,
        "channel_layout": audio.channel_layout,
        "sample_rate": audio.sample_rate,
    }


@dataclass(frozen=True)
class ProbeLimits:
    """What the platform accepts; the web layer builds this from its settings."""

    max_duration: float = 4 * 3600.0
    max_width: int = 8192
    max_height: int = 8192
    max_streams: int = 16
    max_file_size: int = 20 * 1024**3
    time_limit: float = 30.0
