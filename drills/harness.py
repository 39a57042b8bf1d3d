"""Pieces for fault drills: private servers that a drill may stop, the platform's processes.

A drill starts everything it breaks on its own: a PostgreSQL 15 cluster and a Redis server
in a folder under ``var/drills/``, each on a free loopback port, so that stopping one never
touches the machine's own servers (PostgreSQL on 5432, Redis on 6379) nor anyone's data.
Then it runs the platform against them as in production: gunicorn and a real Celery worker
in their own process groups.

    with Drill("database") as drill:            # var/drills/database-XXXX/, removed at exit
        postgres = drill.postgres()             # initdb + start, trust auth
        redis = drill.redis()
        env = drill.platform_env(postgres.url("platform"), redis)
        postgres.create_database("platform")
        setup_django(env)                       # this process talks to the private servers
        call_command("migrate")
        web = drill.web(env, workers=2)         # gunicorn, answers /healthz
        worker = drill.worker(env, queues=("default", "media"))
        postgres.stop(mode="fast")              # the fault …
        postgres.start()                        # … and the return

Everything started is stopped when the `with` block ends, on an exception, on Ctrl-C
(SIGINT) or SIGTERM: processes by their process group, the servers with an immediate
shutdown; then the folder is removed (``keep=True`` leaves it, with the logs).

PostgreSQL refuses to run as root: when the drill runs as root, the cluster's folder
belongs to the ``postgres`` user and every server command runs through
``runuser -u postgres --``.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRILLS_DIR = ROOT / "var" / "drills"
PG_BIN = Path(os.environ.get("DRILL_PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = os.environ.get("DRILL_REDIS_SERVER", "redis-server")
# The machine's own servers: a drill never listens there, whatever port the OS hands out.
RESERVED_PORTS = {5432, 6379}


def free_port():
    """Return a loopback TCP port that nothing listens on (never 5432 or 6379)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


def port_open(port, host="127.0.0.1", timeout=0.5):
    """Return whether something accepts TCP connections on `port`."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(predicate, *, timeout, interval=0.2, what="the condition"):
    """Call `predicate()` until it returns a true value and return it; raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(interval)


def _bin(name):
    return str(Path(sys.executable).parent / name)


# --- Servers ---------------------------------------------------------------------------------


@dataclass
class Postgres:
    """A private PostgreSQL cluster in `directory`, on 127.0.0.1:`port`, trust auth.

    `start()` and `stop()` may be called any number of times; `stop(mode="immediate")` is a
    crash (recovery at the next start), `mode="fast"` a clean shutdown that disconnects
    every client.
    """

    directory: Path
    port: int = field(default_factory=free_port)
    user: str = "postgres"

    @property
    def data(self):
        return self.directory / "data"

    @property
    def log_path(self):
        return self.directory / "postgres.log"

    def _run(self, *command, check=True):
        prefix = ["runuser", "-u", self.user, "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, timeout=120
        )

    def init(self):
        """Create the cluster (initdb) and configure it for loopback only."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            account = pwd.getpwnam(self.user)
            os.chown(self.directory, account.pw_uid, account.pw_gid)
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
            "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync",
        )  # fmt: skip
        settings = {
            "port": self.port,
            "listen_addresses": "'127.0.0.1'",
            # Its own socket folder: /var/run/postgresql belongs to the machine's server.
            "unix_socket_directories": f"'{self.directory}'",
            "max_connections": 60,
            # A drill's data is thrown away: skip the disk flushes (writes still reach the
            # kernel, so an immediate shutdown loses nothing that was committed).
            "fsync": "off",
            "full_page_writes": "off",
        }
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        return self

    def start(self, timeout=60):
        """Start the server and wait until it accepts connections."""
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_path),
            "-w", "-t", str(timeout), "start",
        )  # fmt: skip
        return self

    def stop(self, mode="fast"):
        """Stop the server (`fast`: disconnect clients and shut down; `immediate`: crash)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self):
        result = self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status", check=False)
        return result.returncode == 0

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="postgres"):
        """Run one statement in autocommit mode; return the rows it returned, if any."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True
        ) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, name):
        self.sql(f'CREATE DATABASE "{name}"')

    def close(self):
        if self.data.exists() and self.is_running():
            self.stop(mode="immediate")


@dataclass
class Redis:
    """A private Redis server on 127.0.0.1:`port`, nothing saved to disk."""

    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log_path(self):
        return self.directory / "redis.log"

    def start(self, timeout=20):
        """Start the server (empty: it keeps nothing across a stop) and wait for it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.directory),
                "--logfile", str(self.log_path),
            ],
            start_new_session=True,
        )  # fmt: skip
        wait_until(lambda: port_open(self.port), timeout=timeout, what="redis-server starting")
        return self

    def stop(self):
        """Stop the server at once (SIGKILL: like a crash; what it held is gone)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def url(self, database=0):
        return f"redis://127.0.0.1:{self.port}/{database}"

    def close(self):
        self.stop()


# --- The platform's processes -------------------------------------------------------------


@dataclass
class Process:
    """A process started in its own process group, its output in `log_path`."""

    name: str
    popen: subprocess.Popen
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self):
        return self.popen.poll() is None

    def stop(self, timeout=30):
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()

    close = stop


def http_status(url, timeout=10):
    """Return the status of a GET of `url`, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def setup_django(env):
    """Point this process's Django at `env` (the drill's servers) and set it up."""
    os.environ.update(env)
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- A drill: its folder, its servers, its processes, its clean-up ----------------------


class Drill:
    """The folder and everything a drill starts; a context manager that cleans up at exit."""

    def __init__(self, name, *, keep=False):
        self.name = name
        self.keep = keep
        self.directory = None
        self._stack = contextlib.ExitStack()
        self._previous_handlers = {}

    def __enter__(self):
        DRILLS_DIR.mkdir(parents=True, exist_ok=True)
        self.directory = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=DRILLS_DIR))
        # The postgres user must reach its cluster inside.
        os.chmod(self.directory, 0o755)  # noqa: S103
        for number in (signal.SIGTERM, signal.SIGHUP):
            self._previous_handlers[number] = signal.signal(number, self._interrupted)
        return self

    def __exit__(self, *exc_info):
        try:
            self._stack.close()
        finally:
            for number, handler in self._previous_handlers.items():
                signal.signal(number, handler)
            if not self.keep:
                shutil.rmtree(self.directory, ignore_errors=True)
            else:
                print(f"Drill files kept in {self.directory}")
        return False

    @staticmethod
    def _interrupted(number, frame):
        # Unwinds like Ctrl-C, so that every `finally` and the exit stack run.
        raise KeyboardInterrupt(f"signal {number}")

    def adopt(self, thing):
        """Close `thing` (anything with `close()`) when the drill ends; return it."""
        self._stack.callback(thing.close)
        return thing

    def postgres(self):
        """Create and start a private PostgreSQL cluster."""
        postgres = Postgres(self.directory / "postgres")
        self.adopt(postgres)
        return postgres.init().start()

    def redis(self):
        """Start a private Redis server."""
        return self.adopt(Redis(self.directory / "redis")).start()

    def platform_env(self, database_url, redis, **extra):
        """Return the environment of the platform's processes on the drill's servers.

        Test settings (static files without a manifest, no HTTPS redirect) with what
        production does about connections: persistent ones (CONN_MAX_AGE=60).
        """
        var = self.directory / "var"
        return {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "MEDIA_PIPELINE_TMP_DIR": str(var / "tmp" / "media"),
            "DEBUG": "0",
            "CELERY_BROKER_URL": redis.url(0),
            "CELERY_RESULT_BACKEND": redis.url(1),
            "CACHE_URL": redis.url(2),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def spawn(self, name, command, env):
        """Start `command` in its own process group with `env`; stopped at the end."""
        log_path = self.directory / f"{name}.log"
        clean = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        with log_path.open("ab") as log:
            popen = subprocess.Popen(
                command, cwd=ROOT, env={**clean, **env}, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self.adopt(Process(name, popen, log_path))

    def web(self, env, *, workers=2, timeout=60):
        """Start gunicorn (sync workers, as bench/load.py) and wait for /healthz to say 200."""
        port = free_port()
        process = self.spawn(
            "web",
            [
                _bin("gunicorn"), "config.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                "--timeout", "60", "--log-level", "warning", "--error-logfile", "-",
            ],
            env,
        )  # fmt: skip
        process.url = f"http://127.0.0.1:{port}"
        try:
            wait_until(
                lambda: not process.alive() or http_status(f"{process.url}/healthz") == 200,
                timeout=timeout,
                what="gunicorn answering /healthz",
            )
        except TimeoutError as error:
            raise RuntimeError(f"{error}\n{process.log()[-3000:]}") from error
        if not process.alive():
            raise RuntimeError(f"gunicorn exited:\n{process.log()[-3000:]}")
        return process

    def worker(self, env, *, queues=("default",), concurrency=1, loglevel="INFO"):
        """Start a real Celery worker on `queues`; its log is the drill's `worker.log`."""
        return self.spawn(
            "worker",
            [
                _bin("celery"), "-A", "config", "worker", "-Q", ",".join(queues),
                "--concurrency", str(concurrency), "--without-gossip", "--without-mingle",
                "--loglevel", loglevel, "-n", f"drill-{self.name}@%h",
            ],
            env,
        )  # fmt: skip
