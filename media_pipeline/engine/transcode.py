"""Turn an upload into a complete HLS package: probe → plan → transcode → package.

The package is built in a staging directory beside ``output_dir`` and renamed into place
once ``manifest.json`` is written, so ``output_dir`` holds a whole package or nothing.
"""

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import m3u8

from . import commands, files, runner
from .errors import DiskFullError, InvalidMediaError, RejectReason
from .package import package
from .plan import DEFAULT_TABLE, LadderTable, Overrides, Plan, make_plan
from .probe import probe
from .types import AudioLayout, MediaDescription, ProbeLimits, Projection, StereoMode

TRANSCODE_PROGRESS_SHARE = 0.9


@dataclass(frozen=True)
class TranscodeOptions:
    """The uploader's description of the source and the operator's settings.

    Projection, stereo mode and audio layout accept their enums or their string values;
    None keeps what the probe found.
    """

    projection: Projection | None = None
    stereo_mode: StereoMode | None = None
    audio_layout: AudioLayout | None = None
    flat_only: bool = False
    preset: str = "veryfast"
    limits: ProbeLimits = field(default_factory=ProbeLimits)
    table: LadderTable = DEFAULT_TABLE
    time_limit: float | None = None
    ffmpeg: str = "ffmpeg"
    ffprobe: str = "ffprobe"
    hrtf: Path = commands.DEFAULT_HRTF

    def __post_init__(self) -> None:
        for name, kind in (
            ("projection", Projection),
            ("stereo_mode", StereoMode),
            ("audio_layout", AudioLayout),
        ):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, kind(value))

    def overrides(self) -> Overrides:
        return Overrides(self.projection, self.stereo_mode, self.audio_layout, self.flat_only)

    def time_limit_for(self, duration: float) -> float:
        """Return the transcode's time limit: given, or generous for the recording's length."""
        return self.time_limit or 120.0 + 15.0 * duration


@dataclass(frozen=True)
class TranscodeResult:
    directory: Path
    master_playlist: Path
    manifest_path: Path
    manifest: dict
    description: MediaDescription
    plan: Plan


def transcode(
    source: Path,
    output_dir: Path,
    *,
    options: TranscodeOptions | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: runner.CancelCheck | None = None,
) -> TranscodeResult:
    """Write the HLS package of ``source`` into ``output_dir`` (absent or empty) and return it.

    ``progress`` receives the fraction done, 0..1; ``cancelled`` is polled while ffmpeg runs.
    Raise InvalidMediaError for input the uploader must fix, MediaTimeoutError,
    MediaCancelledError, or FFmpegError for an internal failure; nothing is left in
    ``output_dir`` when anything is raised.
    """
    options = options or TranscodeOptions()
    report = progress or (lambda fraction: None)
    description = probe(Path(source), limits=options.limits, ffprobe=options.ffprobe)
    plan = make_plan(description, options.overrides(), options.table)
    output_dir = Path(output_dir).resolve()
    with staging_directory(output_dir) as staging:
        job = commands.TranscodeJob(
            source=Path(source),
            input_format=description.input_format,
            output_dir=staging,
            plan=plan,
            preset=options.preset,
            ffmpeg=options.ffmpeg,
            hrtf=options.hrtf,
        )
        runner.run(
            commands.transcode_command(job),
            time_limit=options.time_limit_for(plan.duration),
            cancelled=cancelled,
            on_progress=lambda fraction: report(TRANSCODE_PROGRESS_SHARE * fraction),
            duration=plan.duration,
        )
        _check_complete_or_disk_full(job)
        manifest = package(
            job,
            cancelled=cancelled,
            ffprobe=options.ffprobe,
            step=lambda fraction: report(
                TRANSCODE_PROGRESS_SHARE + (1 - TRANSCODE_PROGRESS_SHARE) * fraction
            ),
        )
    return TranscodeResult(
        directory=output_dir,
        master_playlist=output_dir / commands.MASTER_PLAYLIST,
        manifest_path=output_dir / commands.MANIFEST,
        manifest=manifest,
        description=description,
        plan=plan,
    )


@contextlib.contextmanager
def staging_directory(output_dir: Path) -> Iterator[Path]:
    """Yield a fresh directory beside ``output_dir``, renamed to it if the block succeeds.

    Remove it, and everything in it, if the block raises. Raise ValueError if
    ``output_dir`` already holds files.
    """
    if output_dir.exists() and any(output_dir.iterdir()):
        raise ValueError(f"{output_dir} is not empty")
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".transcode-", dir=output_dir.parent))
    finished = False
    try:
        yield staging
        staging.chmod(0o755)
        # rename(2) replaces an empty directory, so a caller may create output_dir first.
        staging.rename(output_dir)
        finished = True
    finally:
        if not finished:
            shutil.rmtree(staging, ignore_errors=True)


def _check_complete_or_disk_full(job: commands.TranscodeJob) -> None:
    try:
        check_complete(job)
    except InvalidMediaError as error:
        # ffmpeg 5.1's HLS muxer drops a segment it cannot write and still exits with
        # status 0: short output on a full disk is our problem, not a damaged file.
        if files.disk_is_full(job.output_dir):
            raise DiskFullError("the output folder's disk is full") from error
        raise


def check_complete(job: commands.TranscodeJob) -> None:
    """Raise InvalidMediaError if ffmpeg stopped well before the probed end of the source.

    A file whose index is intact but whose data is cut short probes fine, then decodes
    only up to the cut: only the output's length shows it.
    """
    plan = job.plan
    names = [r.name for r in plan.video] + [t.name for t in plan.audio]
    written = max(_playlist_duration(job.playlist(name)) for name in names)
    if written < plan.duration - max(1.0, 0.05 * plan.duration):
        raise InvalidMediaError(
            "The recording stops before its announced end; the file is damaged or incomplete.",
            reason=RejectReason.TRUNCATED,
            duration=plan.duration,
            written=written,
        )


def _playlist_duration(path: Path) -> float:
    try:
        playlist = m3u8.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return 0.0
    return sum(segment.duration for segment in playlist.segments)
