"""Synthetic recordings made with ffmpeg's own sources: demo content and benchmarks.

Nothing is downloaded: the picture is ffmpeg's `testsrc2` pattern, the sound a tone placed
in space as first-order AmbiX (W, Y, Z, X; SN3D) so that spatial playback can be heard.
"""

import math
from pathlib import Path

from . import runner
from .mp4boxes import inject_spherical_metadata


def ambix_pan(azimuth_degrees: float) -> str:
    """Return a `pan` filter that encodes a mono source at `azimuth_degrees` as AmbiX."""
    azimuth = math.radians(azimuth_degrees)
    y, x = math.sin(azimuth), math.cos(azimuth)
    return f"pan=4.0|c0=c0|c1={y:.4f}*c0|c2=0*c0|c3={x:.4f}*c0"


def spherical_clip_command(output: Path, *, duration: float, width: int) -> list[str]:
    """Return the ffmpeg arguments for a 2:1 test pattern with a tone at 90° (left), AmbiX."""
    height = width // 2
    return [
        "ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc2=s={width}x{height}:r=30:d={duration}",
        "-f", "lavfi", "-i", f"sine=f=440:d={duration}:sample_rate=48000",
        "-filter_complex", f"[1:a]{ambix_pan(90)}[a]", "-map", "0:v", "-map", "[a]",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "256k", "-metadata:s:a:0", "handler_name=AmbiX",
        f"file:{output}",
    ]  # fmt: skip


def make_spherical_clip(output: Path, *, duration: float = 6.0, width: int = 1280) -> Path:
    """Write an equirectangular clip with AmbiX sound to `output` and return it."""
    runner.run(spherical_clip_command(output, duration=duration, width=width), time_limit=600)
    inject_spherical_metadata(output, projection="equirectangular", stereo_mode="mono")
    return output
