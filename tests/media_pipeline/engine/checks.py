"""Look at what the engine wrote with ffmpeg and ffprobe, as a player would."""

import json
import re
import subprocess
from pathlib import Path

import m3u8


def ffprobe(path: Path, *entries: str, hls: bool = False) -> dict:
    """Return ffprobe's JSON for ``path`` (streams and format; side data included)."""
    head = ["-protocol_whitelist", "file", "-f", "hls"] if hls else []
    result = subprocess.run(
        ["ffprobe", "-v", "error", *head, "-print_format", "json",
         "-show_format", "-show_streams", *entries, str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(result.stdout)


def decode_errors(playlist: Path) -> str:
    """Decode every stream a playlist reaches and return what ffmpeg complained about."""
    result = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-protocol_whitelist", "file", "-f", "hls",
         "-i", str(playlist), "-map", "0", "-f", "null", "-"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.stderr if result.returncode == 0 else f"exit {result.returncode}: {result.stderr}"


def playlist_duration(playlist: Path) -> float:
    return float(ffprobe(playlist, hls=True)["format"]["duration"])


def channel_levels(playlist: Path) -> list[float]:
    """Return the RMS level of each channel in dB (-inf as -200) of an audio playlist."""
    result = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "info", "-protocol_whitelist", "file", "-f", "hls",
         "-i", str(playlist), "-map", "0:a:0",
         "-af", "astats=measure_overall=none:measure_perchannel=RMS_level", "-f", "null", "-"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    levels = re.findall(r"RMS level dB: (\S+)", result.stderr)
    return [-200.0 if level == "-inf" else float(level) for level in levels]


def keyframe_times(playlist: Path) -> list[float]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-protocol_whitelist", "file", "-f", "hls",
         "-skip_frame", "nokey", "-select_streams", "v:0",
         "-show_entries", "frame=pts_time", "-print_format", "json", str(playlist)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return [round(float(frame["pts_time"]), 3) for frame in json.loads(result.stdout)["frames"]]


def image_size(path: Path) -> tuple[int, int]:
    (stream,) = ffprobe(path)["streams"]
    assert stream["codec_name"] == "mjpeg"
    return stream["width"], stream["height"]


def media_playlists(master: Path) -> list[Path]:
    """Return every media playlist the master playlist names (variants and renditions)."""
    playlist = m3u8.load(str(master))
    uris = [p.uri for p in playlist.playlists] + [m.uri for m in playlist.media if m.uri]
    return [master.parent / uri for uri in dict.fromkeys(uris)]
