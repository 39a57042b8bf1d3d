"""Drill: Redis (broker and cache) stops for ~20 s while pages are served and a file is uploaded.

Starts a private PostgreSQL 15 cluster and a Redis server (drills/harness.py), migrates a
database there and loads the demo content, then serves it with gunicorn and a real Celery
worker on the `default` and `media` queues. Client threads request pages in a loop
(drills/database.py's clients):

- a visitor: the hub's home and resources, anonymous (answered from the hub's page cache
  while Redis is up);
- a student: a lesson of their course, and now and then a time trace (a rate-limited POST);
- a probe: `/healthz` twice a second.

Redis is killed (SIGKILL: what it held is gone, as after a crash without persistence) and
left down for `--outage` seconds. A few seconds into the outage a teacher uploads a tiny
generated clip through the upload protocol (create, sign, send the part, complete) over
HTTP, as the browser does. Redis is started again; once the worker is back on the broker
the drill sends the sweeper's task as beat would (`sweep_stalled_assets`), confirms the
probed recording as its teacher would and waits for the asset to be `ready`.

The sweeper only sends again an asset that has waited MEDIA_PIPELINE_REQUEUE_AFTER (10
minutes by default); the drill shortens it to `--requeue-after` seconds so as not to wait.

Prints the answers per page and status code before, during and after the outage, what
/healthz said, the upload's answers, the asset's states and versions and the times from the
restart. Exits 1 if any expectation fails.

Usage: python drills/redis_outage.py [--outage 20] [--after 10] [--requeue-after 10] [--keep]
"""

import argparse
import collections
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

# Run as a script, this file's folder comes first on the path: put the project's root there
# instead, so that no drill's name can hide an installed package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.load import session_for  # noqa: E402
from drills.database import (  # noqa: E402
    Expectations,
    Journal,
    _offenders,
    make_clip,
    prepare,
    print_table,
    probe,
    student,
    visitor,
)
from drills.harness import Drill, setup_django, wait_until  # noqa: E402

DATABASE = "conservatoire"
UPLOAD_DELAY = 4.0  # seconds into the outage


# --- The upload, over HTTP as the browser sends it ---------------------------------------------


class Uploader:
    """Speak the upload protocol to gunicorn with a teacher's session; record every answer."""

    def __init__(self, base, session, csrf):
        self.base = base
        self.cookies = f"sessionid={session}; csrftoken={csrf}"
        self.csrf = csrf
        self.answers = []

    def call(self, step, method, path, *, data=None, json_body=None):
        headers = {"Cookie": self.cookies, "X-CSRFToken": self.csrf}
        if json_body is not None:
            data = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        if method == "PUT":
            headers["Content-Type"] = "application/octet-stream"
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=data, headers=headers, method=method
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                status, body, etag = answer.status, answer.read(), answer.headers.get("ETag")
        except urllib.error.HTTPError as error:
            status, body, etag = error.code, error.read(), None
        except OSError as error:
            status, body, etag = None, str(error).encode(), None
        self.answers.append((step, status, time.monotonic() - started))
        return status, body, etag

    def upload(self, clip):
        """Upload `clip`; return the JSON of the completion, or None if a step failed."""
        from django.urls import reverse

        payload = clip.read_bytes()
        status, body, _ = self.call(
            "create",
            "POST",
            reverse("studio_uploads:create"),
            json_body={"filename": clip.name, "type": "video/mp4", "size": len(payload)},
        )
        if status != 201:
            return None
        upload_id = json.loads(body)["uploadId"]
        sign = reverse("studio_uploads:sign", args=[upload_id, 1])
        status, body, _ = self.call("sign", "GET", sign)
        if status != 200:
            return None
        status, _, etag = self.call("part", "PUT", json.loads(body)["url"], data=payload)
        if status != 200:
            return None
        status, body, _ = self.call(
            "complete",
            "POST",
            reverse("studio_uploads:complete", args=[upload_id]),
            json_body={"parts": [{"PartNumber": 1, "ETag": etag}]},
        )
        return json.loads(body) if status == 200 else None


# --- The platform's data -----------------------------------------------------------------------


def teacher_session():
    from accounts.models import User
    from campus.assignments.demo_content import TEACHER

    return session_for(User.objects.get(email=TEACHER))


def asset_of(recording_id):
    from studio.models import Recording

    return Recording.objects.select_related("asset").get(pk=recording_id).asset


def versions_of(asset):
    from django.core.files.storage import default_storage

    from media_pipeline.storage import list_versions

    return list_versions(default_storage, asset.storage_prefix)


def demo_assets_settled():
    from media_pipeline.models import MediaAsset

    return all(s in ("ready", "failed") for s in MediaAsset.objects.values_list("state", flat=True))


def worker_consumes(log_offset, worker):
    """Return whether the worker said it is connected again since `log_offset`."""
    return "Connected to redis://" in worker.log()[log_offset:]


# --- The drill ------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=20, help="seconds Redis is down")
    parser.add_argument("--after", type=float, default=10, help="seconds watched after")
    parser.add_argument(
        "--requeue-after",
        type=int,
        default=10,
        help="MEDIA_PIPELINE_REQUEUE_AFTER for the drill (default 600)",
    )
    parser.add_argument("--jobs-timeout", type=float, default=180)
    parser.add_argument("--keep", action="store_true", help="keep the drill's folder (logs)")
    args = parser.parse_args()

    with Drill("redis", keep=args.keep) as drill:
        started = time.monotonic()
        postgres = drill.postgres()
        redis = drill.redis()
        postgres.create_database(DATABASE)
        env = drill.platform_env(
            postgres.url(DATABASE),
            redis,
            MEDIA_PIPELINE_X264_PRESET="ultrafast",
            MEDIA_PIPELINE_REQUEUE_AFTER=str(args.requeue_after),
        )
        setup_django(env)
        plan = prepare()
        session = teacher_session()
        clip = make_clip(drill.directory / "concert-pendant-la-panne.mp4", seconds=3)
        from django.db import connections

        connections.close_all()
        web = drill.web(env, workers=2)
        worker = drill.worker(env, queues=("default", "media"))
        wait_until(
            demo_assets_settled,
            timeout=args.jobs_timeout,
            interval=1,
            what="the demo's media jobs finishing",
        )
        connections.close_all()
        print(
            f"PostgreSQL on port {postgres.port}, Redis on {redis.port}, gunicorn on "
            f"{web.url}; demo loaded and its media processed in "
            f"{time.monotonic() - started:.0f} s."
        )

        journal = Journal()
        threads = [
            threading.Thread(target=client, args=(journal, web.url, plan), daemon=True)
            for client in (visitor, student, probe)
        ]
        for thread in threads:
            thread.start()
        time.sleep(5)
        marks = {"stop": time.monotonic()}
        redis.stop()
        marks["stopped"] = time.monotonic()
        print(f"Redis stopped (SIGKILL) in {marks['stopped'] - marks['stop']:.2f} s.")

        time.sleep(UPLOAD_DELAY)
        uploader = Uploader(web.url, session, plan["csrf"])
        marks["upload"] = time.monotonic()
        completed = uploader.upload(clip)
        marks["uploaded"] = time.monotonic()
        asset = asset_of(completed["recording_id"]) if completed else None
        state_while_down = asset.state if asset else None
        connections.close_all()
        time.sleep(max(0.0, args.outage - (time.monotonic() - marks["stopped"])))

        log_offset = len(worker.log())
        marks["restart"] = time.monotonic()
        redis.start()
        marks["up"] = time.monotonic()
        print(
            f"Redis down {marks['up'] - marks['stopped']:.1f} s; started again (empty) in "
            f"{marks['up'] - marks['restart']:.2f} s."
        )
        outcome = {"state_while_down": state_while_down, "completed": completed}
        try:
            wait_until(
                lambda: worker_consumes(log_offset, worker),
                timeout=60,
                interval=0.5,
                what="the worker reconnecting to the broker",
            )
            marks["worker"] = time.monotonic()
            # Past MEDIA_PIPELINE_REQUEUE_AFTER since the upload, the sweeper sends it again.
            wait_until(
                lambda: time.monotonic() - marks["uploaded"] > args.requeue_after + 1,
                timeout=args.requeue_after + 5,
                what="the upload waiting long enough",
            )
            outcome.update(finish(asset, marks, args))
        except TimeoutError as error:
            print(f"  {error}")
        time.sleep(max(0.0, args.after - (time.monotonic() - marks["up"])))
        marks["end"] = time.monotonic()
        journal.stop.set()
        for thread in threads:
            thread.join()
        outcome["worker_alive"] = worker.alive()
        outcome["web_log"] = web.log()
        outcome["uploader"] = uploader.answers
        expectations = report(journal, marks, outcome)
        connections.close_all()
        return 1 if expectations.failed else 0


def finish(asset, marks, args):
    """Run the sweeper through the broker, confirm the recording, wait for `ready`."""
    from media_pipeline import services
    from media_pipeline.models import AssetState
    from media_pipeline.tasks import sweep_stalled_assets

    def state():
        asset.refresh_from_db()
        return asset.state

    marks["sweep"] = time.monotonic()
    swept = sweep_stalled_assets.apply_async(ignore_result=False).get(timeout=60)
    marks["swept"] = time.monotonic()
    wait_until(
        lambda: state() == AssetState.PROBED,
        timeout=args.jobs_timeout,
        interval=0.3,
        what="the probe of the upload",
    )
    marks["probed"] = time.monotonic()
    services.asset_confirm(asset=asset, projection="flat", audio_layout="mono")
    wait_until(
        lambda: state() in (AssetState.READY, AssetState.FAILED),
        timeout=args.jobs_timeout,
        interval=0.3,
        what="the upload reaching ready",
    )
    marks["ready"] = time.monotonic()
    return {
        "swept": swept,
        "asset_id": asset.pk,
        "final": asset.state,
        "version": asset.version,
        "attempts": asset.attempts,
        "versions": versions_of(asset),
        "error": asset.error_detail,
    }


# --- Report ---------------------------------------------------------------------------------


def report(journal, marks, outcome):
    """Print the figures and check the expectations; return the Expectations."""
    before = journal.between(0, marks["stop"])
    during = journal.between(marks["stopped"], marks["restart"])
    after = journal.between(marks["up"], float("inf"))
    print_table("Before the stop:", before)
    print_table(f"During the outage ({marks['restart'] - marks['stopped']:.0f} s):", during)
    print_table(f"After the restart ({marks['end'] - marks['up']:.0f} s):", after)
    slowest = max((a.seconds for a in during if a.page != "healthz"), default=0)
    print(f"Slowest page answer during the outage: {slowest:.2f} s.")

    down = collections.Counter(a.down for a in during if a.page == "healthz")
    print(
        "\n/healthz during the outage: "
        + ", ".join(
            f"{n}× {'down: ' + '+'.join(parts) if parts else 'all ok'}" for parts, n in down.items()
        )
    )
    print(
        "Upload during the outage ("
        f"{marks['upload'] - marks['stopped']:.1f} s in): "
        + ", ".join(
            f"{step} {status} in {seconds:.2f} s" for step, status, seconds in outcome["uploader"]
        )
        + f"; asset then `{outcome['state_while_down']}`."
    )
    if "ready" in marks:
        print(
            f"After the restart: worker back on the broker in "
            f"{marks['worker'] - marks['up']:.1f} s; sweeper sent {outcome['swept']} at "
            f"{marks['sweep'] - marks['up']:.1f} s (answered in "
            f"{marks['swept'] - marks['sweep']:.2f} s); probed at "
            f"{marks['probed'] - marks['up']:.1f} s; `{outcome['final']}` at "
            f"{marks['ready'] - marks['up']:.1f} s after the restart, "
            f"{marks['ready'] - marks['uploaded']:.1f} s after the upload; version "
            f"{outcome['version']}, {len(outcome['versions'])} version folder(s), "
            f"attempts {outcome['attempts']}."
        )
    unsent = outcome["web_log"].count("the broker is unreachable")
    ignored = outcome["web_log"].count("Exception ignored")
    print(
        f"Web log: {unsent} job(s) logged as not sent (broker unreachable), {ignored} cache "
        "calls logged as ignored."
    )

    print("\nExpectations:")
    expect = Expectations()
    pages = [a for a in during if a.page != "healthz"]
    bad = [a for a in pages if a.status != 200]
    expect.check(
        pages and not bad,
        f"during the outage every page and time trace answers 200 ({len(pages)} requests) "
        + _offenders(bad, marks),
    )
    hub = [a for a in pages if a.page.startswith("hub ")]
    expect.check(
        hub and all(a.status == 200 for a in hub),
        f"the hub's cached pages are rendered (200) during the outage ({len(hub)} requests)",
    )
    expect.check(
        down and all({"cache", "broker"} <= set(parts) for parts in down),
        "/healthz names the cache and the broker as down throughout the outage",
    )
    steps = {step: status for step, status, _s in outcome["uploader"]}
    expect.check(
        steps.get("complete") == 200 and outcome["completed"] is not None,
        f"the upload completed during the outage is answered as usual (200): {steps}",
    )
    expect.check(
        outcome["state_while_down"] == "uploaded",
        "its asset is saved, `uploaded`, waiting for the broker",
    )
    expect.check(unsent >= 1, "the job that could not be sent is logged by the web process")
    expect.check(
        outcome.get("asset_id") in (outcome.get("swept") or []),
        "the sweeper, run once Redis is back, sends the upload's job again",
    )
    expect.check(outcome.get("final") == "ready", "the upload's asset reaches `ready`")
    expect.check(
        outcome.get("version") == 1 and len(outcome.get("versions", [])) == 1,
        "with exactly one published version",
    )
    late = [a for a in after if a.started > marks["up"] + 2 and (a.status or 500) >= 500]
    expect.check(not late, f"no failed answer from 2 s after the restart on ({len(late)})")
    expect.check(outcome["worker_alive"], "the Celery worker process is still running")
    return expect


if __name__ == "__main__":
    sys.exit(main())
