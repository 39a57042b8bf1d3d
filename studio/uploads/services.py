"""The upload protocol's workflows: start, sign, list, complete, abort, and sweep stale ones."""

import datetime
import logging
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from media_pipeline import services as media_services

from .. import services as studio_services
from . import storage
from .errors import UploadError
from .models import Upload, UploadState

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = {
    ".mp4", ".mov", ".m4v", ".mkv", ".webm", ".wav", ".flac", ".ogg", ".oga", ".mp3", ".m4a",
}  # fmt: skip
ALLOWED_MIME_PREFIXES = ("video/", "audio/")
# Browsers report some containers under generic or odd types; the extension decides then.
TOLERATED_MIME_TYPES = {"", "application/octet-stream", "application/ogg", "application/x-matroska"}


def max_upload_bytes():
    return settings.MEDIA_PIPELINE_MAX_UPLOAD_BYTES


def storage_key_for(asset_uuid, filename):
    return f"media/sources/{asset_uuid}/source{PurePosixPath(filename).suffix.lower()}"


def check_declared_file(*, filename, content_type, size):
    """Raise UploadError unless the announced file may be uploaded."""
    if not filename or not PurePosixPath(filename).name:
        raise UploadError("file_name")
    extension = PurePosixPath(filename).suffix.lower()
    content_type = (content_type or "").split(";")[0].strip().lower()
    type_ok = content_type in TOLERATED_MIME_TYPES or content_type.startswith(ALLOWED_MIME_PREFIXES)
    if extension not in ALLOWED_EXTENSIONS or not type_ok:
        raise UploadError("file_type")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise UploadError("file_empty")
    if size > max_upload_bytes():
        raise UploadError("file_too_large", limit=filesizeformat(max_upload_bytes()))


def upload_create(*, owner, filename, content_type, size, purpose="", scope="") -> Upload:
    """Check the announced file and open a multipart upload for it; return the Upload.

    `purpose` and `scope` bind the upload to a registered purpose (empty: a recording).
    """
    check_declared_file(filename=filename, content_type=content_type, size=size)
    asset_uuid = uuid.uuid4()
    upload = Upload(
        uuid=asset_uuid,
        owner=owner,
        purpose=purpose,
        scope=scope,
        original_filename=PurePosixPath(filename).name[:255],
        declared_size=size,
        content_type=(content_type or "")[:100],
        storage_key=storage_key_for(asset_uuid, filename),
    )
    upload.s3_upload_id = storage.backend().start(upload)
    upload.save()
    return upload


def upload_get(*, user, upload_uuid, for_update=False, purpose="", scope=None) -> Upload:
    """Return the user's upload still in progress; raise UploadError otherwise.

    An upload answers only under the purpose (and, when given, the scope) it was made for.
    """
    queryset = Upload.objects.select_for_update() if for_update else Upload.objects
    lookup = {"uuid": upload_uuid, "owner": user, "purpose": purpose}
    if scope is not None:
        lookup["scope"] = scope
    try:
        upload = queryset.get(**lookup)
    except Upload.DoesNotExist as exc:
        raise UploadError("not_found", status=404) from exc
    if upload.state != UploadState.UPLOADING:
        raise UploadError("not_uploading", status=409)
    return upload


def check_part_number(part_number):
    if not 1 <= part_number <= storage.MAX_PARTS:
        raise UploadError("part_number", max=storage.MAX_PARTS)


def upload_sign_part(*, upload, part_number, user) -> dict:
    """Return {"url", "method"} to send part `part_number` of the upload."""
    check_part_number(part_number)
    Upload.objects.filter(pk=upload.pk).update(updated_at=timezone.now())
    return storage.backend().sign_part(upload, part_number, user)


def upload_receive_part(*, upload, part_number, user, token, stream) -> str:
    """Store a part sent to Django (local storage); return its quoted ETag."""
    check_part_number(part_number)
    parts = storage.backend()
    if not isinstance(parts, storage.LocalParts):
        raise UploadError("bad_request")
    parts.check_token(upload, part_number, user, token)
    etag = parts.receive_part(
        upload, part_number, stream, max_bytes=min(upload.declared_size, storage.S3_MAX_PART_SIZE)
    )
    Upload.objects.filter(pk=upload.pk).update(updated_at=timezone.now())
    return etag


def upload_list_parts(*, upload) -> list[dict]:
    """Return the parts already stored, as Uppy expects them: PartNumber, Size, ETag."""
    stored = storage.backend().stored_parts(upload)
    return [
        {"PartNumber": number, "Size": size, "ETag": etag}
        for number, (size, etag) in sorted(stored.items())
    ]


@transaction.atomic
def upload_complete(*, user, upload_uuid, parts):
    """Join the parts into the source file and create its recording; return the Recording."""
    upload = upload_get(user=user, upload_uuid=upload_uuid, for_update=True)
    size = storage.backend().complete(upload, parts)
    recording = studio_services.recording_create_from_upload(
        owner=user,
        asset_uuid=upload.uuid,
        source_name=upload.storage_key,
        original_filename=upload.original_filename,
        size=size,
    )
    upload.state = UploadState.COMPLETED
    upload.recording = recording
    upload.save(update_fields=["state", "recording", "updated_at"])
    return recording


@transaction.atomic
def upload_complete_for_purpose(*, user, upload_uuid, parts, purpose, scope) -> dict:
    """Join the parts into the source of a new asset for `purpose`; return its JSON answer.

    The asset is processed with the purpose's profile; the purpose's `on_complete` says
    what the browser learns (e.g. the asset's uuid, a page to open next).
    """
    upload = upload_get(
        user=user, upload_uuid=upload_uuid, for_update=True, purpose=purpose.name, scope=scope
    )
    size = storage.backend().complete(upload, parts)
    asset = media_services.asset_create_from_storage(
        owner=user,
        asset_uuid=upload.uuid,
        source_name=upload.storage_key,
        original_filename=upload.original_filename,
        size=size,
        profile=purpose.profile,
        confirmed=purpose.confirmed,
    )
    upload.state = UploadState.COMPLETED
    upload.save(update_fields=["state", "updated_at"])
    return {"asset": str(asset.uuid), **purpose.on_complete(user=user, upload=upload, asset=asset)}


@transaction.atomic
def upload_abort(*, user, upload_uuid, purpose="", scope=None) -> Upload:
    """Cancel the upload and delete every part it left; return the Upload."""
    upload = upload_get(
        user=user, upload_uuid=upload_uuid, for_update=True, purpose=purpose, scope=scope
    )
    _abort(upload)
    return upload


def _abort(upload):
    storage.backend().abort(upload)
    upload.state = UploadState.ABORTED
    upload.save(update_fields=["state", "updated_at"])


def cleanup_stale_uploads(*, older_than=datetime.timedelta(hours=24)) -> int:
    """Abort the uploads idle for longer than `older_than`; return how many were aborted."""
    count = 0
    for upload in Upload.objects.stale(timezone.now() - older_than):
        try:
            _abort(upload)
        except UploadError:
            logger.warning("Could not abort the stale upload %s.", upload.uuid)
            continue
        count += 1
    return count
