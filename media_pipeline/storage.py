"""Moving media between Django's storage (local disk or S3) and a worker's temporary folder."""

import mimetypes
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.files import File

CHUNK_SIZE = 1024 * 1024
# Published files never change: every version lives under its own prefix.
IMMUTABLE = "public, max-age=31536000, immutable"
CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".m4a": "audio/mp4",
    ".vtt": "text/vtt",
    ".json": "application/json",
    ".jpg": "image/jpeg",
}


def register_content_types():
    """Teach `mimetypes` (used by django-storages and file serving) the HLS types."""
    for suffix, content_type in CONTENT_TYPES.items():
        mimetypes.add_type(content_type, suffix)


def storage_errors() -> tuple[type[Exception], ...]:
    """Return the exception types of an object store that fails or cannot be reached."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - boto3 is a dependency
        return ()
    return (BotoCoreError, ClientError)


class PublishError(Exception):
    """Report a file the storage did not keep under the name it was given."""


def fetch_source(storage, name, destination: Path) -> Path:
    """Copy `name` from `storage` to `destination` in chunks; return `destination`.

    On S3, boto3's managed download streams parts to disk; elsewhere the file is copied
    chunk by chunk. Neither reads the whole source into memory.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:
        bucket.download_file(storage._normalize_name(name), str(destination))
        return destination
    with storage.open(name, "rb") as source, destination.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK_SIZE)
    return destination


def publish_directory(storage, directory: Path, prefix: str, *, last=(), workers=8) -> list[str]:
    """Upload every file of `directory` under `prefix`; the files named in `last` go last.

    Return the storage names written. Raise PublishError if the storage renamed a file
    (it must not exist already: callers publish into a fresh prefix).
    """
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    first = [p for p in files if p.name not in last]
    final = [p for p in files if p.name in last]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        names = list(pool.map(lambda p: _upload(storage, p, directory, prefix), first))
    names += [_upload(storage, p, directory, prefix) for p in final]
    return names


def _upload(storage, path: Path, root: Path, prefix: str) -> str:
    name = prefix + path.relative_to(root).as_posix()
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=path.name))
    if saved != name:
        raise PublishError(f"Storage saved {name!r} as {saved!r}.")
    return saved


def delete_prefix(storage, prefix: str) -> int:
    """Delete every file under `prefix`; return how many were deleted."""
    if not storage.exists(prefix.rstrip("/")) and not _is_bucket(storage):
        return 0
    directories, files = storage.listdir(prefix.rstrip("/"))
    count = 0
    for filename in files:
        storage.delete(f"{prefix}{filename}")
        count += 1
    for directory in directories:
        count += delete_prefix(storage, f"{prefix}{directory}/")
    if not _is_bucket(storage):
        _remove_empty_local_dir(storage, prefix)
    return count


def list_versions(storage, asset_prefix: str) -> list[str]:
    """Return the version folders (e.g. "v3") that exist under an asset's prefix."""
    if not _is_bucket(storage) and not storage.exists(asset_prefix.rstrip("/")):
        return []
    directories, _files = storage.listdir(asset_prefix.rstrip("/"))
    return sorted(directories)


def _is_bucket(storage):
    return getattr(storage, "bucket", None) is not None


def _remove_empty_local_dir(storage, prefix):
    path = Path(storage.path(prefix.rstrip("/")))
    if path.is_dir() and not any(path.iterdir()):
        path.rmdir()
