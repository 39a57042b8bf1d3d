"""Fault drill: the object storage becomes unreachable while new versions are published.

What must hold: "Object storage unreachable during publishing: retried with backoff, the
previous version stays playable, the new one is published once storage returns. Nothing
lost, the user told what happened."

The drill creates a PostgreSQL database of its own on 127.0.0.1:5432, user postgres
(``DRILL_STORAGE_DATABASE_NAME``, default ``drill_storage``, dropped at the end), starts a
redis-server of its own and a moto S3 server on free loopback ports, and makes the bucket
the platform's default storage. Every platform process — this one, gunicorn and a real
Celery worker (``media`` and ``default`` queues, concurrency 2) — reaches the bucket through
a TCP proxy (``tests.s3.CuttableProxy``): moto keeps its buckets in memory, so stopping the
server would lose the published versions the drill must find intact. Cutting the proxy (its
listening socket and every connection open through it) makes the storage unreachable to
all of them while its data stays.

It publishes a few tiny flat clips (version 1, one public recording each), arms the proxy to
cut on the ``--cut-at``-th upload of a version-2 file, reprocesses every asset, keeps the
storage away for ``--outage`` seconds from the cut, then brings it back. During the outage
it samples every asset (state, published version, the teacher's notice) and what gunicorn
answers for the recording page and its master playlist; at the end of the outage it checks,
straight on moto, that version 1 is still whole. Afterwards it waits for every asset to be
``ready`` with version 2 and for the old folders to be removed.

Prints the retries (countdowns chosen by Celery's backoff, time between attempts), what the
previous version answered during the outage, the time from the storage's return to each
publication, the versions left per asset and any asset not ready. Exits 1 if any
expectation fails.

Usage: python drills/storage.py [--assets 3] [--outage 30] [--cut-at 4] [--timeout 240]
"""

import argparse
import collections
import itertools
import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drills.harness import Drill, http_status, setup_django, wait_until  # noqa: E402
from tests.s3 import ACCESS_KEY, REGION, SECRET_KEY, CuttableProxy, S3Server  # noqa: E402

DB_NAME = os.environ.get("DRILL_STORAGE_DATABASE_NAME", "drill_storage")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
BUCKET = "drill-storage"
# Celery's backoff for storage errors (media_pipeline.tasks.TRANSIENT_RETRY): the n-th retry
# waits a random time up to 10 s × 2^(n-1) ("full jitter"), at most 300 s.
BACKOFF, BACKOFF_MAX = 10, 300
RETRY_LINE = re.compile(
    r"^\[(?P<time>[\d-]+ [\d:,]+): [^\]]*\] "
    r"Task media_pipeline\.tasks\.(?P<task>\w+)\[(?P<id>[0-9a-f-]+)\] "
    r"retry: Retry in (?P<countdown>\d+)s",
    re.MULTILINE,
)


def _admin_sql(statement):
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
        connection.execute(statement)


def _clip(path):
    """Write a 2 s 160×90 clip with a stereo AAC tone (as the tests' `Clips.flat`)."""
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=2",
            "-f", "lavfi", "-i", "sine=f=440:r=48000:d=2", "-af", "pan=stereo|c0=c0|c1=0.5*c0",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(path),
        ],
        check=True, timeout=60,
    )  # fmt: skip
    return path


class Checks:
    def __init__(self):
        self.failed = []

    def expect(self, ok, what):
        print(f"  [{'ok' if ok else 'FAILED'}] {what}")
        if not ok:
            self.failed.append(what)


def _publish_first_versions(count, clips_dir, teacher, timeout):
    from django.core.files import File

    from media_pipeline import services
    from media_pipeline.models import AssetProfile, AssetState, MediaAsset
    from studio.models import Recording, Visibility

    assets = []
    for number in range(count):
        path = _clip(clips_dir / f"take-{number + 1}.mp4")
        with path.open("rb") as handle:
            assets.append(
                services.asset_create(
                    owner=teacher,
                    file=File(handle, name=path.name),
                    profile=AssetProfile.FLAT,
                    confirmed=True,
                )
            )
    ids = [a.pk for a in assets]
    wait_until(
        lambda: MediaAsset.objects.filter(pk__in=ids, state=AssetState.READY).count() == count,
        timeout=timeout,
        what="the first versions being published",
    )
    return [
        Recording.objects.create(
            owner=teacher, asset=asset, title=f"Prise {n + 1}", visibility=Visibility.PUBLIC
        )
        for n, asset in enumerate(MediaAsset.objects.filter(pk__in=ids).order_by("pk"))
    ]


def _answers(web, recording, latencies=None):
    """Return the HTTP statuses of the recording's page and of its master playlist."""
    from django.utils import translation

    with translation.override("fr"):
        page = recording.get_absolute_url()
    statuses = []
    for url in (web.url + page, f"{web.url}/media-hls/{recording.uuid}/master.m3u8"):
        asked = time.monotonic()
        statuses.append(http_status(url, timeout=30))
        if latencies is not None:
            latencies.append(time.monotonic() - asked)
    return tuple(statuses)


def _sample(recordings, web, samples, notices, latencies):
    from media_pipeline.models import MediaAsset

    for recording in recordings:
        asset = MediaAsset.objects.get(pk=recording.asset_id)
        answers = _answers(web, recording, latencies)
        samples[recording.pk].append((asset.state, asset.version, asset.published_prefix, answers))
        if asset.error_message:
            notices[recording.pk].add(asset.error_message)


def _retries(log):
    """Return {task id: [(log time, countdown s)]} for every retry the worker logged."""
    found = collections.defaultdict(list)
    for match in RETRY_LINE.finditer(log):
        when = datetime.strptime(match["time"], "%Y-%m-%d %H:%M:%S,%f")
        found[match["id"]].append((when, int(match["countdown"])))
    return found


def run(args):
    checks = Checks()
    started = time.monotonic()
    _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DB_NAME}"')
    try:
        with Drill("storage", keep=args.keep) as drill:
            s3 = drill.adopt(_Closing(S3Server().start()))
            s3.server.create_bucket(BUCKET)
            proxy = drill.adopt(_Closing(CuttableProxy(s3.server.port).up(), close="cut"))
            env = drill.platform_env(
                f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
                drill.redis(),
                AWS_STORAGE_BUCKET_NAME=BUCKET,
                AWS_S3_ENDPOINT_URL=proxy.server.endpoint,
                AWS_S3_REGION_NAME=REGION,
                AWS_ACCESS_KEY_ID=ACCESS_KEY,
                AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                MEDIA_PIPELINE_X264_PRESET="ultrafast",
            )
            setup_django(env)
            try:
                _drill(args, drill, env, s3.server, proxy.server, checks)
            finally:
                from django.db import connections

                connections.close_all()
    finally:
        if not args.keep_db:
            _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    print(f"\nDrill time: {time.monotonic() - started:.0f} s")
    if checks.failed:
        print(f"{len(checks.failed)} expectation(s) failed.")
        return 1
    print("Every expectation holds.")
    return 0


class _Closing:
    """Something the drill closes at the end through `close_name`, kept in `server`."""

    def __init__(self, server, close="stop"):
        self.server = server
        self._close = close

    def close(self):
        getattr(self.server, self._close)()


def _drill(args, drill, env, s3, proxy, checks):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from core.storage import MediaS3Storage
    from media_pipeline import services
    from media_pipeline.messages import storage_retry_message
    from media_pipeline.models import AssetState, MediaAsset
    from media_pipeline.storage import list_versions

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"Database {DB_NAME} migrated in {time.monotonic() - t0:.0f} s")
    web = drill.web(env, workers=2)
    worker = drill.worker(env, queues=("media", "default"), concurrency=2)
    teacher = get_user_model().objects.create_user(email="prof@drill.invalid", password="x" * 20)
    clips = drill.directory / "clips"
    clips.mkdir()
    direct = MediaS3Storage(**s3.storage_settings(BUCKET)["OPTIONS"])

    t0 = time.monotonic()
    recordings = _publish_first_versions(args.assets, clips, teacher, args.timeout)
    first = {r.pk: r.asset.published_prefix for r in recordings}
    print(f"{args.assets} assets published as version 1 in {time.monotonic() - t0:.1f} s")
    before = {r.pk: _answers(web, r) for r in recordings}

    version_two = re.compile(rb"PUT /" + BUCKET.encode() + rb"/media/assets/[^/ ]+/v2-")
    proxy.cut_when(version_two, after=args.cut_at)
    for recording in recordings:
        services.asset_reprocess(asset=recording.asset)
    wait_until(proxy.tripped.is_set, timeout=args.timeout, what="the cut during publication")
    cut_at = time.monotonic()
    print(f"Storage cut at upload {args.cut_at} of a version-2 file; away for {args.outage} s")
    samples, notices = collections.defaultdict(list), collections.defaultdict(set)
    latencies = []
    while time.monotonic() - cut_at < args.outage:
        _sample(recordings, web, samples, notices, latencies)
        time.sleep(2)
    print(f"  web answers during the outage took {min(latencies):.2f}–{max(latencies):.2f} s")
    intact = {
        r.pk: direct.exists(first[r.pk] + "manifest.json")
        and direct.exists(first[r.pk] + "master.m3u8")
        for r in recordings
    }
    proxy.up()
    back_at = time.monotonic()
    ready_after = {}

    def settled():
        for recording in recordings:
            asset = MediaAsset.objects.get(pk=recording.asset_id)
            if recording.pk not in ready_after and asset.state == AssetState.READY:
                ready_after[recording.pk] = time.monotonic() - back_at
        return len(ready_after) == len(recordings)

    try:
        wait_until(settled, timeout=args.timeout, what="every asset ready again", interval=0.5)
    except TimeoutError as error:
        print(f"  {error}")

    def cleaned():
        return all(len(list_versions(direct, r.asset.storage_prefix)) <= 1 for r in recordings)

    try:
        wait_until(cleaned, timeout=30, what="old versions removed")
    except TimeoutError as error:
        print(f"  {error}")
    after = {r.pk: _answers(web, r) for r in recordings}
    _report(
        args, recordings, worker, samples, notices, intact, ready_after, before, after, direct,
        storage_retry_message(previous_version=True), checks,
    )  # fmt: skip


def _report(args, recordings, worker, samples, notices, intact, ready_after, before, after,
            direct, notice, checks):  # fmt: skip
    from media_pipeline.models import AssetState, MediaAsset
    from media_pipeline.storage import list_versions

    print("\nRetries (worker log): countdown chosen by the backoff, and time between retries")
    retries = _retries(worker.log())
    for task_id, entries in retries.items():
        countdowns = [c for _when, c in entries]
        gaps = [round((b[0] - a[0]).total_seconds(), 1) for a, b in itertools.pairwise(entries)]
        print(f"  task {task_id[:8]}: {len(entries)} retries, countdowns {countdowns} s, "
              f"logged {gaps} s apart")  # fmt: skip
    caps_hold = all(
        c <= min(BACKOFF * 2**n, BACKOFF_MAX)
        for entries in retries.values()
        for n, (_when, c) in enumerate(entries)
    )
    checks.expect(bool(retries), "the worker retried the jobs that met the outage")
    checks.expect(caps_hold, "every countdown stays within 10 s × 2^(n-1), the backoff's cap")

    print("\nDuring the outage (samples every 2 s)")
    for recording in recordings:
        rows = samples[recording.pk]
        states = collections.Counter(s for s, _v, _p, _a in rows)
        answers = collections.Counter(a for _s, _v, _p, a in rows)
        versions = {v for _s, v, _p, _a in rows}
        prefixes = {p for _s, _v, p, _a in rows}
        print(f"  {recording.title}: states {dict(states)}, published version {sorted(versions)}, "
              f"answers (page, master playlist) {dict(answers)}, before {before[recording.pk]}, "
              f"after {after[recording.pk]}")  # fmt: skip
        checks.expect(
            versions == {1} and prefixes == {recording.asset.published_prefix},
            f"{recording.title}: the database kept pointing at version 1",
        )
        checks.expect(intact[recording.pk], f"{recording.title}: version 1 whole in the bucket")
        checks.expect(
            all(a == (200, 503) for _s, _v, _p, a in rows),
            f"{recording.title}: page 200 and playlist 503 (retry later) while storage is away",
        )
        checks.expect(
            notices[recording.pk] == {notice}, f"{recording.title}: the teacher read the notice"
        )
        checks.expect(before[recording.pk] == after[recording.pk] == (200, 200),
                      f"{recording.title}: page and playlist 200 before and after")  # fmt: skip
    print(f"  notice: {notice}")

    print("\nAfter the storage came back")
    for recording in recordings:
        asset = MediaAsset.objects.get(pk=recording.asset_id)
        folders = list_versions(direct, asset.storage_prefix)
        current = asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
        took = ready_after.get(recording.pk)
        when = f"{took:.1f} s after the return" if took is not None else "never ready"
        print(f"  {recording.title}: {asset.state} v{asset.version} {when}, "
              f"attempts {asset.attempts}, folders left {folders}")  # fmt: skip
        checks.expect(
            asset.state == AssetState.READY and asset.version == 2 and not asset.error_message,
            f"{recording.title}: version 2 ready, notice cleared",
        )
        checks.expect(folders == [current], f"{recording.title}: exactly one version left")
    not_ready = [r.title for r in recordings if r.pk not in ready_after]
    print(f"  assets not ready: {not_ready or 'none'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, default=3)
    parser.add_argument("--outage", type=float, default=30)
    parser.add_argument("--cut-at", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument("--keep", action="store_true", help="keep the drill's folder and logs")
    parser.add_argument("--keep-db", action="store_true")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
