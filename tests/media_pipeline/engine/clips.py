"""Tiny test clips generated with ffmpeg's lavfi sources, made once per session on demand.

Every clip lasts at most 2 s at a small frame size, so the whole engine suite stays fast on
two cores. Spherical metadata is written with our own ``mp4boxes`` into a plain MP4 whose
``moov`` follows the media data: ffmpeg cannot attach it to a lavfi source.
"""

import math
import subprocess
from collections.abc import Callable
from pathlib import Path

from media_pipeline.engine.mp4boxes import inject_spherical_metadata

DURATION = 2
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True, timeout=60)


def video(size: str, rate: int = 25) -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc2=s={size}:r={rate}:d={DURATION}"]


def tone(frequency: int = 440, rate: int = 48000, duration: float = DURATION) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=f={frequency}:r={rate}:d={duration}"]


def plane_wave(azimuth: float) -> str:
    """Return a ``pan`` filter making first-order AmbiX (W Y Z X, SN3D) of a mono source."""
    y, x = math.sin(math.radians(azimuth)), math.cos(math.radians(azimuth))
    return f"pan=4.0|c0=0.5*c0|c1={0.5 * y:.4f}*c0|c2=0*c0|c3={0.5 * x:.4f}*c0"


class Clips:
    """Make each clip the first time a test asks for it, in one directory per session."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._made: dict[str, Path] = {}

    def _get(self, name: str, make: Callable[[Path], None]) -> Path:
        if name not in self._made:
            path = self.directory / name
            make(path)
            self._made[name] = path
        return self._made[name]

    # Good inputs --------------------------------------------------------------------------

    @property
    def flat(self) -> Path:
        """160×90 16:9 at 25 fps with a stereo tone in AAC."""
        return self._get(
            "flat.mp4",
            lambda p: ffmpeg(
                *video("160x90"), *tone(), "-af", "pan=stereo|c0=c0|c1=0.5*c0",
                *X264, "-c:a", "aac", "-shortest", str(p),
            ),
        )  # fmt: skip

    @property
    def flat_large(self) -> Path:
        """640×360 at 30 fps with a tone: enough for two rungs of a small ladder."""
        return self._get(
            "flat_large.mp4",
            lambda p: ffmpeg(*video("640x360", 30), *tone(), *X264, "-c:a", "aac", str(p)),
        )

    @property
    def portrait(self) -> Path:
        """90×160 stored upright, mono sound."""
        return self._get(
            "portrait.mp4",
            lambda p: ffmpeg(*video("90x160"), *tone(), *X264, "-c:a", "aac", str(p)),
        )

    @property
    def rotated(self) -> Path:
        """160×90 stored sideways with a 90° display matrix, as phones record portrait."""

        def make(path: Path) -> None:
            ffmpeg(
                "-i", str(self.flat), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(path)
            )  # fmt: skip

        return self._get("rotated.mp4", make)

    @property
    def equirectangular(self) -> Path:
        """320×160 equirectangular with sv3d, AmbiX sound from the left tagged "AmbiX"."""

        def make(path: Path) -> None:
            ffmpeg(
                *video("320x160", 30), *tone(), "-filter_complex", f"[1:a]{plane_wave(90)}[a]",
                "-map", "0:v", "-map", "[a]", *X264, "-c:a", "aac", "-b:a", "256k",
                "-metadata:s:a:0", "handler_name=AmbiX", str(path),
            )  # fmt: skip
            inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")

        return self._get("equirectangular.mp4", make)

    @property
    def top_bottom(self) -> Path:
        """256×256 equirectangular, top-bottom stereo, stereo sound."""

        def make(path: Path) -> None:
            ffmpeg(*video("256x256"), *tone(), *X264, "-c:a", "aac", "-ac", "2", str(path))
            inject_spherical_metadata(path, projection="equirectangular", stereo_mode="top-bottom")

        return self._get("top_bottom.mp4", make)

    @property
    def ambix(self) -> Path:
        """4-channel WAV, AmbiX of a tone from the left (azimuth 90°), no metadata."""
        return self._get(
            "ambix.wav",
            lambda p: ffmpeg(*tone(rate=44100), "-af", plane_wave(90), "-c:a", "pcm_s16le", str(p)),
        )

    @property
    def stereo_audio(self) -> Path:
        """Stereo FLAC, sound only."""
        return self._get(
            "stereo.flac",
            lambda p: ffmpeg(*tone(), "-af", "pan=stereo|c0=c0|c1=0.3*c0", str(p)),
        )

    @property
    def mono_audio(self) -> Path:
        """Mono MP3 at 44.1 kHz, sound only."""
        return self._get("mono.mp3", lambda p: ffmpeg(*tone(rate=44100), str(p)))

    @property
    def variable_frame_rate(self) -> Path:
        """160×90 whose frames come every 1/30 s, then every 1/10 s."""
        return self._get(
            "vfr.mp4",
            lambda p: ffmpeg(
                *video("160x90", 30), "-vf", r"select='lt(n\,20)+not(mod(n\,3))'",
                "-vsync", "vfr", *X264, str(p),
            ),
        )  # fmt: skip

    # Bad inputs ---------------------------------------------------------------------------

    @property
    def empty(self) -> Path:
        return self._get("empty.mp4", lambda p: p.write_bytes(b""))

    @property
    def text(self) -> Path:
        return self._get("notes.mp4", lambda p: p.write_text("Répétition jeudi à 18 h.\n"))

    @property
    def truncated(self) -> Path:
        """The first half of a flat MP4 whose moov sits at the end."""
        return self._get(
            "truncated.mp4",
            lambda p: p.write_bytes(self.flat.read_bytes()[: self.flat.stat().st_size // 2]),
        )

    @property
    def secret_segment(self) -> Path:
        """A local MPEG-TS file that a crafted playlist tries to make ffmpeg read."""
        return self._get(
            "secret.ts", lambda p: ffmpeg(*video("64x32"), "-c:v", "mpeg2video", str(p))
        )

    @property
    def disguised_playlist(self) -> Path:
        """An HLS playlist saved as .mp4 that references a local file."""
        segment = self.secret_segment
        text = f"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n{segment.name}\n#EXT-X-ENDLIST\n"
        return self._get("lesson.mp4", lambda p: p.write_text(text))

    @property
    def concat_list(self) -> Path:
        """An ffconcat list naming a local file."""
        text = f"ffconcat version 1.0\nfile '{self.flat}'\n"
        return self._get("list.mp4", lambda p: p.write_text(text))

    @property
    def image(self) -> Path:
        return self._get(
            "poster.png",
            lambda p: ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x32", "-frames:v", "1", str(p)),
        )

    @property
    def no_streams(self) -> Path:
        """A Matroska file holding only a subtitle stream: neither video nor sound."""

        def make(path: Path) -> None:
            subtitles = path.with_suffix(".srt")
            subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nBonjour\n")
            ffmpeg("-i", str(subtitles), "-c:s", "srt", str(path))

        return self._get("subtitles.mkv", make)
