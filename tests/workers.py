"""Start a real Celery worker process on the test database and a queue of its own."""

import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery_app import app

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class WorkerProcess:
    queue: str
    process: subprocess.Popen
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(tmp_dir: Path, *, queues=(), concurrency=1, env=None) -> WorkerProcess:
    """Start `celery worker` on the test database, listening on a fresh queue plus `queues`.

    `env` adds environment variables (settings the worker must share with the test).
    """
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    if settings.CELERY_BROKER_URL == "filesystem://":
        env["VAR_DIR"] = str(settings.VAR_DIR)
    log_path = tmp_dir / f"{queue}.log"
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker",
        "-Q", ",".join([queue, *queues]), "--concurrency", str(concurrency),
        "--without-gossip", "--without-mingle", "--loglevel", "INFO", "-n", f"{queue}@%h",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    return WorkerProcess(queue=queue, process=process, log_path=log_path)


def send(task_name, *args, queue, **kwargs):
    """Send `task_name` to `queue` through the broker the settings name."""
    return app.send_task(task_name, args=args, kwargs=kwargs, queue=queue)


def purge(*queues):
    """Drop every message waiting in `queues`, left over by an earlier test."""
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for queue in queues:
            channel.queue_purge(queue)


def job_callbacks(callbacks):
    """Return the on-commit callbacks that queue media jobs, leaving out the caches' own
    (pages and the site shell bump their generations on commit too)."""
    return [c for c in callbacks if c.__module__.startswith(("media_pipeline", "studio"))]
