"""Writing package files so that a reader sees them whole or not at all."""

import contextlib
import os
import secrets
import shutil
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8, LF) to `path` through a synced temporary file and a rename."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


# Less free space than this after a write failed means the write failed for want of space.
DISK_FULL_MARGIN = 1024 * 1024


def disk_is_full(path: Path) -> bool:
    """Return whether the file system holding `path` has (almost) no space left."""
    return shutil.disk_usage(path).free < DISK_FULL_MARGIN
