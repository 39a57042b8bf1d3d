"""Descriptions built by hand, for the pure tests of planning and command building."""

from fractions import Fraction

from media_pipeline.engine.types import (
    AudioInfo,
    AudioLayout,
    MediaDescription,
    Projection,
    StereoMode,
    VideoInfo,
)

LAYOUT_CHANNELS = {"mono": 1, "stereo": 2, "5.1": 6, "ambix": 4, "multichannel": 4}


def description(
    width: int | None = 1920,
    height: int | None = 1080,
    *,
    rate: Fraction | int = 25,
    variable: bool = False,
    rotation: int = 0,
    projection: Projection = Projection.FLAT,
    stereo_mode: StereoMode = StereoMode.MONO,
    audio: AudioLayout | None = AudioLayout.STEREO,
    duration: float = 60.0,
    container: str = "mov,mp4,m4a,3gp,3g2,mj2",
) -> MediaDescription:
    """Return a description of a source with the given video (None: sound only) and sound."""
    video = None
    if width is not None:
        video = VideoInfo(
            index=0, codec="h264", width=width, height=height,
            frame_rate=Fraction(rate), variable_frame_rate=variable, rotation=rotation,
            pixel_format="yuv420p",
        )  # fmt: skip
    sound = None
    if audio is not None:
        channels = LAYOUT_CHANNELS[str(audio)]
        sound = AudioInfo(
            index=1 if video else 0, codec="aac", channels=channels,
            channel_layout="4.0" if channels == 4 else str(audio), sample_rate=48000,
        )  # fmt: skip
    return MediaDescription(
        container=container,
        input_format="mp4",
        duration=duration,
        size=1000,
        streams=(),
        video=video,
        audio=sound,
        projection=projection,
        stereo_mode=stereo_mode,
        audio_layout=audio,
        ambisonic_candidate=sound is not None and sound.channels == 4,
    )
