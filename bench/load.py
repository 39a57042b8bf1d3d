"""Load run: the whole platform under a mix of visitors, students, teachers and volunteers.

Creates a PostgreSQL database of its own on 127.0.0.1:5432, user postgres, dropped at the
end (``BENCH_LOAD_DATABASE_NAME``, default ``bench_load``), migrates it and loads the demo
content, then adds the people of the run: students enrolled in the demo's courses, their
teachers with handed-in assignments to review, and beta volunteers. Each is signed in
beforehand (a session in the database, as after a login: the run measures the pages, not
allauth's login rate limit, which a single address would exhaust). The site is then served
by gunicorn on loopback with a real Celery worker, both on Redis
(``BENCH_REDIS_URL``, default redis://127.0.0.1:6379, databases 13–15, emptied at the
start: never give ones that hold data), and locust
(headless, ``bench/locustfile.py``) simulates the users:

- anonymous hub visitors (weight 6): the hub's home, searches, resource pages;
- students (3): their course, lessons, a time trace at the lesson player's interval
  (every 30 s while a lesson is open), their dashboard;
- teachers (1): their dashboard, a course's roster, a submission's review page, a
  time-coded comment;
- beta volunteers (1): a page, then feedback with its context, every 6–8 minutes (the
  platform takes 10 an hour from one person).

Prints, per kind of page: requests, requests per second, p50/p95/p99 latency and errors;
then the totals, and whether the targets hold (zero errors; p95 under 500 ms for the
anonymous pages), and the memory (RSS) of the web and worker processes, sampled every
``--sample-every`` seconds during the run.

``--soak`` is the long run at half the load: 100 users for 30 minutes unless ``--users`` and
``--seconds`` say otherwise. Its target is on memory: from the end of the warm-up
(``--warm-up``, 5 minutes; caches and imports fill up first) to the end of the run, neither the
web nor the worker processes grow by more than 10 %.

Usage: python bench/load.py [--users 200] [--spawn-rate 20] [--seconds 120]
       [--workers 4] [--keep-db] [--soak] [--warm-up 300] [--sample-every 30]
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_LOAD_DATABASE_NAME", "bench_load")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
VAR = ROOT / "var" / "bench" / "load"
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.test",
    "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
    "CONN_MAX_AGE": "60",
    "VAR_DIR": str(VAR / "var"),
    "DEBUG": "0",
    "CELERY_BROKER_URL": f"{REDIS}/13",
    "CELERY_RESULT_BACKEND": f"{REDIS}/14",
    "CACHE_URL": f"{REDIS}/15",
}
STUDENTS = 80
TEACHERS = 6
VOLUNTEERS = 40
ANONYMOUS_KINDS = ("hub home", "hub search", "hub resource")


def _admin_sql(statement):
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
        connection.execute(statement)


def setup_django():
    os.environ.update(ENV)
    Path(ENV["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _flush_redis():
    import redis

    for number in (13, 14, 15):
        redis.Redis.from_url(f"{REDIS}/{number}").flushdb()


# --- The people of the run ----------------------------------------------------------------


def session_for(user):
    """Return the key of a session signed in as `user`, as django.contrib.auth.login makes."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _person(email, name, groups=()):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(email=email, password=secrets.token_hex(16))
    user.display_name = name
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def _assignments(courses):
    """Return (lesson, block id) of every assignment block in `courses`' lessons."""
    from campus.models import LessonPage

    found = []
    for course in courses:
        for lesson in LessonPage.objects.live().descendant_of(course):
            found += [
                (lesson, block.id) for block in lesson.body if block.block_type == "assignment"
            ]
    return found


def populate():
    """Migrate, load the demo, add the run's people; return the plan locust follows."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    from accounts.roles import Role
    from campus.assignments.models import Submission
    from campus.models import CoursePage, Enrollment, LessonPage
    from learning_hub.models import HubIndexPage, ResourcePage

    courses = list(CoursePage.objects.live().order_by("pk"))
    lessons = {
        course.pk: [lesson.pk for lesson in LessonPage.objects.live().descendant_of(course)]
        for course in courses
    }
    every_lesson = [pk for pks in lessons.values() for pk in pks]
    lesson_urls = {
        lesson.pk: lesson.url for lesson in LessonPage.objects.live().filter(pk__in=every_lesson)
    }
    assignments = _assignments(courses)
    teachers = [
        _person(f"enseignant{n}@bench.example.org", f"Enseignant {n}", [Role.TEACHERS])
        for n in range(TEACHERS)
    ]
    for course in courses:
        course.teachers.add(*teachers)
        course.save_revision().publish()
    students, submissions = [], []
    for n in range(STUDENTS):
        student = _person(f"eleve{n}@bench.example.org", f"Élève {n}")
        course = courses[n % len(courses)]
        Enrollment.objects.create(user=student, course=course, status="active")
        students.append(
            {
                "session": session_for(student),
                "course_url": course.url,
                "lessons": [{"pk": pk, "url": lesson_urls[pk]} for pk in lessons[course.pk]],
            }
        )
        if assignments and n % 2 == 0:
            lesson, block_id = assignments[n % len(assignments)]
            submission = Submission(
                lesson=lesson,
                block_id=block_id,
                student=student,
                kind="file",
                file_name="partition.pdf",
                file_content_type="application/pdf",
            )
            submission.file.save("partition.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
            submission.save()
            submissions.append(str(submission.uuid))
    volunteers = [
        session_for(
            _person(f"benevole{n}@bench.example.org", f"Bénévole {n}", [Role.BETA_VOLUNTEERS])
        )
        for n in range(VOLUNTEERS)
    ]
    hub = HubIndexPage.objects.live().filter(locale__language_code="fr").first()
    resources = [page.url for page in ResourcePage.objects.live().descendant_of(hub)]
    from campus.services import PING_INTERVAL

    return {
        "hub": hub.url,
        "ping_interval": PING_INTERVAL,
        "resources": resources,
        "students": students,
        "teachers": [
            {"session": session_for(teacher), "courses": [course.pk for course in courses]}
            for teacher in teachers
        ],
        "submissions": submissions,
        "volunteers": volunteers,
    }


# --- Processes ------------------------------------------------------------------------------


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin(name):
    return str(Path(sys.executable).parent / name)


def start_web(port, workers):
    process = subprocess.Popen(
        [
            _bin("gunicorn"), "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--log-level", "warning", "--error-logfile", "-",
        ],
        cwd=ROOT, env={**os.environ, **ENV}, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    _stop(process)
    raise RuntimeError("gunicorn did not start (see its errors above)")


def start_worker():
    return subprocess.Popen(
        [
            _bin("celery"), "-A", "config", "worker", "-Q", "default",
            "--concurrency", "1", "--loglevel", "WARNING",
        ],
        cwd=ROOT, env={**os.environ, **ENV}, start_new_session=True,
    )  # fmt: skip


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def rss_mib(process):
    """Return the resident memory of `process` and its children, in MiB (from /proc)."""
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def run_locust(port, plan_path, *, users, spawn_rate, seconds, sample_every, sample):
    """Run locust to its end, calling `sample()` every `sample_every` seconds meanwhile."""
    prefix = VAR / "stats"
    locust = subprocess.Popen(
        [
            _bin("locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--users", str(users), "--spawn-rate", str(spawn_rate),
            "--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
            "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        ],
        cwd=ROOT, env={**os.environ, "BENCH_LOAD_PLAN": str(plan_path)},
    )  # fmt: skip
    started, rounds = time.monotonic(), 1
    while True:
        try:
            locust.wait(timeout=max(0.0, started + sample_every * rounds - time.monotonic()))
            break
        except subprocess.TimeoutExpired:
            sample(time.monotonic() - started)
            rounds += 1
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as failures:
        return rows, list(csv.DictReader(failures))


class MemorySamples:
    """RSS of the web and worker processes over the run: (seconds, web MiB, worker MiB)."""

    def __init__(self, web, worker):
        self.web, self.worker = web, worker
        self.taken = []

    def __call__(self, at):
        self.taken.append((at, rss_mib(self.web), rss_mib(self.worker)))

    def growth(self, warm_up):
        """Return (web, worker) growth in % from the first sample after `warm_up` to the last."""
        warm = [sample for sample in self.taken if sample[0] >= warm_up]
        if len(warm) < 2:
            return None
        first, last = warm[0], warm[-1]
        return tuple(100 * (last[i] - first[i]) / first[i] for i in (1, 2))


def report(rows):
    """Print the figures per kind of page; return True if the targets hold."""
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"\n{'page':<26}" + "".join(f"{column:>9}" for column in columns))
    ok = True
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"{name:<26}{row['Request Count']:>9}{float(row['Requests/s']):>9.1f}"
            f"{row['50%']:>9}{row['95%']:>9}{row['99%']:>9}{row['Failure Count']:>9}"
        )
        if name == "all" and int(row["Failure Count"]):
            ok = False
        if name in ANONYMOUS_KINDS and float(row["95%"]) >= 500:
            ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--soak", action="store_true", help="100 users, 30 min, memory target")
    parser.add_argument("--warm-up", type=int, default=300, help="seconds before memory counts")
    parser.add_argument("--sample-every", type=int, default=30, help="seconds between samples")
    args = parser.parse_args()
    if args.soak:
        args.users = args.users if args.users != 200 else 100
        args.seconds = args.seconds if args.seconds != 120 else 1800

    # Stopped with SIGTERM, still stop gunicorn, the worker and locust and drop the database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR.mkdir(parents=True, exist_ok=True)
    _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DB_NAME}"')
    processes = []
    try:
        setup_django()
        _flush_redis()
        started = time.monotonic()
        plan = populate()
        plan_path = VAR / "plan.json"
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        print(
            f"Loaded the demo and {STUDENTS} students, {TEACHERS} teachers, {VOLUNTEERS} "
            f"volunteers, {len(plan['submissions'])} submissions in "
            f"{time.monotonic() - started:.0f} s."
        )
        from django.db import connections

        connections.close_all()
        port = _free_port()
        web = start_web(port, args.workers)
        worker = start_worker()
        processes = [web, worker]
        time.sleep(3)
        memory = MemorySamples(web, worker)
        memory(0)
        print(
            f"Running {args.users} users for {args.seconds} s against gunicorn "
            f"({args.workers} workers) on {os.cpu_count()} cores; load average before: "
            + " ".join(f"{load:.2f}" for load in os.getloadavg())
            + " (above 0.5, other processes share the machine and the latencies say little)."
        )
        rows, failures = run_locust(
            port, plan_path, users=args.users, spawn_rate=args.spawn_rate,
            seconds=args.seconds, sample_every=args.sample_every, sample=memory,
        )  # fmt: skip
        memory(args.seconds)
        print("Load average at the end: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
        ok = report(rows)
        for failure in failures[:10]:
            print(f"  {failure['Occurrences']}× {failure['Name']}: {failure['Error'][:150]}")
        print("\nMemory (RSS, MiB):")
        for at, web_mib, worker_mib in memory.taken:
            print(f"  {at:>6.0f} s  web {web_mib:>7.1f}  worker {worker_mib:>7.1f}")
        print("Targets (zero errors, anonymous p95 < 500 ms):", "met" if ok else "NOT met")
        if args.soak:
            growth = memory.growth(args.warm_up)
            if growth is None:
                print("Memory: too few samples after the warm-up to judge growth.")
                return 1
            held = all(percent <= 10 for percent in growth)
            print(
                f"Memory growth after the {args.warm_up} s warm-up: web {growth[0]:+.1f} %, "
                f"worker {growth[1]:+.1f} % (target ≤ 10 %):",
                "met" if held else "NOT met",
            )
            ok = ok and held
        return 0 if ok else 1
    finally:
        for process in processes:
            _stop(process)
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
