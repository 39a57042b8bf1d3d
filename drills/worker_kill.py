"""Fault drill: the media worker is killed with SIGKILL at random moments.

What must hold: through random SIGKILLs of the media worker during 50 small transcodes,
every asset ends ``ready`` with exactly one published version, and no temporary file is
left behind.

The drill creates a PostgreSQL database of its own on 127.0.0.1:5432, user postgres
(``DRILL_WORKER_KILL_DATABASE_NAME``, default ``drill_worker_kill``, dropped at the end) and
starts a redis-server of its own on a free loopback port (or uses databases 0–2 of
``DRILL_REDIS_URL``, emptied at the start: never give one that holds data). Media and
workspaces live under ``var/drills/worker_kill/``, emptied at the start.

It generates tiny clips (1 s: 360° equirectangular with AmbiX sound, flat with stereo
sound, the same 360° clip under the flat profile, and AmbiX sound alone), creates one asset
per clip through ``media_pipeline.services.asset_create``, and runs them on a real Celery
worker (prefork, concurrency 2, ``media`` and ``default`` queues) with a real ``celery
beat`` sending ``media_pipeline.tasks.sweep_stalled_assets`` every few seconds. Leases and
the sweep are shortened through the settings' environment variables (``ENV`` below).

Every few seconds (random intervals from the seed) it SIGKILLs either one pool process (the
worker's main process starts another and requeues the job, ``reject_on_worker_lost``) or
the worker's whole process group (ffmpeg included), then starts a new worker. It stops
killing once every asset has ended (ready, failed, cancelled) or at the timeout, lets the
sweeper run a few more times, then checks:

- every asset is ``ready`` (its state, error and attempts are printed otherwise);
- each asset has published version 1 and exactly one version folder in storage, the
  published one, holding its manifest; no folder belongs to no asset;
- ``MEDIA_PIPELINE_TMP_DIR`` is empty and no ffmpeg/ffprobe is left running on it;

and prints the kills (pool / whole), the jobs they interrupted, the retries and take-overs
in the workers' logs, the assets the sweeper requeued, the attempts, and the times.
Exits 1 if any expectation fails.

Usage: python drills/worker_kill.py [--seed N] [--assets 50] [--timeout 480]
       [--mean-interval 4] [--whole-share 0.3] [--keep-db]
"""

import argparse
import collections
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, drills/ comes first on the path: look up modules from the project's root
# instead, so that no drill's name can hide an installed package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "drills"]
DB_NAME = os.environ.get("DRILL_WORKER_KILL_DATABASE_NAME", "drill_worker_kill")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
VAR = ROOT / "var" / "drills" / "worker_kill"
LEASE_SECONDS = 6
SWEEP_SECONDS = 4
ATTEMPTS_CAP = 20
PRODUCTION_ATTEMPTS_CAP = 3
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.test",
    "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
    "VAR_DIR": str(VAR / "var"),
    "MEDIA_ROOT": str(VAR / "media"),
    "MEDIA_PIPELINE_TMP_DIR": str(VAR / "work"),
    "MEDIA_PIPELINE_X264_PRESET": "ultrafast",
    # A job renews its lease every LEASE/3 s; a dead job's lease lapses within LEASE s.
    "MEDIA_PIPELINE_LEASE_SECONDS": str(LEASE_SECONDS),
    # Jobs lost with a whole worker (reserved, or waiting for a retry) are queued again
    # after this long; 600 s in production.
    "MEDIA_PIPELINE_REQUEUE_AFTER": "30",
    "MEDIA_PIPELINE_SWEEP_INTERVAL": str(SWEEP_SECONDS),
    # The drill kills far more often than any real fault, whatever the file: the production
    # cap (3), which stops a file that kills every worker it meets, would fail assets here.
    # The figures say how many the cap would have failed.
    "MEDIA_PIPELINE_MAX_ATTEMPTS": str(ATTEMPTS_CAP),
    "PYTHONUNBUFFERED": "1",
}
KINDS = ("360-ambix", "flat-stereo", "360-flat-profile", "ambix-sound")
FINAL = ("ready", "failed", "cancelled")


# --- Services: database, Redis, Django ------------------------------------------------------


def _admin_sql(statement):
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
        connection.execute(statement)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis():
    """Return (process or None, base URL): our own redis-server unless DRILL_REDIS_URL says."""
    given = os.environ.get("DRILL_REDIS_URL", "").rstrip("/")
    if given:
        return None, given
    port = _free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}"
    import redis

    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)


def setup_django(redis_url):
    import redis

    for number in (0, 1, 2):
        redis.Redis.from_url(f"{redis_url}/{number}").flushdb()
    ENV.update(
        CELERY_BROKER_URL=f"{redis_url}/0",
        CELERY_RESULT_BACKEND=f"{redis_url}/1",
        CACHE_URL=f"{redis_url}/2",
    )
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- Clips and assets ----------------------------------------------------------------------


def _ffmpeg(*args):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True, timeout=60)


def _ambix(azimuth):
    """Return a ``pan`` filter making first-order AmbiX (W Y Z X, SN3D) of a mono tone."""
    import math

    y, x = math.sin(math.radians(azimuth)), math.cos(math.radians(azimuth))
    return f"pan=4.0|c0=0.5*c0|c1={0.5 * y:.4f}*c0|c2=0*c0|c3={0.5 * x:.4f}*c0"


def make_clip(directory, index, kind):
    """Write clip number `index` of `kind` (1 s, distinct tone per clip); return its path."""
    from media_pipeline.engine.mp4boxes import inject_spherical_metadata

    tone = ["-f", "lavfi", "-i", f"sine=f={300 + 7 * index}:r=48000:d=1"]
    x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if kind == "ambix-sound":
        path = directory / f"clip{index:02d}.wav"
        _ffmpeg(*tone, "-af", _ambix(index * 7), "-c:a", "pcm_s16le", str(path))
        return path
    path = directory / f"clip{index:02d}.mp4"
    if kind == "flat-stereo":
        video = ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=1"]
        _ffmpeg(*video, *tone, "-af", "pan=stereo|c0=c0|c1=0.5*c0", *x264, "-c:a", "aac",
                "-shortest", str(path))  # fmt: skip
        return path
    video = ["-f", "lavfi", "-i", "testsrc2=s=320x160:r=25:d=1"]
    _ffmpeg(*video, *tone, "-filter_complex", f"[1:a]{_ambix(index * 7)}[a]", "-map", "0:v",
            "-map", "[a]", *x264, "-c:a", "aac", "-b:a", "256k",
            "-metadata:s:a:0", "handler_name=AmbiX", str(path))  # fmt: skip
    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")
    return path


def create_assets(count):
    """Generate `count` clips and create a confirmed asset for each; return {pk: kind}."""
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from media_pipeline import services
    from media_pipeline.models import AssetProfile

    owner = get_user_model().objects.create_user(
        email="enseignant@drill.example.org", password=None
    )
    directory = VAR / "clips"
    directory.mkdir(parents=True)
    kinds = {}
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        path = make_clip(directory, index, kind)
        profile = AssetProfile.FLAT if kind == "360-flat-profile" else AssetProfile.IMMERSIVE
        with path.open("rb") as handle:
            asset = services.asset_create(
                owner=owner, file=File(handle, name=path.name), profile=profile, confirmed=True
            )
        kinds[asset.pk] = kind
    return kinds


# --- Worker and beat processes -----------------------------------------------------------------


def _celery(*args, log_path):
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "-A", "config", *args],
            cwd=ROOT, env={**os.environ, **ENV}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def start_worker(number):
    return _celery(
        "worker", "-Q", "media,default", "--concurrency", "2", "--without-gossip",
        "--without-mingle", "--loglevel", "INFO", "-n", f"drill{number}@%h",
        log_path=VAR / "logs" / f"worker{number}.log",
    )  # fmt: skip


def start_beat():
    return _celery(
        "beat", "--schedule", str(VAR / "beat-schedule"), "--pidfile", str(VAR / "beat.pid"),
        "--loglevel", "INFO", log_path=VAR / "logs" / "beat.log",
    )  # fmt: skip


def children(pid):
    """Return the live (not zombie) children of process `pid`."""
    try:
        pids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [int(child) for child in pids if _state(child) not in ("Z", None)]


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return None


def stop(process):
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- The drill ---------------------------------------------------------------------------------


def states():
    from media_pipeline.models import MediaAsset

    return collections.Counter(MediaAsset.objects.values_list("state", flat=True))


def run(args, rng, count):
    """Kill workers until every asset has ended or the time is up; return the figures."""
    figures = collections.Counter()
    workers = 1
    worker = start_worker(workers)
    started = CLOCK["start"] = time.monotonic()
    next_kill = started + rng.uniform(0.5, 2 * args.mean_interval)
    while time.monotonic() - started < args.timeout:
        seen = states()
        if sum(seen[s] for s in FINAL) == count:
            break
        if worker.poll() is not None:
            # A pool process killed while the worker starts makes it exit ("Could not start
            # worker processes"): restart it, as the deployment's restart policy does.
            figures["worker exits restarted (as restart: unless-stopped)"] += 1
            print(f"  {elapsed()} worker {worker.pid} exited ({worker.returncode}): restarted")
            workers += 1
            worker = start_worker(workers)
        now = time.monotonic()
        # A worker still starting has no pool yet: its kill waits until it has one.
        if now >= next_kill and args.mean_interval > 0 and children(worker.pid):
            worker, workers = kill(worker, workers, rng, args, figures)
            next_kill = now + rng.uniform(0.5, 2 * args.mean_interval)
        time.sleep(0.2)
    figures["seconds to end"] = round(time.monotonic() - started)
    figures["workers started"] = workers
    return worker, figures


def kill(worker, workers, rng, args, figures):
    """SIGKILL one pool process or the whole worker (then start another); return the worker."""
    pool = children(worker.pid)
    if rng.random() < args.whole_share:
        media = sum(len(children(pid)) for pid in pool)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        figures["whole-worker kills"] += 1
        figures["ffmpeg/ffprobe killed with a whole worker"] += media
        print(f"  {elapsed()} SIGKILL worker group {worker.pid} ({media} ffmpeg/ffprobe)")
        workers += 1
        return start_worker(workers), workers
    pid = rng.choice(sorted(pool))
    media = len(children(pid))
    os.kill(pid, signal.SIGKILL)
    figures["pool-process kills"] += 1
    figures["ffmpeg/ffprobe killed with a pool process"] += media
    print(f"  {elapsed()} SIGKILL pool process {pid} ({media} ffmpeg/ffprobe)")
    return worker, workers


CLOCK = {"start": time.monotonic()}


def elapsed():
    return f"{time.monotonic() - CLOCK['start']:6.1f} s"


def settle(seconds):
    """Let beat sweep a few more times, until the work folder is empty or `seconds` pass."""
    work = Path(ENV["MEDIA_PIPELINE_TMP_DIR"])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not work.exists() or not any(work.iterdir()):
            return
        time.sleep(0.5)


# --- Checks ------------------------------------------------------------------------------------


def check_assets(kinds):
    """Return the failures of the expectations on states and published versions."""
    from django.core.files.storage import default_storage

    from media_pipeline.models import MediaAsset
    from media_pipeline.storage import list_versions

    failures = []
    for asset in MediaAsset.objects.order_by("pk"):
        name = f"asset {asset.pk} ({kinds[asset.pk]})"
        if asset.state != "ready":
            failures.append(
                f"{name} is {asset.state} after {asset.attempts} attempts: "
                f"{asset.error_detail[-300:] or asset.error_message}"
            )
            continue
        folders = list_versions(default_storage, asset.storage_prefix)
        published = asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
        if asset.version != 1:
            failures.append(f"{name} was published {asset.version} times")
        if folders != [published]:
            failures.append(f"{name}: version folders {folders}, published {published}")
        if not default_storage.exists(f"{asset.published_prefix}manifest.json"):
            failures.append(f"{name}: no manifest.json under {asset.published_prefix}")
    assets_root = Path(ENV["MEDIA_ROOT"]) / "media" / "assets"
    known = {str(u) for u in MediaAsset.objects.values_list("uuid", flat=True)}
    for folder in sorted(assets_root.iterdir()) if assets_root.exists() else []:
        if folder.name not in known:
            failures.append(f"storage folder {folder.name} belongs to no asset")
    return failures


def check_leftovers():
    """Return the failures of the expectations on temporary files and processes."""
    work = Path(ENV["MEDIA_PIPELINE_TMP_DIR"])
    failures = [
        f"left in {work}: {path.name} ({sum(1 for _ in path.rglob('*'))} entries)"
        for path in (sorted(work.iterdir()) if work.exists() else [])
    ]
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(work) in command and command.split()[0].endswith(("ffmpeg", "ffprobe")):
            failures.append(f"process {proc.name} still running: {command[:200]}")
    return failures


def log_figures():
    """Count in the workers' logs: lost pool processes, retries, take-overs, sweeps."""
    text = "".join(p.read_text(errors="replace") for p in (VAR / "logs").glob("worker*.log"))
    sweeps = re.findall(r"sweep_stalled_assets\[[^\]]+\] succeeded in [\d.]+s: \[(.*?)\]", text)
    requeued = [ids for ids in sweeps if ids.strip()]
    return {
        "jobs lost with a pool process (WorkerLostError)": text.count(
            "raised error: WorkerLostError"
        ),
        "task retries (lease still held, or storage)": text.count(" retry: Retry in "),
        "take-overs of a lapsed lease": text.count("took over a job whose worker stopped"),
        "sweeps run": len(sweeps),
        "sweeps that requeued assets": len(requeued),
        "assets requeued by the sweeper": sum(len(ids.split(",")) for ids in requeued),
    }


def attempt_figures():
    from media_pipeline.models import MediaAsset

    attempts = list(MediaAsset.objects.values_list("attempts", flat=True))
    return {
        "transcode attempts (claims)": sum(attempts),
        "assets transcoded more than once": sum(1 for a in attempts if a > 1),
        "most attempts on one asset": max(attempts, default=0),
        f"assets the production cap ({PRODUCTION_ATTEMPTS_CAP}) would have failed": sum(
            1 for a in attempts if a > PRODUCTION_ATTEMPTS_CAP
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--assets", type=int, default=50)
    parser.add_argument("--timeout", type=int, default=480, help="seconds of killing at most")
    parser.add_argument("--mean-interval", type=float, default=4.0,
                        help="mean seconds between kills (0: no kill)")  # fmt: skip
    parser.add_argument("--whole-share", type=float, default=0.3,
                        help="share of kills that take the whole worker")  # fmt: skip
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    rng = random.Random(seed)  # noqa: S311 - a kill schedule, no secret
    print(f"Seed {seed} (repeat with --seed {seed}); {os.cpu_count()} CPUs")

    shutil.rmtree(VAR, ignore_errors=True)
    (VAR / "logs").mkdir(parents=True)
    _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DB_NAME}"')
    redis_server, worker, beat = None, None, None
    try:
        redis_server, redis_url = start_redis()
        setup_django(redis_url)
        began = time.monotonic()
        kinds = create_assets(args.assets)
        print(
            f"Created {len(kinds)} assets ({', '.join(KINDS)}) in {time.monotonic() - began:.0f} s"
        )
        beat = start_beat()
        worker, figures = run(args, rng, len(kinds))
        settle(3 * SWEEP_SECONDS + 2)
        stop(worker)
        stop(beat)
        worker = beat = None
        failures = check_assets(kinds) + check_leftovers()
        report(figures, failures, states(), time.monotonic() - began)
        return 1 if failures else 0
    finally:
        stop(worker)
        stop(beat)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if redis_server is not None:
            redis_server.terminate()
            redis_server.wait(timeout=10)


def report(figures, failures, final_states, total):
    print("\nStates:", ", ".join(f"{state} {n}" for state, n in sorted(final_states.items())))
    for name, value in [*figures.items(), *attempt_figures().items(), *log_figures().items()]:
        print(f"  {name}: {value}")
    print(f"  total time (clips, assets, run, checks): {total:.0f} s")
    for failure in failures:
        print("FAILED:", failure)
    print("Expectations (all ready, one version each, nothing left):",
          "met" if not failures else f"NOT met ({len(failures)} failures)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
