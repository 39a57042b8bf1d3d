"""Package the renditions ffmpeg wrote: master playlist, 360° boxes, poster, thumbnails,
loudness, and ``manifest.json`` last, so that a manifest always describes a whole package.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import m3u8

from . import commands, runner
from .errors import FFmpegError
from .files import write_text_atomically
from .mp4boxes import BoxError, inject_spherical_metadata
from .plan import AudioRendition, AudioRole, Plan, VideoRendition
from .playlist import AudioRendition as MediaTag
from .playlist import VideoVariant, segment_bandwidths, write_master_playlist
from .sprite import write_thumbnail_vtt
from .types import Projection

ENGINE_VERSION = "1"
MANIFEST_VERSION = 1
DEFAULT_GROUP = "stereo"
AMBISONIC_GROUP = "ambisonic"
AMBISONIC_CHARACTERISTICS = "org.conservatoire.ambisonic-acn-sn3d"
TRACK_NAMES = {
    AudioRole.STEREO: "Stéréo",
    AudioRole.BINAURAL: "Binaural",
    AudioRole.AMBISONIC: "Ambisonique ordre 1",
}
AUDIO_CODECS = {"aac": "mp4a.40.2", "libopus": "opus"}
STEP_TIME_LIMIT = 60.0

_LOUDNESS = {
    "integrated_lufs": re.compile(r"I:\s+(-?[\d.]+) LUFS"),
    "loudness_range_lu": re.compile(r"LRA:\s+(-?[\d.]+) LU\b"),
    "true_peak_dbtp": re.compile(r"Peak:\s+(-?[\d.]+|-inf) dBFS"),
}


@dataclass(frozen=True)
class Rendition:
    """A media playlist ffmpeg wrote, with what the master playlist says about it."""

    name: str
    playlist: str  # relative to the package
    init: str
    duration: float
    bandwidth: int
    average_bandwidth: int
    codecs: str = ""  # RFC 6381, as the master playlist's CODECS lists it


def package(
    job: commands.TranscodeJob,
    *,
    cancelled: runner.CancelCheck | None = None,
    ffprobe: str = "ffprobe",
    step: Callable[[float], None] | None = None,
) -> dict:
    """Complete the package in ``job.output_dir`` and return its manifest.

    ``step`` receives the fraction of the packaging done. Raise FFmpegError when a
    rendition is missing or a command fails, MediaTimeoutError or MediaCancelledError.
    """
    plan = job.plan
    out = Path(job.output_dir)
    video = [_with_video_codecs(describe_rendition(out, r.name), out, ffprobe) for r in plan.video]
    audio = [
        replace(describe_rendition(out, t.name), codecs=AUDIO_CODECS[t.codec]) for t in plan.audio
    ]
    if plan.projection.is_spherical:
        add_spherical_metadata(out, plan, video)
    try:
        write_master(out / commands.MASTER_PLAYLIST, plan, video, audio)
    except ValueError as exc:
        raise FFmpegError(f"the master playlist could not be written: {exc}") from exc
    _report(step, 0.3)
    extras = _extras(job, cancelled, step)
    manifest = build_manifest(plan, video, audio, **extras)
    write_manifest(out / commands.MANIFEST, manifest)
    _report(step, 1.0)
    return manifest


def add_spherical_metadata(out: Path, plan: Plan, video: list[Rendition]) -> None:
    """Write sv3d/st3d into every video init segment: ffmpeg 5.1 drops them from HLS."""
    for rendition in video:
        try:
            inject_spherical_metadata(
                out / rendition.init,
                projection=str(plan.projection),
                stereo_mode=str(plan.stereo_mode),
            )
        except BoxError as exc:
            raise FFmpegError(f"{rendition.init} cannot take spherical metadata: {exc}") from exc


def _extras(job: commands.TranscodeJob, cancelled, step) -> dict:
    """Make the poster, the thumbnails and the loudness measure; return their manifest parts."""
    plan = job.plan
    poster = thumbnails = loudness = None
    if plan.video:
        runner.run(commands.poster_command(job), time_limit=STEP_TIME_LIMIT, cancelled=cancelled)
        poster = commands.POSTER
        _report(step, 0.5)
        thumbnails = make_thumbnails(job, cancelled)
        _report(step, 0.8)
    if plan.audio:
        result = runner.run(
            commands.loudness_command(job),
            time_limit=STEP_TIME_LIMIT + plan.duration / 10,
            cancelled=cancelled,
        )
        loudness = parse_loudness(result.stderr)
    return {"poster": poster, "thumbnails": thumbnails, "loudness": loudness}


def make_thumbnails(job: commands.TranscodeJob, cancelled) -> dict:
    """Write the sprite and its WebVTT index; return their manifest entry."""
    thumbs = job.plan.thumbnails
    runner.run(
        commands.sprite_command(job),
        time_limit=STEP_TIME_LIMIT + job.plan.duration / 10,
        cancelled=cancelled,
    )
    write_thumbnail_vtt(
        Path(job.output_dir) / commands.THUMBNAILS_VTT,
        sprite_uri=commands.SPRITE,
        tile_width=thumbs.tile_width,
        tile_height=thumbs.tile_height,
        columns=thumbs.columns,
        interval=thumbs.interval,
        count=thumbs.count,
        duration=job.plan.duration,
    )
    return {
        "sprite": commands.SPRITE,
        "vtt": commands.THUMBNAILS_VTT,
        "interval": thumbs.interval,
        "count": thumbs.count,
        "columns": thumbs.columns,
        "rows": thumbs.rows,
        "tile_width": thumbs.tile_width,
        "tile_height": thumbs.tile_height,
    }


def describe_rendition(out: Path, name: str) -> Rendition:
    """Return what the package needs to know about the rendition ffmpeg wrote as ``name``.

    Raise FFmpegError when its playlist, init segment or segments are missing.
    """
    path = out / name / commands.MEDIA_PLAYLIST
    try:
        playlist = m3u8.loads(path.read_text(encoding="utf-8"))
        peak, average = segment_bandwidths(path)
    except (OSError, ValueError) as exc:
        raise FFmpegError(f"rendition {name} is missing or incomplete: {exc}") from exc
    init = playlist.segment_map[0].uri if playlist.segment_map else None
    if init is None or not (out / name / init).is_file():
        raise FFmpegError(f"rendition {name} has no init segment")
    return Rendition(
        name=name,
        playlist=f"{name}/{commands.MEDIA_PLAYLIST}",
        init=f"{name}/{init}",
        duration=sum(segment.duration for segment in playlist.segments),
        bandwidth=peak,
        average_bandwidth=average,
    )


def _with_video_codecs(rendition: Rendition, out: Path, ffprobe: str) -> Rendition:
    result = runner.run(
        commands.stream_probe_command(out / rendition.init, ffprobe=ffprobe),
        time_limit=STEP_TIME_LIMIT,
    )
    try:
        stream = json.loads(result.stdout)["streams"][0]
    except (ValueError, KeyError, IndexError) as exc:
        raise FFmpegError(f"ffprobe found no stream in {rendition.init}") from exc
    return replace(rendition, codecs=avc_codec_string(stream))


def avc_codec_string(stream: dict) -> str:
    """Return the RFC 6381 codec string (``avc1.PPCCLL``) of an ffprobe H.264 stream.

    Profile, constraint flags and level are bytes 1–3 of the avcC record, which ffprobe
    prints as a hex dump with ``-show_data``. Raise FFmpegError if it is absent.
    """
    record = _hex_dump_bytes(stream.get("extradata", ""))
    if stream.get("codec_name") != "h264" or len(record) < 4 or record[0] != 1:
        raise FFmpegError("the init segment holds no H.264 decoder configuration")
    return "avc1." + record[1:4].hex()


def _hex_dump_bytes(dump: str) -> bytes:
    """Return the bytes of ffprobe's ``xxd``-style dump (offset: hex groups  text)."""
    data = bytearray()
    for line in dump.strip().splitlines():
        _, _, rest = line.partition(": ")
        data += bytes.fromhex(rest[:40].replace(" ", ""))
    return bytes(data)


def write_master(path: Path, plan: Plan, video: list[Rendition], audio: list[Rendition]) -> str:
    """Write the master playlist: one variant per rung, audio groups beside them."""
    tracks = [
        _media_tag(track, rendition) for track, rendition in zip(plan.audio, audio, strict=True)
    ]
    default = next((r for t, r in zip(plan.audio, audio, strict=True) if t.default), None)
    variants = [
        _variant(rung, rendition, plan, default)
        for rung, rendition in zip(plan.video, video, strict=True)
    ]
    layout = "PROJ-EQUI" if plan.projection is Projection.EQUIRECTANGULAR and variants else None
    return write_master_playlist(
        path,
        variants,
        tracks,
        video_layout=layout,
        audio_only_group=None if variants else DEFAULT_GROUP,
    )


def _variant(
    rung: VideoRendition, rendition: Rendition, plan: Plan, audio: Rendition | None
) -> VideoVariant:
    # BANDWIDTH covers everything a client fetches to play the variant: its default audio too.
    return VideoVariant(
        uri=rendition.playlist,
        bandwidth=rendition.bandwidth + (audio.bandwidth if audio else 0),
        average_bandwidth=rendition.average_bandwidth + (audio.average_bandwidth if audio else 0),
        codecs=rendition.codecs,
        resolution=(rung.width, rung.height),
        frame_rate=float(plan.frame_rate),
        audio_group=DEFAULT_GROUP if audio else None,
    )


def _media_tag(track: AudioRendition, rendition: Rendition) -> MediaTag:
    ambisonic = track.role is AudioRole.AMBISONIC
    return MediaTag(
        group_id=AMBISONIC_GROUP if ambisonic else DEFAULT_GROUP,
        name=TRACK_NAMES[track.role],
        language=None,
        uri=rendition.playlist,
        codecs=rendition.codecs,
        channels=str(track.channels),
        default=track.default,
        autoselect=track.default,
        characteristics=AMBISONIC_CHARACTERISTICS if ambisonic else None,
        bandwidth=rendition.bandwidth,
        average_bandwidth=rendition.average_bandwidth,
    )


def parse_loudness(stderr: str) -> dict | None:
    """Return integrated loudness, range and true peak from ebur128's summary, if printed."""
    summary = stderr.rpartition("Summary:")[2]
    values = {}
    for key, pattern in _LOUDNESS.items():
        match = pattern.search(summary)
        if match is None:
            return None
        values[key] = None if match.group(1) == "-inf" else float(match.group(1))
    return values


def build_manifest(
    plan: Plan,
    video: list[Rendition],
    audio: list[Rendition],
    *,
    poster: str | None,
    thumbnails: dict | None,
    loudness: dict | None,
) -> dict:
    """Return the manifest: what the player and the web layer need to know of the package."""
    timeline = video[0] if video else audio[0]
    return {
        "version": MANIFEST_VERSION,
        "engine_version": ENGINE_VERSION,
        "master_playlist": commands.MASTER_PLAYLIST,
        "duration": round(timeline.duration, 3),
        "projection": str(plan.projection),
        "stereo_mode": str(plan.stereo_mode),
        "audio_layout": None if plan.audio_layout is None else str(plan.audio_layout),
        "video": [_video_entry(rung, r, plan) for rung, r in zip(plan.video, video, strict=True)],
        "audio": [_audio_entry(track, r) for track, r in zip(plan.audio, audio, strict=True)],
        "poster": poster,
        "thumbnails": thumbnails,
        "loudness": loudness,
    }


def _video_entry(rung: VideoRendition, rendition: Rendition, plan: Plan) -> dict:
    return {
        "name": rendition.name,
        "playlist": rendition.playlist,
        "init": rendition.init,
        "width": rung.width,
        "height": rung.height,
        "frame_rate": round(float(plan.frame_rate), 3),
        "codecs": rendition.codecs,
        "bandwidth": rendition.bandwidth,
        "average_bandwidth": rendition.average_bandwidth,
        "duration": round(rendition.duration, 3),
    }


def _audio_entry(track: AudioRendition, rendition: Rendition) -> dict:
    entry = {
        "name": rendition.name,
        "label": TRACK_NAMES[track.role],
        "role": str(track.role),
        "playlist": rendition.playlist,
        "init": rendition.init,
        "codecs": rendition.codecs,
        "channels": track.channels,
        "default": track.default,
        "bandwidth": rendition.bandwidth,
        "average_bandwidth": rendition.average_bandwidth,
        "duration": round(rendition.duration, 3),
    }
    if track.role is AudioRole.AMBISONIC:
        entry |= {"ambisonic_order": 1, "channel_order": "ACN", "normalization": "SN3D"}
    return entry


def write_manifest(path: Path, manifest: dict) -> None:
    """Write the manifest through a temporary name, so it appears whole or not at all."""
    write_text_atomically(path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def _report(step: Callable[[float], None] | None, fraction: float) -> None:
    if step is not None:
        step(fraction)
