"""A job's temporary folder on the worker: locked while in use, always removed.

Each folder holds a `.lock` file under an exclusive `flock` for the life of the job. The
kernel drops the lock when the process dies, even by SIGKILL, so `sweep_workspaces` can
tell a dead job's leftovers from a live job's files and remove only the former.

A folder is set up under a hidden name (`.setup-…`) and takes its job's name only once
locked, so a job-named folder without its lock can only be one whose removal was cut short
(a job killed while cleaning up): it is swept at once. A setup folder is swept once it is
older than `SETUP_GRACE_SECONDS` and unlocked.
"""

import contextlib
import fcntl
import shutil
import time
import uuid
from pathlib import Path

LOCK_NAME = ".lock"
SETUP_PREFIX = ".setup-"
# A folder still being set up (hidden name) is left alone for this long.
SETUP_GRACE_SECONDS = 60


@contextlib.contextmanager
def job_workspace(root: Path, asset_uuid):
    """Yield a fresh locked folder for a job on `asset_uuid`; remove it on the way out."""
    root.mkdir(parents=True, exist_ok=True)
    sweep_workspaces(root, asset_uuid=asset_uuid)
    name = f"{asset_uuid}-{uuid.uuid4().hex[:12]}"
    setup, path = root / f"{SETUP_PREFIX}{name}", root / name
    setup.mkdir()
    lock = (setup / LOCK_NAME).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        setup.rename(path)  # the lock follows the file: the folder is never unlocked
        yield path
    finally:
        lock.close()
        shutil.rmtree(path if path.exists() else setup, ignore_errors=True)


def sweep_workspaces(root: Path, *, asset_uuid=None) -> list[Path]:
    """Remove the folders under `root` whose job is dead (lock free); return them."""
    if not root.is_dir():
        return []
    pattern = f"{asset_uuid}-*" if asset_uuid else "*"
    removed = []
    for path in root.glob(pattern):
        if not path.is_dir() or path.name.startswith(SETUP_PREFIX) or _lock_held(path):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    for path in root.glob(f"{SETUP_PREFIX}{pattern}"):
        young = time.time() - path.stat().st_mtime < SETUP_GRACE_SECONDS
        if path.is_dir() and not young and not _lock_held(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _lock_held(path: Path) -> bool:
    """Return True if a live process holds the lock of the folder `path`."""
    lock_path = path / LOCK_NAME
    try:
        lock = lock_path.open("r")  # never creates it
    except FileNotFoundError:
        return False
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False
