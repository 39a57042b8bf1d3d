"""Workflows on media assets: create, probe, confirm, transcode and publish, cancel, retry.

Every state change is a conditional update (`MediaAsset.transition`), so a duplicate or
redelivered job finds the asset already moved on and does nothing.
"""

import errno
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import storage as media_storage
from .engine import errors as engine_errors
from .messages import (
    disk_full_message,
    internal_failure_message,
    refusal_message,
    storage_retry_message,
)
from .models import AssetProfile, AssetState, MediaAsset
from .signals import media_asset_failed, media_asset_ready
from .workspace import job_workspace

logger = logging.getLogger(__name__)
MANIFEST_NAME = "manifest.json"
JOB_STATES = (AssetState.TRANSCODING, AssetState.PUBLISHING)
CANCEL_CHECK_SECONDS = 2.0


class LeaseHeld(Exception):
    """Another job holds the asset; retry once its lease can have expired."""

    def __init__(self, seconds):
        super().__init__(f"Another job holds the asset for {seconds:.0f} more seconds.")
        self.seconds = seconds


class TransientError(Exception):
    """Report a failure that a later attempt may not meet (storage, network)."""


@dataclass(frozen=True)
class Overrides:
    projection: str = ""
    stereo_mode: str = ""
    audio_layout: str = ""


# --- Creating and confirming --------------------------------------------------


def asset_create(*, owner, file, profile=AssetProfile.IMMERSIVE, confirmed=False) -> MediaAsset:
    """Store `file` as the source of a new asset and queue its probe once committed."""
    asset = MediaAsset(
        owner=owner,
        profile=profile,
        original_filename=PurePosixPath(file.name).name[:255],
        source_size=file.size,
        confirmed_at=timezone.now() if confirmed else None,
    )
    asset.source.save(file.name, file, save=False)
    asset.save()
    enqueue_probe(asset)
    return asset


def asset_create_from_storage(
    *, owner, asset_uuid, source_name, original_filename, size,
    profile=AssetProfile.IMMERSIVE, confirmed=False,
) -> MediaAsset:  # fmt: skip
    """Adopt a file already written to storage (a finished upload); queue its probe."""
    asset = MediaAsset.objects.create(
        uuid=asset_uuid,
        owner=owner,
        profile=profile,
        source=source_name,
        original_filename=PurePosixPath(original_filename).name[:255],
        source_size=size,
        confirmed_at=timezone.now() if confirmed else None,
    )
    enqueue_probe(asset)
    return asset


def asset_confirm(*, asset, projection="", stereo_mode="", audio_layout="") -> bool:
    """Record what the uploader confirmed and queue the transcode; return True if queued."""
    moved = asset.transition(
        AssetState.QUEUED,
        allowed_from=[AssetState.PROBED],
        projection=projection,
        stereo_mode=stereo_mode,
        audio_layout=audio_layout,
        confirmed_at=timezone.now(),
        progress=0,
    )
    if moved:
        enqueue_transcode(asset)
    return moved


def enqueue_probe(asset):
    from .tasks import probe_asset

    asset_id = asset.pk
    transaction.on_commit(lambda: send_job(probe_asset, asset_id))


def enqueue_transcode(asset):
    from .tasks import transcode_asset

    asset_id, (soft, hard) = asset.pk, time_limits(asset)
    transaction.on_commit(
        lambda: send_job(transcode_asset, asset_id, soft_time_limit=soft, time_limit=hard)
    )


def send_job(task, asset_id, **options) -> bool:
    """Send `task` for `asset_id` to the broker; return False if the broker was unreachable.

    The asset is saved by then (this runs on commit): a broker that is down must not turn
    the request that saved it into an error. The asset keeps its state, and the sweeper
    (`sweep_stalled`) sends the job again once it has waited MEDIA_PIPELINE_REQUEUE_AFTER.
    """
    try:
        task.apply_async(args=[asset_id], **options)
    except OperationalError as exc:
        logger.error(
            "Asset %s: %s could not be sent, the broker is unreachable (%s); "
            "the sweeper will send it again.",
            asset_id,
            task.name,
            exc,
        )
        return False
    return True


def time_limits(asset) -> tuple[int, int]:
    """Return (soft, hard) limits in seconds, scaled by the recording's duration."""
    duration = float((asset.probe or {}).get("duration") or 600)
    soft = int(300 + duration * 20)
    return soft, soft + 120


# --- Probe --------------------------------------------------------------------


def run_probe(*, asset_id, job_token=None) -> None:
    """Probe the source of `asset_id`; move it to probed, queued (if confirmed) or failed.

    `job_token` identifies the job; its retry passes the same one, to take back the asset
    that a try left in `probing` when the database went away.
    """
    from .engine.probe import probe

    asset = _load(asset_id)
    if asset is None:
        return
    token = job_token or uuid.uuid4()
    if not (
        asset.transition(AssetState.PROBING, allowed_from=[AssetState.UPLOADED], **_lease(token))
        or (job_token and _resume(asset, token, AssetState.PROBING))
    ):
        logger.info("Asset %s is %s: probe skipped.", asset_id, asset.state)
        return
    try:
        with job_workspace(settings.MEDIA_PIPELINE_TMP_DIR, asset.uuid) as workdir:
            source = _fetch(asset, workdir)
            description = probe(source, limits=probe_limits())
            _save_preview(asset, source, description, workdir)
    except engine_errors.InvalidMediaError as exc:
        _fail(asset, token, refusal_message(exc), str(exc))
        return
    except engine_errors.MediaError as exc:
        _fail(asset, token, internal_failure_message(), repr(exc))
        return
    except TransientError:
        asset.transition(
            AssetState.UPLOADED,
            allowed_from=[AssetState.PROBING],
            job_token=None,
            error_message=storage_retry_message(previous_version=False),
        )
        raise
    _probed(asset, token, description)


def _probed(asset, token, description):
    data = description.to_dict()
    kind = "video" if data.get("video") else "audio"
    target = AssetState.QUEUED if asset.confirmed_at else AssetState.PROBED
    moved = _transition_owned(
        asset, token, target, probe=data, kind=kind, error_message="", lease_expires_at=None,
        job_token=None,
    )  # fmt: skip
    if moved and target == AssetState.QUEUED:
        enqueue_transcode(asset)


def _save_preview(asset, source, description, workdir):
    """Store a still frame for the uploader's confirmation; a failure costs only the picture."""
    from .engine.preview import make_preview

    try:
        frame = make_preview(source, workdir / "preview.jpg", description)
    except engine_errors.FFmpegError as exc:
        logger.warning("Asset %s: no preview frame (%s).", asset.pk, exc)
        return
    if frame is not None:
        default_storage.delete(asset.preview_name)
        with frame.open("rb") as handle:
            default_storage.save(asset.preview_name, File(handle, name="preview.jpg"))


def probe_limits():
    from .engine.types import ProbeLimits

    return ProbeLimits(
        max_duration=settings.MEDIA_PIPELINE_MAX_DURATION,
        max_width=settings.MEDIA_PIPELINE_MAX_WIDTH,
        max_height=settings.MEDIA_PIPELINE_MAX_HEIGHT,
        max_file_size=settings.MEDIA_PIPELINE_MAX_UPLOAD_BYTES,
        time_limit=settings.MEDIA_PIPELINE_PROBE_TIMEOUT,
    )


# --- Transcode and publish ------------------------------------------------------


def run_transcode(*, asset_id, interrupted=(), job_token=None) -> None:
    """Transcode and publish `asset_id`; a no-op if another job owns it or it moved on.

    `interrupted` names exception types that mean the job ran out of time (the task
    queue's soft time limit); they end in `failed` like the engine's own time limit.
    `job_token` identifies the job; its retry passes the same one, to take back the asset
    that a try left transcoding or publishing when the database went away.
    Raise LeaseHeld when a job that may still be alive holds the asset, TransientError
    when storage failed in a way a retry may not meet.
    """
    asset = _load(asset_id)
    if asset is None:
        return
    token = _claim(asset, job_token)
    if token is None:
        return
    if asset.attempts > settings.MEDIA_PIPELINE_MAX_ATTEMPTS:
        _fail(asset, token, internal_failure_message(), "Too many attempts; last worker died.")
        return
    try:
        with (
            _heartbeat(asset, token),
            job_workspace(settings.MEDIA_PIPELINE_TMP_DIR, asset.uuid) as workdir,
        ):
            result = _transcode(asset, token, workdir)
            _publish(asset, token, result)
    except engine_errors.MediaCancelledError:
        logger.info("Asset %s: job cancelled.", asset_id)
    except engine_errors.InvalidMediaError as exc:
        _fail(asset, token, refusal_message(exc), str(exc))
    except engine_errors.DiskFullError as exc:
        # The workspace is gone with the `with` block: the next job has its space back.
        _fail(asset, token, disk_full_message(), f"Disk full: {exc}")
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        _fail(asset, token, disk_full_message(), f"Disk full: {exc!r}")
    except (engine_errors.MediaError, *interrupted) as exc:
        _fail(asset, token, internal_failure_message(), f"{type(exc).__name__}: {exc}")
    except TransientError as exc:
        _wait_for_retry(asset, token, exc)
        raise


def _wait_for_retry(asset, token, exc):
    """Queue `asset` again for the task's retry, and tell the uploader why it waits.

    The job ended cleanly, so it does not count among the attempts that stop an asset
    whose workers keep dying: a long storage outage must not turn into `failed`. The
    published version, if any, is left as it is.
    """
    logger.warning("Asset %s: storage unreachable, the job will retry (%s).", asset.pk, exc)
    _transition_owned(
        asset,
        token,
        AssetState.QUEUED,
        attempts=F("attempts") - 1,
        error_message=storage_retry_message(previous_version=bool(asset.published_prefix)),
        error_detail=str(exc)[-4000:],
        job_token=None,
        lease_expires_at=None,
    )


def _claim(asset, job_token=None):
    """Take the asset for a new job (or `job_token`'s retry); return the job's token, or
    None for a no-op."""
    token = job_token or uuid.uuid4()
    fresh = asset.transition(
        AssetState.TRANSCODING,
        allowed_from=[AssetState.QUEUED],
        attempts=F("attempts") + 1,
        progress=0,
        **_lease(token),
    )
    if fresh:
        return token
    if job_token and _resume(asset, token, AssetState.TRANSCODING, progress=0):
        return token
    if asset.state not in JOB_STATES:
        logger.info("Asset %s is %s: transcode skipped.", asset.pk, asset.state)
        return None
    now = timezone.now()
    taken = MediaAsset.objects.filter(
        pk=asset.pk, state__in=JOB_STATES, lease_expires_at__lt=now
    ).update(state=AssetState.TRANSCODING, attempts=F("attempts") + 1, progress=0, **_lease(token))
    asset.refresh_from_db()
    if taken:
        logger.warning("Asset %s: took over a job whose worker stopped renewing it.", asset.pk)
        return token
    raise LeaseHeld((asset.lease_expires_at - now).total_seconds() + 1)


def _transcode(asset, token, workdir: Path):
    from .engine.transcode import TranscodeOptions, transcode

    source = _fetch(asset, workdir / "source")
    options = TranscodeOptions(
        projection=asset.projection or None,
        stereo_mode=asset.stereo_mode or None,
        audio_layout=asset.audio_layout or None,
        flat_only=asset.profile == AssetProfile.FLAT,
        preset=settings.MEDIA_PIPELINE_X264_PRESET,
        limits=probe_limits(),
    )
    reporter = _ProgressReporter(asset, token)
    return transcode(
        source,
        workdir / "out",
        options=options,
        progress=reporter.report,
        cancelled=reporter.cancelled,
    )


def _publish(asset, token, result):
    if not _transition_owned(asset, token, AssetState.PUBLISHING):
        raise engine_errors.MediaCancelledError("The job lost the asset before publishing.")
    version = asset.version + 1
    prefix = f"{asset.storage_prefix}v{version}-{token.hex[:8]}/"
    try:
        media_storage.delete_prefix(default_storage, prefix)
        media_storage.publish_directory(
            default_storage, Path(result.directory), prefix, last=(MANIFEST_NAME,)
        )
    except (OSError, media_storage.PublishError, *media_storage.storage_errors()) as exc:
        raise TransientError(f"Publishing failed: {exc!r}") from exc
    with transaction.atomic():
        switched = _transition_owned(
            asset,
            token,
            AssetState.READY,
            version=version,
            published_prefix=prefix,
            manifest=result.manifest,
            progress=100,
            ready_at=timezone.now(),
            error_message="",
            error_detail="",
            job_token=None,
            lease_expires_at=None,
        )
        if switched:
            transaction.on_commit(lambda: _after_publish(asset.pk, prefix, version))
    if not switched:
        media_storage.delete_prefix(default_storage, prefix)


def _after_publish(asset_id, prefix, version):
    asset = MediaAsset.objects.get(pk=asset_id)
    remove_old_versions(asset)
    media_asset_ready.send(sender=MediaAsset, asset_id=asset_id, version=version)


def remove_old_versions(asset) -> list[str]:
    """Delete every version folder of `asset` except the published one; return them."""
    current = asset.published_prefix.rstrip("/").rsplit("/", 1)[-1]
    removed = []
    for folder in media_storage.list_versions(default_storage, asset.storage_prefix):
        if folder != current:
            media_storage.delete_prefix(default_storage, f"{asset.storage_prefix}{folder}/")
            removed.append(folder)
    return removed


# --- Cancel, retry, reprocess, sweep -------------------------------------------------


def asset_cancel(*, asset) -> bool:
    """Cancel the processing of `asset`; a running job notices and stops. Return True if so."""
    return asset.transition(
        AssetState.CANCELLED,
        allowed_from=[
            AssetState.UPLOADED,
            AssetState.PROBING,
            AssetState.PROBED,
            AssetState.QUEUED,
            AssetState.TRANSCODING,
        ],
        job_token=None,
        lease_expires_at=None,
        error_message="",
    )


def asset_retry(*, asset) -> bool:
    """Start a failed or cancelled asset again from where its probe left it."""
    target = AssetState.QUEUED if asset.probe else AssetState.UPLOADED
    moved = asset.transition(
        target,
        allowed_from=[AssetState.FAILED, AssetState.CANCELLED],
        attempts=0,
        progress=0,
        error_message="",
        error_detail="",
    )
    if moved:
        (enqueue_transcode if target == AssetState.QUEUED else enqueue_probe)(asset)
    return moved


def asset_reprocess(*, asset) -> bool:
    """Transcode a ready asset again (new settings or engine); the old version stays live."""
    moved = asset.transition(
        AssetState.QUEUED, allowed_from=[AssetState.READY], attempts=0, progress=0
    )
    if moved:
        enqueue_transcode(asset)
    return moved


def sweep_stalled() -> list[int]:
    """Queue again every asset whose job died or never reached a worker; return their ids."""
    requeued = []
    for asset in MediaAsset.objects.stalled():
        if asset.state in (AssetState.UPLOADED, AssetState.PROBING):
            if asset.state == AssetState.PROBING and not asset.transition(
                AssetState.UPLOADED,
                allowed_from=[AssetState.PROBING],
                job_token=None,
                lease_expires_at=None,
            ):
                continue
            enqueue_probe(asset)
        else:
            enqueue_transcode(asset)
        MediaAsset.objects.filter(pk=asset.pk).update(updated_at=timezone.now())
        requeued.append(asset.pk)
    return requeued


# --- Helpers ----------------------------------------------------------------------


def _load(asset_id):
    asset = MediaAsset.objects.filter(pk=asset_id).first()
    if asset is None:
        logger.info("Asset %s no longer exists: job dropped.", asset_id)
    return asset


def _lease(token):
    return {
        "job_token": token,
        "lease_expires_at": timezone.now()
        + timedelta(seconds=settings.MEDIA_PIPELINE_LEASE_SECONDS),
    }


def _resume(asset, token, to, **fields) -> bool:
    """Take `asset` back for the retry of the job holding `token`, whose last try lost the
    database midway; return True if that job still holds it.

    Its lease is its own, so the retry need not wait for it to lapse; and it is the same
    attempt, so it does not count among the `attempts` that stop a job whose workers die.
    """
    moved = _transition_owned(asset, token, to, **_lease(token), **fields)
    if moved:
        logger.warning("Asset %s: job resumed after losing the database.", asset.pk)
    return moved


def _transition_owned(asset, token, to, **fields) -> bool:
    """Move `asset` to `to` only while the job holding `token` still owns it."""
    fields["updated_at"] = timezone.now()
    moved = MediaAsset.objects.filter(pk=asset.pk, job_token=token).update(state=to, **fields)
    asset.refresh_from_db()
    return bool(moved)


def _fail(asset, token, message, detail):
    logger.warning("Asset %s failed: %s", asset.pk, detail)
    moved = _transition_owned(
        asset,
        token,
        AssetState.FAILED,
        error_message=message,
        error_detail=detail[-4000:],
        job_token=None,
        lease_expires_at=None,
    )
    if moved:
        transaction.on_commit(
            lambda: media_asset_failed.send(sender=MediaAsset, asset_id=asset.pk, message=message)
        )


def _fetch(asset, workdir: Path) -> Path:
    suffix = PurePosixPath(asset.source.name).suffix
    try:
        return media_storage.fetch_source(
            default_storage, asset.source.name, workdir / f"source{suffix}"
        )
    except FileNotFoundError as exc:
        raise engine_errors.InvalidMediaError(
            "The file cannot be found.", reason=engine_errors.RejectReason.MISSING
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise engine_errors.DiskFullError(f"Copying the source failed: {exc}") from exc
        raise TransientError(f"Reading the source failed: {exc!r}") from exc
    except media_storage.storage_errors() as exc:
        raise TransientError(f"Reading the source failed: {exc!r}") from exc


class _ProgressReporter:
    """Write progress to the database at most once per percent; notice cancellation."""

    def __init__(self, asset, token):
        self.asset_id = asset.pk
        self.token = token
        self.last = -1
        self.checked_at = 0.0
        self.was_cancelled = False

    def report(self, fraction):
        percent = min(99, int(fraction * 100))
        if percent > self.last:
            self.last = percent
            MediaAsset.objects.filter(pk=self.asset_id, job_token=self.token).update(
                progress=percent
            )

    def cancelled(self):
        """Return True once the asset was cancelled or taken by another job (checked every 2 s)."""
        now = time.monotonic()
        if not self.was_cancelled and now - self.checked_at >= CANCEL_CHECK_SECONDS:
            self.checked_at = now
            self.was_cancelled = not MediaAsset.objects.filter(
                pk=self.asset_id, job_token=self.token, state=AssetState.TRANSCODING
            ).exists()
        return self.was_cancelled


class _heartbeat:
    """Renew the job's lease from a thread while the block runs."""

    def __init__(self, asset, token):
        self.asset_id = asset.pk
        self.token = token
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join()

    def _run(self):
        from django.db import connection

        interval = settings.MEDIA_PIPELINE_LEASE_SECONDS / 3
        try:
            while not self.stop.wait(interval):
                self._beat(connection)
        finally:
            connection.close()

    def _beat(self, connection):
        try:
            MediaAsset.objects.filter(pk=self.asset_id, job_token=self.token).update(
                lease_expires_at=timezone.now()
                + timedelta(seconds=settings.MEDIA_PIPELINE_LEASE_SECONDS)
            )
        except DatabaseError as exc:
            # The database is down or restarting: the job meets it too and retries, or it
            # comes back before the lease lapses; either way the next beat reconnects.
            logger.warning("Asset %s: lease not renewed (%s).", self.asset_id, exc)
            connection.close()
