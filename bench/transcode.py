"""Benchmark: the whole ``python -m media_pipeline transcode`` against the bare ffmpeg ladder.

Makes (once, cached in var/bench/) an equirectangular clip with 4-channel AmbiX sound, then
alternates two runs per round, each into a fresh directory:

- ours: ``python -m media_pipeline transcode CLIP OUT --projection equirectangular
  --audio-layout ambix --preset P`` — probe, the one-process ladder, packaging (codec strings,
  bandwidths, spherical boxes, master playlist), poster, sprite, loudness, manifest;
- raw: the single ffmpeg command that writes the same ladder, built by the engine's own
  builders (``commands.transcode_command``) from the same probe and plan, run at the
  niceness the engine's runner gives it (``nice -n 10``).

The ratio of the medians (ours / raw) is our overhead over the bare ladder; the goal is at
most 1.10. Each run is timed with ``time.perf_counter``; its CPU time comes from
``getrusage(RUSAGE_CHILDREN)`` differences, the peak RSS of its largest process from
``/usr/bin/time -v`` (Debian package ``time``), and a sampler adds up the RSS of the whole
process tree every 0.1 s. /proc/stat tells how busy the rest of the machine was meanwhile
("others"): on a shared machine, only undisturbed runs say anything about wall time. A last,
instrumented run in this process (``--no-breakdown`` skips it) times every step of the
package, then each packaging command again, ``--repeats`` times.

Usage: python bench/transcode.py [--rounds N] [--duration S] [--size WxH] [--keep]
       [--wait-calm S] [--repeats N] [--no-breakdown]
"""

import argparse
import contextlib
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from media_pipeline.engine import commands, package, runner  # noqa: E402
from media_pipeline.engine import transcode as transcode_module  # noqa: E402
from media_pipeline.engine.mp4boxes import inject_spherical_metadata  # noqa: E402
from media_pipeline.engine.plan import make_plan  # noqa: E402
from media_pipeline.engine.probe import probe, probe_command  # noqa: E402
from media_pipeline.engine.transcode import TranscodeOptions  # noqa: E402

CACHE = ROOT / "var" / "bench"
GNU_TIME = Path("/usr/bin/time")
GOAL = 1.10
SAMPLE_INTERVAL = 0.1
NOISY = 0.2  # CPUs used by other processes above which a run is called disturbed
CALM_WINDOW = 3.0
FRAME_RATE = 30


# Source clip ------------------------------------------------------------------------------


def make_clip(width: int, height: int, duration: float) -> Path:
    """Return the cached test clip, making it first if needed.

    testsrc2 picture in H.264 (high quality, 1 s GOP like 360° cameras), and four channels
    of AmbiX (W Y Z X): a 440 Hz tone from the left plus a little pink noise, in 4-channel
    AAC tagged "AmbiX"; sv3d/st3d are written by our own mp4boxes into the plain MP4.
    """
    path = CACHE / f"equirect_{width}x{height}_{duration:g}s.mp4"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial.mp4")
    # First-order AmbiX of a plane wave from azimuth 90° (c0: tone, c1: noise).
    ambix = "pan=4.0|c0=0.5*c0+0.05*c1|c1=0.5*c0+0.02*c1|c2=0.02*c1|c3=0.02*c1"
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc2=s={width}x{height}:r={FRAME_RATE}:d={duration:g}",
        "-f", "lavfi", "-i", f"sine=f=440:r=48000:d={duration:g}",
        "-f", "lavfi", "-i", f"anoisesrc=c=pink:r=48000:a=0.5:d={duration:g}",
        "-filter_complex", f"[1:a][2:a]amerge=inputs=2,{ambix}[a]",
        "-map", "0:v", "-map", "[a]",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-g", str(FRAME_RATE),
        "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "256k", "-metadata:s:a:0", "handler_name=AmbiX",
        "-f", "mp4", str(partial),
    ]  # fmt: skip
    print(f"Making the test clip (once): {path.relative_to(ROOT)}", flush=True)
    print(f"  {shlex.join(command)}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True)
    inject_spherical_metadata(partial, projection="equirectangular", stereo_mode="mono")
    partial.rename(path)
    print(f"  made in {time.perf_counter() - started:.1f} s", flush=True)
    return path


# Commands ---------------------------------------------------------------------------------


def options_for(args: argparse.Namespace) -> TranscodeOptions:
    return TranscodeOptions(projection="equirectangular", audio_layout="ambix", preset=args.preset)


def ours_command(clip: Path, out: Path, args: argparse.Namespace) -> list[str]:
    return [
        args.python, "-m", "media_pipeline", "transcode", str(clip), str(out),
        "--projection", "equirectangular", "--audio-layout", "ambix", "--preset", args.preset,
    ]  # fmt: skip


def raw_command(clip: Path, out: Path, args: argparse.Namespace) -> list[str]:
    """Return the engine's own ladder command for ``clip``, writing into ``out``, niced as the
    runner nices it."""
    options = options_for(args)
    description = probe(clip, limits=options.limits)
    plan = make_plan(description, options.overrides(), options.table)
    job = commands.TranscodeJob(
        source=clip,
        input_format=description.input_format,
        output_dir=out.resolve(),
        plan=plan,
        preset=options.preset,
        ffmpeg=options.ffmpeg,
        hrtf=options.hrtf,
    )
    return ["nice", "-n", str(runner.NICENESS), *commands.transcode_command(job)]


# Measurement ------------------------------------------------------------------------------


@dataclass
class Measure:
    kind: str
    wall: float
    cpu: float  # user + system of the whole tree, from getrusage(RUSAGE_CHILDREN)
    max_rss_mb: float | None  # largest single process, from /usr/bin/time
    tree_rss_mb: float  # sampled sum over the process tree
    output_mb: float
    renditions: list[str]
    others: float  # CPUs kept busy by other processes during the run, on average


class TreeSampler:
    """Sample the summed RSS of a process and all its descendants every 0.1 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop.wait(SAMPLE_INTERVAL)


def tree_rss_kb(root: int) -> int:
    """Return the summed RSS of ``root`` and its descendants, found through
    /proc/PID/task/TID/children (cheap enough to read ten times a second)."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
    return total


def busy_cpu_seconds() -> float:
    """Return the CPU time the whole machine has spent busy since boot (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_until_calm(limit: float) -> float:
    """Wait (at most ``limit`` s) until other processes use under NOISY CPU for 3 s in a row;
    return how long it waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        busy = busy_cpu_seconds()
        time.sleep(CALM_WINDOW)
        if (busy_cpu_seconds() - busy) / CALM_WINDOW < NOISY / 2:
            break
    return time.perf_counter() - started


def measure(kind: str, command: list[str], out: Path) -> Measure:
    """Run ``command`` (under /usr/bin/time -v when present) and return what it cost."""
    report = out.with_name(out.name + ".time")
    prefix = [str(GNU_TIME), "-v", "-o", str(report)] if GNU_TIME.exists() else []
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*prefix, *command], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    with TreeSampler(process.pid) as sampler:
        _, stderr = process.communicate()
    wall = time.perf_counter() - started
    busy = busy_cpu_seconds() - busy
    if process.returncode != 0:
        sys.exit(f"{kind} run failed ({process.returncode}):\n{stderr.decode(errors='replace')}")
    # CPU time of the reaped tree: cumulative over runs, so a difference is this run's.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    max_rss = None
    if prefix:
        max_rss = parse_gnu_time(report.read_text())["Maximum resident set size (kbytes)"] / 1024
        report.unlink()
    others = max(0.0, busy - cpu) / wall
    return Measure(
        kind,
        wall,
        cpu,
        max_rss,
        sampler.peak_kb / 1024,
        tree_size(out) / 1e6,
        renditions(out),
        others,
    )


def parse_gnu_time(text: str) -> dict[str, float]:
    fields = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        with contextlib.suppress(ValueError):
            fields[key] = float(value)
    return fields


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def fresh_directory(args: argparse.Namespace, label: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{label}-", dir=args.runs))


def renditions(directory: Path) -> list[str]:
    return sorted(p.parent.name for p in directory.glob(f"*/{commands.MEDIA_PLAYLIST}"))


# Breakdown --------------------------------------------------------------------------------


class StepClock:
    """Time the engine's steps by wrapping its module-level functions for one run."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    def timed(self, label: Callable[..., str] | str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            name = label(*args, **kwargs) if callable(label) else label
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.steps.append((name, time.perf_counter() - started))

        return wrapper

    @contextlib.contextmanager
    def patched(self, targets: list[tuple[object, str, Callable[..., str] | str]]) -> Iterator:
        saved = [(module, name, getattr(module, name)) for module, name, _ in targets]
        try:
            for module, name, label in targets:
                setattr(module, name, self.timed(label, getattr(module, name)))
            yield
        finally:
            for module, name, original in saved:
                setattr(module, name, original)

    def totals(self) -> list[tuple[str, float, int]]:
        order: dict[str, list[float]] = {}
        for name, seconds in self.steps:
            order.setdefault(name, []).append(seconds)
        return [(name, sum(times), len(times)) for name, times in order.items()]


def command_label(command, **_) -> str:
    """Name a command the engine runs after what it does."""
    text = " ".join(command)
    if "-show_format" in text:
        return "ffprobe: probe the source"
    if "-show_data" in text:
        return "ffprobe: codec string of a video init segment"
    if "-filter_complex" in text:
        return "ffmpeg: the ladder (transcode)"
    if commands.POSTER in text:
        return "ffmpeg: poster (seek + v360 view)"
    if commands.SPRITE in text:
        return "ffmpeg: thumbnail sprite (keyframes, v360, tile)"
    if "ebur128" in text:
        return "ffmpeg: loudness (ebur128 of the binaural track)"
    return f"other command: {command[0]}"


def breakdown(clip: Path, args: argparse.Namespace) -> "Breakdown":
    """Run the engine's transcode() in this process with every step timed, then time each
    packaging command again on its output, ``args.repeats`` times."""
    clock = StepClock()
    out = fresh_directory(args, "breakdown") / "package"
    targets = [
        (runner, "run", command_label),
        (transcode_module, "check_complete", "Python: check the renditions are complete"),
        (package, "describe_rendition", "Python: read playlists + measure bandwidths"),
        (package, "add_spherical_metadata", "Python: write sv3d/st3d into init segments"),
        (package, "write_master", "Python: write master.m3u8"),
        (package, "write_thumbnail_vtt", "Python: write thumbnails.vtt (fsync)"),
        (package, "write_manifest", "Python: write manifest.json"),
    ]
    with clock.patched(targets):
        busy = busy_cpu_seconds()
        cpu = sum(os.times()[:4])
        started = time.perf_counter()
        result = transcode_module.transcode(clip, out, options=options_for(args))
        total = time.perf_counter() - started
        others = (busy_cpu_seconds() - busy - (sum(os.times()[:4]) - cpu)) / total
    repeated = repeat_steps(clip, result, args)
    if not args.keep:
        shutil.rmtree(out.parent)
    return Breakdown(clock.totals(), total, max(0.0, others), repeated, startup_time(args))


@dataclass
class Breakdown:
    steps: list[tuple[str, float, int]]  # label, seconds, calls
    total: float
    others: float
    repeated: list[tuple[str, int, list[float]]]  # label, calls per package, seconds per call
    startup: float


def repeat_steps(
    clip: Path, result: transcode_module.TranscodeResult, args: argparse.Namespace
) -> list[tuple[str, int, list[float]]]:
    """Time each command of the package again on the finished package (no ladder running),
    and the bare start of ffmpeg and ffprobe through the runner, for comparison."""
    out = result.directory
    options = options_for(args)
    job = commands.TranscodeJob(
        source=clip,
        input_format=result.description.input_format,
        output_dir=out,
        plan=result.plan,
        preset=options.preset,
    )
    inits = [out / entry["init"] for entry in result.manifest["video"]]
    steps = [
        ("ffprobe: probe the source", 1, lambda: probe_command(clip), None),
        (
            "ffprobe: codec string of a video init segment",
            len(inits),
            lambda: commands.stream_probe_command(inits[0]),
            None,
        ),
        ("ffmpeg: poster", 1, lambda: commands.poster_command(job), out / commands.POSTER),
        (
            "ffmpeg: thumbnail sprite",
            1,
            lambda: commands.sprite_command(job),
            out / commands.SPRITE,
        ),
        ("ffmpeg: loudness", 1, lambda: commands.loudness_command(job), None),
        ("(bare start: ffprobe -version)", 0, lambda: ["ffprobe", "-version"], None),
        ("(bare start: ffmpeg -version)", 0, lambda: ["ffmpeg", "-version"], None),
    ]
    timings = []
    for label, calls, build, output in steps:
        seconds = []
        for _ in range(args.repeats):
            if output is not None:
                output.unlink(missing_ok=True)
            started = time.perf_counter()
            runner.run(build(), time_limit=120)
            seconds.append(time.perf_counter() - started)
        timings.append((label, calls, seconds))
    return timings


def startup_time(args: argparse.Namespace, repeats: int = 5) -> float:
    """Return the median time to start Python and import the CLI (and m3u8) in a new process."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([args.python, "-c", "import media_pipeline.__main__"], check=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# Report -----------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    version = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True, check=True)
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory:.0f} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}, {version.stdout.splitlines()[0]}"
    )


def fmt(value: float | None, pattern: str) -> str:
    return "n/a" if value is None else format(value, pattern)


def median_of(runs: list[Measure], field: str) -> float | None:
    values = [getattr(r, field) for r in runs if getattr(r, field) is not None]
    return statistics.median(values) if values else None


def print_results(runs: list[Measure], duration: float) -> None:
    print(
        "\nEvery run (wall and CPU = user + sys in s; RSS and outputs in MB; 'others': CPUs"
        "\nkept busy by other processes during the run, on average, out of "
        f"{os.cpu_count()}):"
    )
    print(
        f"  {'run':<8}{'wall':>8}{'CPU':>9}{'RSS max':>9}{'RSS tree':>10}{'output':>8}"
        f"{'others':>8}{'ours/raw':>10}"
    )
    for i, r in enumerate(runs):
        paired = f"{runs[i - 1].wall / r.wall:.3f}" if r.kind == "raw" else ""
        print(
            f"  {f'{r.kind} {i // 2 + 1}':<8}{r.wall:>8.2f}{fmt(r.cpu, '.2f'):>9}"
            f"{fmt(r.max_rss_mb, '.0f'):>9}{r.tree_rss_mb:>10.0f}{r.output_mb:>8.1f}"
            f"{fmt(r.others, '.2f'):>8}{paired:>10}"
        )
    ours = [r for r in runs if r.kind == "ours"]
    raw = [r for r in runs if r.kind == "raw"]
    ours_wall, raw_wall = median_of(ours, "wall"), median_of(raw, "wall")
    ours_cpu, raw_cpu = median_of(ours, "cpu"), median_of(raw, "cpu")
    ratio = ours_wall / raw_wall
    paired = statistics.median(o.wall / r.wall for o, r in zip(ours, raw, strict=True))
    print(f"\nMedians over {len(ours)} rounds ({duration:g} s clip):")
    print(
        f"  {'':<6}{'wall s':>9}{'realtime':>10}{'CPU s':>9}{'RSS max MB':>12}{'RSS tree MB':>13}"
    )
    for kind, group in (("ours", ours), ("raw", raw)):
        wall, cpu = median_of(group, "wall"), median_of(group, "cpu")
        print(
            f"  {kind:<6}{wall:>9.2f}{min(r.wall for r in group):>9.2f}"
            f"{duration / wall:>9.2f}x{fmt(cpu, '.2f'):>9}"
            f"{fmt(median_of(group, 'max_rss_mb'), '.0f'):>12}"
            f"{max(r.tree_rss_mb for r in group):>13.0f}"
        )
    fastest = min(r.wall for r in ours) / min(r.wall for r in raw)
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"\n  ratio ours/raw, wall (medians): {ratio:.3f}  ({verdict} the goal of <= {GOAL:.2f})")
    print(f"  ratio ours/raw, wall (median of the rounds' ratios): {paired:.3f}")
    print(f"  ratio ours/raw, wall (fastest runs): {fastest:.3f}")
    if ours_cpu is not None and raw_cpu is not None:
        print(f"  ratio ours/raw, CPU time (medians): {ours_cpu / raw_cpu:.3f}")
    print(f"  overhead, wall: {ours_wall - raw_wall:+.2f} s per {duration:g} s clip")
    busy = [r.others for r in runs if r.others is not None and r.others > NOISY]
    if busy:
        print(
            f"  warning: other processes kept more than {NOISY} CPU busy during {len(busy)} of "
            f"{len(runs)} runs; wall times are disturbed, CPU times much less."
        )
        calm_ours = [r for r in ours if r.others is not None and r.others <= NOISY]
        calm_raw = [r for r in raw if r.others is not None and r.others <= NOISY]
        if calm_ours and calm_raw:
            o, w = median_of(calm_ours, "wall"), median_of(calm_raw, "wall")
            print(
                f"  undisturbed runs only (others <= {NOISY}): ours {o:.2f} s ({len(calm_ours)} "
                f"runs), raw {w:.2f} s ({len(calm_raw)} runs), ratio {o / w:.3f}"
            )


def print_breakdown(b: Breakdown, raw_wall: float) -> None:
    print(
        "\nBreakdown of one instrumented in-process run (transcode(), same options; others "
        f"kept {b.others:.2f} CPU busy):"
    )
    print(f"  {'step':<52}{'calls':>6}{'s':>8}{'share':>8}")
    accounted = 0.0
    for name, seconds, calls in b.steps:
        accounted += seconds
        print(f"  {name:<52}{calls:>6}{seconds:>8.3f}{seconds / b.total:>8.1%}")
    rest = b.total - accounted
    label = "Python: the rest (plan, staging, glue)"
    print(f"  {label:<52}{'':>6}{rest:>8.3f}{rest / b.total:>8.1%}")
    print(f"  {'total of transcode()':<52}{'':>6}{b.total:>8.3f}")
    ladder = sum(s for name, s, _ in b.steps if name.startswith("ffmpeg: the ladder"))
    print(f"  {'overhead beyond the ladder':<52}{'':>6}{b.total - ladder:>8.3f}")
    print(f"  {'+ interpreter start and imports (CLI only)':<52}{'':>6}{b.startup:>8.3f}")
    estimate = (b.total + b.startup) / ladder
    print(f"  ratio estimated from this run: (total + start) / ladder = {estimate:.3f}")

    print(
        f"\nThe packaging commands again, {len(b.repeated[0][2])} times each, on the finished "
        "package (s per call):"
    )
    print(f"  {'command':<48}{'median':>8}{'min':>8}{'calls':>7}{'per package':>13}")
    overhead = b.startup
    for label, calls, seconds in b.repeated:
        median = statistics.median(seconds)
        overhead += calls * median
        per_package = f"{calls * median:.3f}" if calls else ""
        print(f"  {label:<48}{median:>8.3f}{min(seconds):>8.3f}{calls or '':>7}{per_package:>13}")
    python = sum(s for name, s, _ in b.steps if name.startswith("Python")) + rest
    overhead += python
    print(f"  {'Python steps of the package (instrumented run)':<48}{'':>28}{python:>13.3f}")
    print(f"  {'interpreter start and imports':<48}{'':>28}{b.startup:>13.3f}")
    print(f"  {'overhead per package, from these medians':<48}{'':>28}{overhead:>13.3f}")
    estimate = (raw_wall + overhead) / raw_wall
    print(
        f"  ratio estimated as (fastest raw run + overhead) / fastest raw run: "
        f"({raw_wall:.2f} + {overhead:.2f}) / {raw_wall:.2f} = {estimate:.3f}"
    )


# Main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="ours+raw pairs (3)")
    parser.add_argument("--duration", type=float, default=10.0, help="clip length in s (10)")
    parser.add_argument("--size", default="3840x1920", help="clip frame size (3840x1920)")
    parser.add_argument("--preset", default="veryfast", help="x264 preset (veryfast)")
    parser.add_argument("--keep", action="store_true", help="keep every output in var/bench/")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the step timing")
    parser.add_argument("--repeats", type=int, default=5, help="timings of each package step (5)")
    parser.add_argument("--python", default=sys.executable, help="interpreter running the CLI")
    parser.add_argument(
        "--wait-calm",
        type=float,
        default=0,
        metavar="S",
        help="before each run, wait up to S s for other processes to go quiet (shared machines)",
    )
    args = parser.parse_args(argv)
    match = re.fullmatch(r"(\d+)x(\d+)", args.size)
    if not match or args.rounds < 1 or args.repeats < 1 or args.duration <= 0:
        parser.error("--size is WxH, --rounds and --repeats at least 1, --duration positive")
    args.width, args.height = int(match.group(1)), int(match.group(2))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}")
    if not GNU_TIME.exists():
        print(
            "note: /usr/bin/time is missing (Debian package `time`): no per-process peak RSS; "
            "peak memory comes from sampling /proc only."
        )
    clip = make_clip(args.width, args.height, args.duration)
    CACHE.mkdir(parents=True, exist_ok=True)
    args.runs = Path(tempfile.mkdtemp(prefix="runs-", dir=CACHE))
    print(f"Clip: {clip.relative_to(ROOT)} ({clip.stat().st_size / 1e6:.1f} MB)")
    print(f"Load average before: {os.getloadavg()[0]:.2f}")
    prefix = f"{GNU_TIME} -v -o FILE " if GNU_TIME.exists() else ""
    runs: list[Measure] = []
    for round_number in range(1, args.rounds + 1):
        for kind in ("ours", "raw"):
            directory = fresh_directory(args, f"{kind}{round_number}")
            if kind == "ours":
                out = directory / "package"
                command = ours_command(clip, out, args)
            else:
                out = directory / "ladder"
                out.mkdir()
                command = raw_command(clip, out, args)
            if round_number == 1:
                print(f"\n{kind} command (cwd {ROOT}):\n  {prefix}{shlex.join(command)}")
            if args.wait_calm:
                waited = wait_until_calm(args.wait_calm)
                if waited > CALM_WINDOW + 1:
                    print(f"  (waited {waited:.0f} s for other processes to calm down)")
            result = measure(kind, command, out)
            runs.append(result)
            print(f"{kind} round {round_number}: {result.wall:.2f} s", flush=True)
            if kind == "raw":
                check_same_ladder(runs[-2], result)
            if not args.keep:
                shutil.rmtree(directory)
    print(f"\nSame renditions in every run: {', '.join(runs[0].renditions)}")
    print(f"Load average after: {os.getloadavg()[0]:.2f}")
    print_results(runs, args.duration)
    if not args.no_breakdown:
        print_breakdown(breakdown(clip, args), min(r.wall for r in runs if r.kind == "raw"))
    if args.keep:
        print(f"\nOutputs kept in {args.runs.relative_to(ROOT)}")
    else:
        shutil.rmtree(args.runs)
    return 0


def check_same_ladder(ours: Measure, raw: Measure) -> None:
    """Stop if the raw command wrote other renditions than the package holds."""
    if ours.renditions != raw.renditions or not raw.renditions:
        sys.exit(f"the runs wrote different renditions: {ours.renditions} / {raw.renditions}")


if __name__ == "__main__":
    sys.exit(main())
