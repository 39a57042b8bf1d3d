"""Drill: PostgreSQL stops for ~20 s while pages are served and media jobs run.

Starts a private PostgreSQL 15 cluster and a Redis server (drills/harness.py), migrates a
database there and loads the demo content, then serves it with gunicorn and a real Celery
worker on the `default` and `media` queues. Client threads request pages in a loop:

- a visitor: the hub's home and resources, anonymous (the hub answers them from its cache);
- a student: a lesson of their course (their session is read from the database), and now
  and then a time trace (POST);
- a teacher: a time-coded comment on a submission (a form POST that saves a row);
- a probe: `/healthz` twice a second.

A few tiny generated clips are uploaded just before the stop, so that one is being
transcoded and the others wait in the queue when PostgreSQL goes away. PostgreSQL is
stopped (`pg_ctl stop -m fast`, or `--mode immediate`: a crash), left down for
`--outage` seconds, then started again.

Prints the answers per page and status code before, during and after the outage; whether
every 503 had the friendly page and Retry-After; what /healthz said during the outage; the
time from the restart to the first good answer of each client; the media jobs (all
`ready`? retries?) and whether every row present before the stop is there after it and
every saved comment is in the database. Exits 1 if any expectation fails.

Usage: python drills/database.py [--outage 20] [--after 20] [--clips 3] [--mode fast]
       [--keep]
"""

import argparse
import collections
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script, Python puts drills/ first on the path; the drills are imported as the
# `drills` package from the checkout's root instead, which takes its place.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from bench.load import session_for  # noqa: E402
from drills.harness import Drill, setup_django, wait_until  # noqa: E402

DATABASE = "conservatoire"
FRIENDLY = "Le site est momentanément indisponible"
NOT_SAVED = "What you just sent was not saved"
CLIP_SECONDS = 6
COMMENT_INTERVAL = 2.0
PING_INTERVAL = 12.0  # the platform allows a student 6 time traces a minute


# --- What the clients saw -----------------------------------------------------------------


@dataclass
class Answer:
    started: float
    page: str
    status: int | None  # None: no answer (refused, reset, timed out)
    seconds: float
    friendly: bool = False
    told_not_saved: bool = False
    retry_after: str | None = None
    down: tuple = ()  # /healthz: the checks that failed
    path: str = ""


@dataclass
class Journal:
    answers: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def add(self, answer):
        with self.lock:
            self.answers.append(answer)

    def between(self, start, end):
        with self.lock:
            return [a for a in self.answers if start <= a.started < end]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def request(journal, base, page, path, *, cookies=None, data=None, headers=None):
    """Send one request, record what came back in `journal`."""
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    started = time.monotonic()
    status, text, retry_after = None, "", None
    try:
        with _OPENER.open(
            urllib.request.Request(base + path, data=body, headers=headers),  # noqa: S310
            timeout=30,
        ) as answer:
            status, text = answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        status, retry_after = error.code, error.headers.get("Retry-After")
        text = error.read().decode(errors="replace")
    except OSError:
        pass
    answer = Answer(
        started, page, status, time.monotonic() - started, retry_after=retry_after, path=path
    )
    answer.friendly = FRIENDLY in text
    answer.told_not_saved = NOT_SAVED in text
    if page == "healthz" and text.startswith("{"):
        checks = json.loads(text).get("checks", {})
        answer.down = tuple(sorted(n for n, c in checks.items() if c["status"] != "ok"))
    journal.add(answer)
    return answer


def visitor(journal, base, plan):
    pages = [("hub home", plan["hub"])] + [("hub resource", url) for url in plan["resources"]]
    n = 0
    while not journal.stop.is_set():
        page, path = pages[n % len(pages)]
        request(journal, base, page, path)
        n += 1
        journal.stop.wait(0.2)


def student(journal, base, plan):
    cookies = {"sessionid": plan["student_session"], "csrftoken": plan["csrf"]}
    last_ping = 0.0
    while not journal.stop.is_set():
        request(journal, base, "lesson", plan["lesson_url"], cookies=cookies)
        if time.monotonic() - last_ping >= PING_INTERVAL:
            last_ping = time.monotonic()
            request(
                journal, base, "time trace (POST)", plan["ping_url"], cookies=cookies, data={},
                headers={"X-CSRFToken": plan["csrf"], "Referer": base + plan["lesson_url"]},
            )  # fmt: skip
        journal.stop.wait(0.3)


def teacher(journal, base, plan):
    cookies = {"sessionid": plan["teacher_session"], "csrftoken": plan["csrf"]}
    n = 0
    while not journal.stop.is_set():
        n += 1
        request(
            journal, base, "comment (POST)", plan["comment_url"], cookies=cookies,
            data={"moment": "", "text": f"Remarque {n}", "csrfmiddlewaretoken": plan["csrf"]},
            headers={"Referer": base + plan["comment_url"]},
        )  # fmt: skip
        journal.stop.wait(COMMENT_INTERVAL)


def probe(journal, base, plan):
    while not journal.stop.is_set():
        request(journal, base, "healthz", "/healthz")
        journal.stop.wait(0.5)


# --- The platform's data ---------------------------------------------------------------------


def prepare():
    """Migrate, load the demo; return what the clients request (URLs, sessions)."""
    import secrets

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    from accounts.models import User
    from campus.assignments.demo_content import STUDENT, TEACHER
    from campus.assignments.models import Submission
    from learning_hub.models import HubIndexPage, ResourcePage

    submission = Submission.objects.select_related("lesson").get(student__email=STUDENT)
    hub = HubIndexPage.objects.live().filter(locale__language_code="fr").first()
    resources = [page.url for page in ResourcePage.objects.live().descendant_of(hub)][:6]
    return {
        "hub": hub.url,
        "resources": resources,
        "lesson_url": submission.lesson.url,
        "ping_url": f"/campus/lessons/{submission.lesson.pk}/ping/",
        "comment_url": f"/campus/assignments/submissions/{submission.uuid}/comments/",
        "student_session": session_for(User.objects.get(email=STUDENT)),
        "teacher_session": session_for(User.objects.get(email=TEACHER)),
        "csrf": secrets.token_hex(16),
    }


def make_clip(path, seconds=CLIP_SECONDS):
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=s=640x360:r=25:d={seconds}",
            "-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=48000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(path),
        ],
        check=True, timeout=120,
    )  # fmt: skip
    return path


def upload(clips):
    """Create one asset per clip as an upload does (the probe is queued); return their ids."""
    from django.core.files import File

    from accounts.models import User
    from campus.assignments.demo_content import TEACHER
    from media_pipeline import services
    from media_pipeline.models import AssetProfile

    owner = User.objects.get(email=TEACHER)
    ids = []
    for clip in clips:
        with clip.open("rb") as handle:
            asset = services.asset_create(
                owner=owner, file=File(handle, name=clip.name), profile=AssetProfile.FLAT,
                confirmed=True,
            )  # fmt: skip
        ids.append(asset.pk)
    return ids


def asset_states(ids=None):
    from media_pipeline.models import MediaAsset

    assets = MediaAsset.objects.all() if ids is None else MediaAsset.objects.filter(pk__in=ids)
    return dict(assets.values_list("pk", "state"))


def row_census(postgres):
    """Return {table: (rows, highest id)} for every table of the platform."""
    tables = [
        row[0]
        for row in postgres.sql(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
            DATABASE,
        )
    ]
    with_id = {
        row[0]
        for row in postgres.sql(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'id'",
            DATABASE,
        )
    }
    census = {}
    for table in tables:
        top = "max(id)" if table in with_id else "NULL"
        # Table names come from the catalogue, not from anyone's input.
        census[table] = postgres.sql(f'SELECT count(*), {top} FROM "{table}"', DATABASE)[0]  # noqa: S608
    return census


def rows_lost(postgres, before):
    """Return the tables that miss rows present in `before` (rows up to its highest id)."""
    lost = {}
    for table, (count, top) in before.items():
        if top is None:
            now = postgres.sql(f'SELECT count(*) FROM "{table}"', DATABASE)[0][0]  # noqa: S608
            if now < count:
                lost[table] = (count, now)
            continue
        query = f'SELECT count(*) FROM "{table}" WHERE id <= {top}'  # noqa: S608
        now = postgres.sql(query, DATABASE)[0][0]
        if now != count:
            lost[table] = (count, now)
    return lost


# --- Report ---------------------------------------------------------------------------------


def _status(answer):
    return str(answer.status) if answer.status is not None else "no answer"


def print_table(title, answers):
    by_page = collections.defaultdict(collections.Counter)
    for answer in answers:
        by_page[answer.page][_status(answer)] += 1
    print(f"\n{title}")
    for page in sorted(by_page):
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(by_page[page].items()))
        print(f"  {page:<20} {counts}")


class Expectations:
    def __init__(self):
        self.failed = []

    def check(self, ok, text):
        print(f"  [{'ok' if ok else 'FAILED'}] {text}")
        if not ok:
            self.failed.append(text)


def worker_figures(log):
    retries = re.findall(
        r"Task (media_pipeline\.tasks\.\w+)\[[^\]]+\] retry: Retry in ([\d.]+)s: (\w+)", log
    )
    failures = re.findall(r"Task (\S+)\[[^\]]+\] raised unexpected: (\w+)", log)
    return retries, failures


# --- The drill --------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=20, help="seconds PostgreSQL is down")
    parser.add_argument("--after", type=float, default=20, help="seconds watched after")
    parser.add_argument("--clips", type=int, default=3, help="media jobs started before")
    parser.add_argument("--mode", choices=("fast", "immediate"), default="fast")
    parser.add_argument("--jobs-timeout", type=float, default=180)
    parser.add_argument("--keep", action="store_true", help="keep the drill's folder (logs)")
    args = parser.parse_args()

    with Drill("database", keep=args.keep) as drill:
        started = time.monotonic()
        postgres = drill.postgres()
        redis = drill.redis()
        postgres.create_database(DATABASE)
        env = drill.platform_env(
            postgres.url(DATABASE), redis, MEDIA_PIPELINE_X264_PRESET="ultrafast"
        )
        setup_django(env)
        plan = prepare()
        clips = [make_clip(drill.directory / f"clip-{n}.mp4") for n in range(args.clips)]
        from django.db import connections

        connections.close_all()
        web = drill.web(env, workers=2)
        worker = drill.worker(env, queues=("default", "media"))
        demo_assets = list(asset_states())
        wait_until(
            lambda: all(s in ("ready", "failed") for s in asset_states(demo_assets).values()),
            timeout=args.jobs_timeout, interval=1, what="the demo's media jobs finishing",
        )  # fmt: skip
        print(
            f"PostgreSQL on port {postgres.port}, Redis on {redis.port}, gunicorn on "
            f"{web.url}; demo loaded and its media processed in "
            f"{time.monotonic() - started:.0f} s."
        )

        comments = "SELECT count(*) FROM campus_assignments_reviewcomment"
        comments_initial = postgres.sql(comments, DATABASE)[0][0]
        journal = Journal()
        threads = [
            threading.Thread(target=client, args=(journal, web.url, plan), daemon=True)
            for client in (visitor, student, teacher, probe)
        ]
        for thread in threads:
            thread.start()
        time.sleep(5)
        jobs = upload(clips)
        connections.close_all()
        time.sleep(1.5)
        census = row_census(postgres)
        states_at_stop = asset_states(jobs)
        connections.close_all()
        marks = {"stop": time.monotonic()}
        postgres.stop(mode=args.mode)
        marks["stopped"] = time.monotonic()
        print(
            f"PostgreSQL stopped ({args.mode}) in {marks['stopped'] - marks['stop']:.1f} s; "
            f"jobs at the stop: {', '.join(sorted(states_at_stop.values()))}."
        )
        time.sleep(args.outage)
        restart = time.monotonic()
        postgres.start()
        marks["up"] = time.monotonic()
        print(
            f"PostgreSQL down {marks['up'] - marks['stopped']:.1f} s; started again in "
            f"{marks['up'] - restart:.1f} s."
        )
        time.sleep(args.after)
        try:
            wait_until(
                lambda: all(s in ("ready", "failed") for s in asset_states(jobs).values()),
                timeout=args.jobs_timeout, interval=1, what="the drill's media jobs finishing",
            )  # fmt: skip
        except TimeoutError as error:
            print(f"  {error}")
        marks["jobs"] = time.monotonic()
        journal.stop.set()
        for thread in threads:
            thread.join()
        outcome = {
            "jobs": asset_states(jobs),
            "lost": rows_lost(postgres, census),
            "comments": (comments_initial, postgres.sql(comments, DATABASE)[0][0]),
            "worker_alive": worker.alive(),
            "worker_log": worker.log(),
        }
        _write_journal(drill.directory / "answers.jsonl", journal, marks)
        expectations = report(journal, marks, outcome)
        connections.close_all()
        return 1 if expectations.failed else 0


def _write_journal(path, journal, marks):
    """Keep every answer, timed from the stop, in the drill's folder (see --keep)."""
    with path.open("w", encoding="utf-8") as out:
        for answer in journal.answers:
            line = {**answer.__dict__, "started": round(answer.started - marks["stop"], 3)}
            out.write(json.dumps(line) + "\n")


def _offenders(answers, marks):
    return "; ".join(
        f"{a.page} {_status(a)} at {a.started - marks['stop']:+.2f} s ({a.seconds:.2f} s)"
        for a in answers[:5]
    )


def report(journal, marks, outcome):
    """Print the figures and check the expectations; return the Expectations."""
    before = journal.between(0, marks["stop"])
    during = journal.between(marks["stopped"], marks["up"])
    after = journal.between(marks["up"], float("inf"))
    print_table("Before the stop:", before)
    print_table(f"During the outage ({marks['up'] - marks['stopped']:.0f} s):", during)
    print_table(f"After the restart ({marks['jobs'] - marks['up']:.0f} s):", after)

    down = collections.Counter(a.down for a in during if a.page == "healthz")
    print("\n/healthz during the outage: " + ", ".join(
        f"{n}× {'down: ' + '+'.join(parts) if parts else 'all ok'}" for parts, n in down.items()
    ))  # fmt: skip
    recovery = {}
    for page in sorted({a.page for a in after}):
        good = [a for a in after if a.page == page and a.status in (200, 201, 302)]
        if good:
            recovery[page] = good[0].started + good[0].seconds - marks["up"]
    print("First good answer after the restart: " + ", ".join(
        f"{page} {seconds:.1f} s" for page, seconds in recovery.items()))  # fmt: skip
    retries, failures = worker_figures(outcome["worker_log"])
    kinds = collections.Counter((name.rsplit(".", 1)[1], exc) for name, _s, exc in retries)
    states = collections.Counter(outcome["jobs"].values())
    print(
        f"\nMedia jobs: {len(outcome['jobs'])} started before the stop, final states "
        f"{dict(states)}, settled {marks['jobs'] - marks['up']:.0f} s after the restart; "
        f"worker retries {len(retries)} {dict(kinds)}, task failures {len(failures)} "
        f"{dict(collections.Counter(failures))}."
    )
    saved = sum(1 for a in journal.answers if a.page == "comment (POST)" and a.status == 302)
    initial, final = outcome["comments"]
    print(f"Comments: {saved} answered as saved (302); {final - initial} added in the database.")

    print("\nExpectations:")
    expect = Expectations()
    during_pages = [a for a in during if a.page != "healthz"]
    database_pages = [a for a in during_pages if not a.page.startswith("hub ")]
    others = [a for a in database_pages if a.status != 503]
    expect.check(
        database_pages and not others,
        "during the outage, every page that reads the database (lesson, POSTs) answers 503 "
        + _offenders(others, marks),
    )
    unavailable = [a for a in journal.answers if a.status == 503 and a.page != "healthz"]
    expect.check(
        all(a.friendly and a.retry_after == "30" for a in unavailable),
        f"every 503 ({len(unavailable)}) has the friendly page and Retry-After: 30",
    )
    posts = [a for a in unavailable if a.page.endswith("(POST)")]
    expect.check(
        all(a.told_not_saved for a in posts)
        and not any(a.told_not_saved for a in unavailable if a not in posts),
        f"every 503 to a POST ({len(posts)}) says what was sent was not saved; no other does",
    )
    cached = [a for a in during_pages if a.page.startswith("hub ")]
    missed = [a for a in cached if a.status != 200]
    expect.check(
        cached and not missed,
        f"the hub's cached pages still answer 200 during the outage ({len(cached)} requests) "
        + "; ".join(sorted({f"{a.path} {_status(a)}" for a in missed})),
    )
    expect.check(
        set(down) == {("database",)},
        "/healthz answers 503 naming the database, and only it, throughout the outage",
    )
    late = [
        a for a in after if a.started > marks["up"] + 1 and (a.status is None or a.status >= 500)
    ]
    expect.check(not late, f"no failed answer from 1 s after the restart on ({len(late)})")
    expect.check(
        outcome["jobs"] and all(s == "ready" for s in outcome["jobs"].values()),
        "every media job started before the stop reached `ready`",
    )
    expect.check(not failures, "no task failed (each one that met the outage retried)")
    expect.check(outcome["worker_alive"], "the Celery worker process is still running")
    expect.check(
        not outcome["lost"], f"every row present at the stop is still there {outcome['lost'] or ''}"
    )
    expect.check(final - initial == saved, "every comment answered as saved is in the database")
    return expect


if __name__ == "__main__":
    sys.exit(main())
