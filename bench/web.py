"""Benchmark: the hub's pages for anonymous visitors against a bare Django view, under load.

Creates a PostgreSQL database of its own on 127.0.0.1:5432, user postgres, dropped at the
end (``BENCH_DATABASE_NAME``, else ``bench_`` and the name of ``DATABASE_URL``'s database,
else ``bench_conservatoire``), migrates it, loads the site shell and a hub of 10,000 resources (bulk
inserts, then the search index), counts the queries of each page (cold: nothing cached;
uncached: the page rendered again with the site shell cached; warm: a cache hit),
then serves the site with gunicorn on loopback and measures, one after the other and with
the same concurrency:

- bare: a minimal Django view (``HttpResponse("ok")``) added to the site's URLs, so that it
  goes through the same middleware, process and server as the pages;
- home: the hub's home; resource: 200 resource pages in turn; search: one search with
  filters (cached after its first hit), and search-uncached: the same with a parameter that
  changes every request, so that every request searches and counts the facets.

The cache is Redis (``BENCH_CACHE_URL``, default redis://127.0.0.1:6379/13), shared by the
workers as in production; every page is requested once before the measures. The load
comes from client threads spread over forked client processes (``--client-processes``,
default 2), so that one Python process's GIL does not cap the measure of fast pages.

Prints requests per second, p50/p95 latency, the ratio of each page to the bare view, and
the queries per page. Targets (anonymous visitors): home and resource ≥ 1/3 of the bare
view, search ≥ 1/20, at most 15 queries per page.

Usage: python bench/web.py [--resources N] [--seconds S] [--concurrency C] [--workers W]
       [--client-processes P] [--keep-db]
"""

import argparse
import http.client
import itertools
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _database_name():
    """Return the bench's own database: BENCH_DATABASE_NAME, else "bench_" and the name of
    the database of DATABASE_URL (so that each developer's environment has its own), else
    "bench_conservatoire". It is dropped and created again: never give the name of a
    database you use."""
    if os.environ.get("BENCH_DATABASE_NAME"):
        return os.environ["BENCH_DATABASE_NAME"]
    name = urlsplit(os.environ.get("DATABASE_URL", "")).path.strip("/")
    return f"bench_{name}" if name and not name.startswith("bench_") else "bench_conservatoire"


DB_NAME = _database_name()
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.test",
    "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
    "CONN_MAX_AGE": "60",  # persistent connections, as in production
    "VAR_DIR": str(ROOT / "var" / "bench" / "web"),
    "DEBUG": "0",
    # One cache shared by every gunicorn worker, as in production (a database of its own).
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
}
WORDS = [
    "gammes",
    "arpèges",
    "menuet",
    "sonate",
    "étude",
    "détaché",
    "vibrato",
    "souffle",
    "respiration",
    "improvisation",
    "polyrythmie",
    "lecture",
    "diction",
    "barre",
    "échauffement",
    "accords",
    "doigtés",
    "attaques",
    "liaisons",
    "rythme",
    "harmonie",
    "analyse",
    "forme",
    "nuances",
    "phrasé",
    "articulation",
    "tempo",
]


# --- The WSGI application gunicorn serves (imported as web:application) ---------------

_application = None


def bare(request):
    """Answer the smallest response Django can give: the yardstick of the pages."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def application(environ, start_response):
    """Return the site's WSGI application, with the bare view at /bench/bare/."""
    global _application
    if _application is None:
        from importlib import import_module

        from django.conf import settings
        from django.core.wsgi import get_wsgi_application
        from django.urls import path

        _application = get_wsgi_application()
        urls = import_module(settings.ROOT_URLCONF)
        urls.urlpatterns.insert(0, path("bench/bare/", bare))
    return _application(environ, start_response)


# --- Database ---------------------------------------------------------------------------


def _admin_sql(statement):
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
        connection.execute(statement)


def create_database():
    _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DB_NAME}"')


def drop_database():
    _admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def setup_django():
    os.environ.update(ENV)
    Path(ENV["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def populate(count):
    """Migrate, load the site shell and a hub with `count` resources; return the hub."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", "--only", "core", verbosity=0)
    from core.models import HomePage
    from learning_hub.models import HubIndexPage

    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    hub = home.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    _bulk_resources(HubIndexPage.objects.get(pk=hub.pk), count)
    _index_resources()
    from learning_hub.caching import purge_all

    purge_all()  # bulk inserts send no signal; entries of an earlier run must not match
    return HubIndexPage.objects.get(pk=hub.pk)


def _bulk_resources(hub, count):
    """Insert `count` live resources under `hub`, as the admin would, but in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from core.models import Instrument
    from learning_hub.licences import LicenceCode
    from learning_hub.models import (
        Discipline,
        Level,
        ResourceAuthor,
        ResourceLanguage,
        ResourcePage,
        ResourceType,
    )

    randomness = random.Random(42)  # noqa: S311 (made-up data, the same every run)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    instruments = list(Instrument.objects.values_list("pk", flat=True))
    now = timezone.now()
    pages = []
    for number in range(1, count + 1):
        words = randomness.sample(WORDS, 3)
        slug = f"ressource-{number}"
        pages.append(
            Page(
                title=f"{words[0].capitalize()} et {words[1]} n° {number}",
                draft_title=f"{words[0].capitalize()} et {words[1]} n° {number}",
                slug=slug,
                path=Page._get_path(hub.path, hub.depth + 1, number),
                depth=hub.depth + 1,
                numchild=0,
                url_path=f"{hub.url_path}{slug}/",
                live=True,
                content_type=content_type,
                locale_id=hub.locale_id,
                translation_key=uuid.uuid4(),
                first_published_at=now - timezone.timedelta(minutes=count - number),
                last_published_at=now - timezone.timedelta(minutes=count - number),
            )
        )
    rows = []
    with transaction.atomic():
        created = Page.objects.bulk_create(pages, batch_size=1000)
        for page in created:
            words = randomness.sample(WORDS, 6)
            rows.append((
                page.pk,
                randomness.choice(ResourceType.values),
                " ".join(words).capitalize() + ".",
                randomness.choice(Discipline.values),
                randomness.choice(Level.values),
                randomness.choice(ResourceLanguage.values),
                randomness.choice(LicenceCode.values),
                randomness.randrange(0, 50),
            ))  # fmt: skip
        with connection.cursor() as cursor:
            cursor.executemany(
                # The table name comes from the model, never from input.
                f"INSERT INTO {ResourcePage._meta.db_table} (page_ptr_id, resource_type, "  # noqa: S608
                "summary, body, discipline, level, language, period, genre, licence, "
                "permission_note, attribution, source_url, useful_count) VALUES "
                "(%s, %s, %s, '[]'::jsonb, %s, %s, %s, '', '', %s, 'ok', '', '', %s)",
                rows,
            )
        through = ResourcePage.instruments.through
        through.objects.bulk_create(
            [through(resourcepage_id=page.pk, instrument_id=randomness.choice(instruments))
             for page in created],
            batch_size=2000,
        )  # fmt: skip
        ResourceAuthor.objects.bulk_create(
            [ResourceAuthor(page_id=page.pk, name="Claire Martin", sort_order=0)
             for page in created],
            batch_size=2000,
        )  # fmt: skip
        Page.objects.filter(pk=hub.pk).update(numchild=count)


def _index_resources():
    from wagtail.search.backends import get_search_backend

    from learning_hub.models import ResourcePage

    backend = get_search_backend()
    index = backend.get_index_for_model(ResourcePage)
    queryset = ResourcePage.objects.order_by("pk")
    for start in range(0, queryset.count(), 1000):
        index.add_items(ResourcePage, list(queryset[start : start + 1000]))


# --- Measures ---------------------------------------------------------------------------


def query_counts(urls):
    """Return {name: (cold, uncached, warm)} query counts of each page for an anonymous visitor.

    Cold: nothing cached; uncached: the page is rendered again (the hub's pages purged) but
    the site shell and the opening phases come from the cache; warm: a cache hit.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from learning_hub.caching import purge_all

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        client.get(url)  # Wagtail's site-root paths and other per-process memos
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        purge_all()
        with CaptureQueriesContext(connection) as uncached:
            assert client.get(url).status_code == 200, url
        counts[name] = (len(cold), len(uncached), len(warm))
    return counts


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, workers):
    env = {**os.environ, **ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "web:application",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--worker-class", "sync",
            "--log-level", "warning",
            "--error-logfile", "-",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            status, _ = fetch(port, "/bench/bare/")
            if status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start (see its errors above)")


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        return response.status, body
    finally:
        connection.close()


def load(port, paths, *, seconds, concurrency, processes=2):
    """Request `paths` (an iterator factory) from `concurrency` threads for `seconds`.

    The threads are spread over `processes` client processes (forked), so that the
    client's own Python, under its GIL, does not cap the measure of small fast pages.
    Return (requests per second, p50 ms, p95 ms, errors).
    """
    processes = max(1, min(processes, concurrency))
    queue = multiprocessing.get_context("fork").Queue()
    deadline = time.monotonic() + seconds

    def client(numbers):
        latencies, errors = [], []
        lock = threading.Lock()

        def worker(number):
            mine, failed = [], 0
            for path in paths(number):
                if time.monotonic() >= deadline:
                    break
                start = time.perf_counter()
                status, _body = fetch(port, path)
                mine.append(time.perf_counter() - start)
                failed += status != 200
            with lock:
                latencies.extend(mine)
                errors.append(failed)

        threads = [threading.Thread(target=worker, args=(n,)) for n in numbers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        queue.put((latencies, sum(errors)))

    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    children = [
        context.Process(target=client, args=(range(index, concurrency, processes),))
        for index in range(processes)
    ]
    for child in children:
        child.start()
    latencies, errors = [], 0
    for _child in children:
        mine, failed = queue.get()
        latencies.extend(mine)
        errors += failed
    for child in children:
        child.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if ordered else 0
    return len(ordered) / elapsed, statistics.median(ordered) * 1000, p95 * 1000, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    args = parser.parse_args()

    began = time.monotonic()
    create_database()
    gunicorn = None
    try:
        setup_django()
        print(f"Loading {args.resources} resources into PostgreSQL ({DB_NAME})…", flush=True)
        hub = populate(args.resources)
        picker = random.Random(7)  # noqa: S311 (which pages to request, the same every run)
        numbers = picker.sample(range(1, args.resources + 1), min(200, args.resources))
        resources = [f"{hub.url}ressource-{n}/" for n in numbers]
        search = f"{hub.url}search/?q=gammes&level=beginner&instrument=piano&sort=useful"
        print(f"  loaded in {time.monotonic() - began:.0f} s", flush=True)

        counts = query_counts({"home": hub.url, "resource": resources[0], "search": search})
        from django.db import connections

        connections.close_all()

        port = _free_port()
        gunicorn = start_gunicorn(port, args.workers)
        scenarios = {
            "bare": lambda n: itertools.repeat("/bench/bare/"),
            "home": lambda n: itertools.repeat(hub.url),
            "resource": lambda n: itertools.cycle(resources[n :: args.concurrency] or resources),
            "search": lambda n: itertools.repeat(search),
            # Each client thread numbers its own requests: no two ask the same URL.
            "search-uncached": lambda n: (f"{search}&n={n}-{i}" for i in itertools.count()),
        }
        results = {}
        for path in ["/bench/bare/", hub.url, search, *resources]:
            fetch(port, path)  # every page once, as visitors would have done before
        for name, paths in scenarios.items():
            options = {"concurrency": args.concurrency, "processes": args.client_processes}
            load(port, paths, seconds=2, **options)  # warm-up
            results[name] = load(port, paths, seconds=args.seconds, **options)
            print(f"  measured {name}", flush=True)
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            drop_database()

    bare_rps = results["bare"][0]
    targets = {"home": 1 / 3, "resource": 1 / 3, "search": 1 / 20, "search-uncached": 1 / 20}
    print()
    print(f"{args.resources} resources, gunicorn {args.workers} sync workers, "
          f"{args.concurrency} concurrent clients, {args.seconds:.0f} s per page, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    print(f"{'page':<16}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'ratio':>9}"
          f"{'target':>9}{'queries cold/uncached/warm':>29}")  # fmt: skip
    for name, (rps, p50, p95, errors) in results.items():
        ratio = rps / bare_rps if bare_rps else 0
        target = targets.get(name)
        target_text = f"≥1/{round(1 / target)}" if target else ""
        verdict = "" if not target else (" ok" if ratio >= target else " MISSED")
        queries = counts.get(name.replace("-uncached", ""))
        queries_text = "/".join(map(str, queries)) if queries else "0"
        print(f"{name:<16}{rps:>9.1f}{p50:>9.1f}{p95:>9.1f}{errors:>8}{ratio:>9.3f}"
              f"{target_text:>9}{verdict:<7}{queries_text:>22}")  # fmt: skip
    print(f"\nTotal time: {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
