"""A job's temporary folder on the worker: locked while in use, always removed.

Each folder holds a `.lock` file under an exclusive `flock` for the life of the job. The
kernel drops the lock when the process dies, even by SIGKILL, so `sweep_workspaces` can
tell a dead job's leftovers from a live job's files and remove only the former.
"""

import contextlib
import fcntl
import shutil
import time
import uuid
from pathlib import Path

LOCK_NAME = ".lock"
# A folder without its lock file yet is being set up; leave it alone for this long.
SETUP_GRACE_SECONDS = 60


@contextlib.contextmanager
def job_workspace(root: Path, asset_uuid):
    """Yield a fresh locked folder for a job on `asset_uuid`; remove it on the way out."""
    root.mkdir(parents=True, exist_ok=True)
    sweep_workspaces(root, asset_uuid=asset_uuid)
    path = root / f"{asset_uuid}-{uuid.uuid4().hex[:12]}"
    path.mkdir()
    lock = (path / LOCK_NAME).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield path
    finally:
        lock.close()
        shutil.rmtree(path, ignore_errors=True)


def sweep_workspaces(root: Path, *, asset_uuid=None) -> list[Path]:
    """Remove the folders under `root` whose job is dead (lock free); return them."""
    if not root.is_dir():
        return []
    pattern = f"{asset_uuid}-*" if asset_uuid else "*"
    removed = []
    for path in root.glob(pattern):
        if path.is_dir() and not _is_locked(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _is_locked(path: Path) -> bool:
    lock_path = path / LOCK_NAME
    if not lock_path.exists():
        return time.time() - path.stat().st_mtime < SETUP_GRACE_SECONDS
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False
