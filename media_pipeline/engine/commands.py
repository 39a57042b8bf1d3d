"""Build ffmpeg argument lists from one frozen ``TranscodeJob``; nothing here runs a process.

Every read of the upload forces the probed demuxer (``-f``) and allows only local files
(``-protocol_whitelist file``, ``-format_whitelist``), so a crafted file cannot make ffmpeg
open another file or a URL. The poster is taken from the source (one seek, one frame); the
thumbnail sprite and the loudness are read from our own renditions, the cheapest to decode.

Binaural rendering of AmbiX (ACN order W Y Z X, SN3D): a first-order max-rE decode to a
horizontal octagon of virtual loudspeakers (``pan``), each rendered through the HRTF that
Debian's libmysofa ships (``sofalizer``). The makeup gain was measured here with pink noise
from eight directions: it brings each ear to the level of the W channel on average. The
limiter only catches peaks above -1 dBFS. Height (Z) is left out of the binaural render;
the 4-channel Opus rendition keeps it for head-tracked playback.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

from .plan import AudioRendition, AudioRole, Plan, VideoRendition
from .probe import ALLOWED_CONTAINERS, FORMAT_WHITELIST
from .types import Projection, StereoMode

DEFAULT_HRTF = Path("/usr/share/libmysofa/default.sofa")
BINAURAL_MAKEUP_DB = 30.0
LIMIT_LINEAR = 0.891  # -1 dBFS

MASTER_PLAYLIST = "master.m3u8"
MANIFEST = "manifest.json"
MEDIA_PLAYLIST = "playlist.m3u8"
INIT_SEGMENT = "init.mp4"  # ffmpeg names it init_<n>.mp4 when there are several renditions
SEGMENT_PATTERN = "segment_%05d.m4s"
POSTER = "poster.jpg"
SPRITE = "thumbnails.jpg"
THUMBNAILS_VTT = "thumbnails.vtt"

# Virtual loudspeakers of the binaural decoder: ffmpeg's "octagonal" layout, in its
# channel order, with azimuths counter-clockwise from the front.
OCTAGON = (("FL", 45), ("FR", 315), ("FC", 0), ("BL", 135), ("BR", 225), ("BC", 180),
           ("SL", 90), ("SR", 270))  # fmt: skip


@dataclass(frozen=True)
class TranscodeJob:
    """Everything one transcode needs: the builders read nothing else."""

    source: Path
    input_format: str
    output_dir: Path
    plan: Plan
    preset: str = "veryfast"
    ffmpeg: str = "ffmpeg"
    hrtf: Path = DEFAULT_HRTF
    binaural_makeup_db: float = BINAURAL_MAKEUP_DB

    def __post_init__(self) -> None:
        if self.input_format not in ALLOWED_CONTAINERS.values():
            raise ValueError(f"input format {self.input_format!r} is not on the allow-list")
        if not Path(self.output_dir).is_absolute() or "%" in str(self.output_dir):
            raise ValueError(f"output directory {self.output_dir} must be absolute, without '%'")

    def playlist(self, name: str) -> Path:
        """Return the media playlist of the rendition called ``name``."""
        return Path(self.output_dir) / name / MEDIA_PLAYLIST


# Transcode ---------------------------------------------------------------------------------


def transcode_command(job: TranscodeJob) -> list[str]:
    """Return the one ffmpeg command that decodes the source once and writes every rendition.

    Each rendition becomes fMP4 HLS in its own directory (``<name>/playlist.m3u8``); the
    master playlist is left to the package step.
    """
    plan = job.plan
    return [
        *_head(job.ffmpeg),
        *source_input(job),
        "-filter_complex", filter_graph(job),
        *[arg for i in range(len(plan.video)) for arg in ("-map", f"[v{i}]")],
        *[arg for i in range(len(plan.audio)) for arg in ("-map", f"[a{i}]")],
        "-map_metadata", "-1", "-map_chapters", "-1",
        *video_codec_args(job),
        *audio_codec_args(plan.audio),
        "-max_muxing_queue_size", "4096",
        *hls_args(job),
        "-progress", "pipe:1", "-nostats",
        str(Path(job.output_dir) / "%v" / MEDIA_PLAYLIST),
    ]  # fmt: skip


def _head(ffmpeg: str) -> list[str]:
    return [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-n"]


def source_input(job: TranscodeJob) -> list[str]:
    """Return the input arguments for the upload: forced demuxer, local files only."""
    return [
        "-protocol_whitelist", "file", "-format_whitelist", FORMAT_WHITELIST,
        "-f", job.input_format, "-i", f"file:{Path(job.source).resolve()}",
    ]  # fmt: skip


def filter_graph(job: TranscodeJob) -> str:
    """Return the filter graph: one decoded picture split to every rung, sound to each track."""
    plan = job.plan
    return ";".join([*video_chains(plan), *audio_chains(plan, job.hrtf, job.binaural_makeup_db)])


def video_chains(plan: Plan) -> list[str]:
    """Return the chains turning the source picture into ``[v0]``, ``[v1]``… (largest first)."""
    if not plan.video:
        return []
    count = len(plan.video)
    split = "".join(f"[s{i}]" for i in range(count))
    chains = [f"[0:{plan.video_stream}]fps={plan.frame_rate},format=yuv420p,split={count}{split}"]
    for i, rung in enumerate(plan.video):
        chains.append(f"[s{i}]scale={rung.width}:{rung.height}:flags=lanczos,setsar=1[v{i}]")
    return chains


def audio_chains(plan: Plan, hrtf: Path, makeup_db: float) -> list[str]:
    """Return the chains producing ``[a0]``, ``[a1]``… in the plan's order."""
    if not plan.audio:
        return []
    source = f"[0:{plan.audio_stream}]"
    if plan.audio[0].role is not AudioRole.BINAURAL:
        return [f"{source}{resample(plan.audio[0])},{to_stereo()}[a0]"]
    count = len(plan.audio)
    outputs = "".join(f"[ax{i}]" for i in range(count))
    # Relabel the four channels as 4.0 by index so that no later conversion remixes them.
    chains = [f"{source}{relabel_ambix()},{resample(plan.audio[0])},asplit={count}{outputs}"]
    for i, track in enumerate(plan.audio):
        body = binaural(hrtf, makeup_db) if track.role is AudioRole.BINAURAL else "anull"
        chains.append(f"[ax{i}]{body}[a{i}]")
    return chains


def relabel_ambix() -> str:
    return "channelmap=map=0|1|2|3:channel_layout=4.0"


def resample(track: AudioRendition) -> str:
    return f"aresample={track.sample_rate}"


def to_stereo() -> str:
    """Return the format constraint that makes ffmpeg downmix speaker layouts to stereo."""
    return "aformat=sample_fmts=fltp:channel_layouts=stereo"


def binaural(hrtf: Path, makeup_db: float) -> str:
    """Return the AmbiX → binaural stereo chain (see the module docstring)."""
    speakers = "|".join(f"{name} {azimuth} 0" for name, azimuth in OCTAGON)
    return ",".join(
        [
            ambisonic_decoder(),
            f"sofalizer=sofa={escape_filter_value(str(hrtf))}:type=freq"
            f":gain={makeup_db:g}:speakers={speakers}",
            f"alimiter=limit={LIMIT_LINEAR}:level=0:latency=1",
            to_stereo(),
        ]
    )


def ambisonic_decoder() -> str:
    """Return the ``pan`` filter decoding first-order AmbiX to the octagon.

    Speaker gain: (W + 2·g1·(X·cos θ + Y·sin θ)) / N, the 2D basic decode with the max-rE
    weight g1 = cos(π/4), which keeps the rear lobe small for HRTF rendering.
    """
    count = len(OCTAGON)
    order_one = 2 * math.cos(math.pi / 4) / count
    gains = []
    for index, (_, azimuth) in enumerate(OCTAGON):
        theta = math.radians(azimuth)
        y, x = order_one * math.sin(theta), order_one * math.cos(theta)
        gains.append(f"c{index}={1 / count:.5f}*c0{_term(y, 1)}{_term(x, 3)}")
    return "pan=octagonal|" + "|".join(gains)


def _term(gain: float, channel: int) -> str:
    rounded = round(gain, 5)
    if rounded == 0:
        return ""
    return f"{'-' if rounded < 0 else '+'}{abs(rounded):.5f}*c{channel}"


def escape_filter_value(value: str) -> str:
    """Return ``value`` escaped for a filter option, then for the filter graph."""
    option = re.sub(r"([\\':])", r"\\\1", value)
    return re.sub(r"([\\'\[\],;])", r"\\\1", option)


def video_codec_args(job: TranscodeJob) -> list[str]:
    """Return H.264 settings: shared GOP of one segment, capped CRF per rung."""
    plan = job.plan
    if not plan.video:
        return []
    args = [
        "-c:v", "libx264", "-preset", job.preset, "-profile:v", "high",
        "-g", str(plan.gop_frames), "-keyint_min", str(plan.gop_frames),
        "-sc_threshold", "0",
        "-force_key_frames", f"expr:gte(t,n_forced*{plan.segment_duration:g})",
    ]  # fmt: skip
    for i, rung in enumerate(plan.video):
        args += _rung_args(i, rung)
    return args


def _rung_args(index: int, rung: VideoRendition) -> list[str]:
    return [
        f"-crf:v:{index}", str(rung.crf),
        f"-maxrate:v:{index}", f"{rung.maxrate}k",
        f"-bufsize:v:{index}", f"{rung.bufsize}k",
    ]  # fmt: skip


def audio_codec_args(tracks: tuple[AudioRendition, ...]) -> list[str]:
    """Return the encoder of each audio track; ambisonic Opus uses mapping family 2."""
    args = []
    for i, track in enumerate(tracks):
        args += [f"-c:a:{i}", track.codec, f"-b:a:{i}", f"{track.bitrate}k"]
        if track.role is AudioRole.AMBISONIC:
            args += [f"-mapping_family:a:{i}", "2"]
    return args


def hls_args(job: TranscodeJob) -> list[str]:
    """Return the fMP4 HLS muxer settings, one variant stream per rendition."""
    plan = job.plan
    return [
        "-f", "hls",
        "-hls_time", f"{plan.segment_duration:g}",
        "-hls_playlist_type", "vod",
        "-hls_segment_type", "fmp4",
        "-hls_flags", "independent_segments",
        "-hls_fmp4_init_filename", INIT_SEGMENT,
        "-hls_segment_filename", str(Path(job.output_dir) / "%v" / SEGMENT_PATTERN),
        "-var_stream_map", var_stream_map(plan),
    ]  # fmt: skip


def var_stream_map(plan: Plan) -> str:
    """Return ``-var_stream_map``: every rendition alone in a directory named after it."""
    video = [f"v:{i},name:{rung.name}" for i, rung in enumerate(plan.video)]
    audio = [f"a:{i},name:{track.name}" for i, track in enumerate(plan.audio)]
    return " ".join(video + audio)


# Poster, thumbnails, loudness ---------------------------------------------------------------


def poster_command(job: TranscodeJob) -> list[str]:
    """Return the command writing ``poster.jpg``: a frame at the plan's poster time.

    For 360° video the poster is a flat 16:9 view of the front of the sphere.
    """
    plan = job.plan
    width, height = plan.poster_size
    return [
        *_head(job.ffmpeg), "-ss", f"{plan.poster_time:g}", *source_input(job),
        "-map", f"0:{plan.video_stream}", "-frames:v", "1",
        "-vf", f"{view_filter(plan, width, height)},format=yuvj420p",
        *_jpeg_output(Path(job.output_dir) / POSTER, quality=3),
    ]  # fmt: skip


def sprite_command(job: TranscodeJob) -> list[str]:
    """Return the command writing the thumbnail sprite from our smallest suitable rendition.

    Only keyframes are decoded: the renditions have one at every segment boundary, and
    the plan spaces thumbnails by whole segments.
    """
    plan = job.plan
    thumbs = plan.thumbnails
    source = sprite_source(plan)
    view = view_filter(plan, thumbs.tile_width, thumbs.tile_height)
    return [
        *_head(job.ffmpeg), *own_input(job.playlist(source.name), skip_to_keyframes=True),
        "-map", "0:v:0", "-frames:v", "1",
        "-vf", f"{every(thumbs.interval)},{view},tile={thumbs.columns}x{thumbs.rows},"
        "format=yuvj420p",
        *_jpeg_output(Path(job.output_dir) / SPRITE, quality=5),
    ]  # fmt: skip


def every(interval: float) -> str:
    """Return a ``select`` keeping the first frame of each ``interval``-long slice of time.

    Slices start a quarter interval early, so a keyframe forced a frame after its boundary
    still opens its slice. Unlike ``fps``, it emits a frame even for a single keyframe.
    """
    offset = f"{interval / 4:g}"
    slot = f"floor((t+{offset})/{interval:g})"
    previous = f"floor((prev_selected_t+{offset})/{interval:g})"
    return f"select='isnan(prev_selected_t)+gt({slot},{previous})'"


def sprite_source(plan: Plan) -> VideoRendition:
    """Return the smallest rendition with enough pixels for a thumbnail tile."""
    needed = plan.thumbnails.tile_width
    if plan.projection.is_spherical:
        needed = needed * 360 / plan.view_h_fov
    wide_enough = [rung for rung in plan.video if rung.width >= needed]
    return min(wide_enough, key=lambda rung: rung.width) if wide_enough else plan.video[0]


def loudness_command(job: TranscodeJob) -> list[str]:
    """Return the command measuring EBU R128 loudness of the default audio rendition.

    ebur128 prints its summary at the info level, at the end of stderr.
    """
    playlist = job.playlist(job.plan.audio[0].name)
    return [
        job.ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-v", "info",
        *own_input(playlist), "-map", "0:a:0",
        "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-",
    ]  # fmt: skip


def stream_probe_command(init_segment: Path, *, ffprobe: str = "ffprobe") -> list[str]:
    """Return the ffprobe command printing the video stream of one of our init segments,
    with its decoder configuration (``extradata``) as a hex dump."""
    return [
        ffprobe, "-v", "error", "-hide_banner", "-protocol_whitelist", "file", "-f", "mp4",
        "-print_format", "json", "-show_streams", "-show_data", "-select_streams", "v:0",
        f"file:{Path(init_segment).resolve()}",
    ]  # fmt: skip


def own_input(playlist: Path, *, skip_to_keyframes: bool = False) -> list[str]:
    """Return input arguments reading one of our own media playlists."""
    skip = ["-skip_frame:v", "nokey"] if skip_to_keyframes else []
    return [*skip, "-protocol_whitelist", "file", "-f", "hls", "-i", str(playlist)]


def view_filter(plan: Plan, width: int, height: int) -> str:
    """Return the filter showing the picture flat at ``width``×``height``."""
    if not plan.projection.is_spherical:
        return f"scale={width}:{height}:flags=lanczos,setsar=1"
    projection = "c3x2" if plan.projection is Projection.CUBEMAP else "e"
    stereo = {StereoMode.TOP_BOTTOM: "tb", StereoMode.LEFT_RIGHT: "sbs"}.get(plan.stereo_mode, "2d")
    h_fov = plan.view_h_fov
    v_fov = 2 * math.degrees(math.atan(math.tan(math.radians(h_fov / 2)) * height / width))
    return (
        f"v360=input={projection}:output=flat:in_stereo={stereo}:out_stereo=2d"
        f":h_fov={h_fov:g}:v_fov={v_fov:.2f}:w={width}:h={height},setsar=1"
    )


def _jpeg_output(path: Path, *, quality: int) -> list[str]:
    return ["-an", "-sn", "-dn", "-c:v", "mjpeg", "-q:v", str(quality), "-f", "image2",
            "-update", "1", str(path)]  # fmt: skip
