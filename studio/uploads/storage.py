"""Where the parts of an upload go: an S3 multipart upload, or part files on the local disk.

Both backends speak the same small protocol (start, sign a part, list, complete, abort), so
the views and the browser never need to know which storage is configured.
"""

import hashlib
import io
import os
import shutil
import uuid
from pathlib import Path

from botocore.exceptions import ClientError
from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse

from .errors import UploadError

MAX_PARTS = 10_000
S3_MIN_PART_SIZE = 5 * 1024 * 1024
S3_MAX_PART_SIZE = 5 * 1024**3
COPY_CHUNK = 1024 * 1024
PART_TOKEN_SALT = "studio.uploads.part"  # noqa: S105 (a signing namespace, not a secret)


def is_s3():
    return getattr(default_storage, "bucket", None) is not None


def backend():
    """Return the part backend that matches Django's default storage."""
    return S3Parts() if is_s3() else LocalParts()


def url_expiry():
    return getattr(settings, "STUDIO_UPLOAD_URL_EXPIRY", 15 * 60)


def parts_root():
    default = Path(settings.VAR_DIR) / "uploads"
    return Path(getattr(settings, "STUDIO_UPLOAD_PARTS_DIR", default))


def normalize_etag(etag):
    return (etag or "").strip().strip('"')


def check_parts(claimed, stored, declared_size):
    """Check the parts the browser says it sent against those the storage holds.

    `claimed` is a list of {"PartNumber", "ETag"}; `stored` maps part number to
    (size, etag). Return the part numbers in order; raise UploadError on any mismatch.
    """
    numbers = sorted(p["PartNumber"] for p in claimed)
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        raise UploadError("parts_not_contiguous")
    missing = [n for n in numbers if n not in stored]
    if missing:
        raise UploadError("part_missing", part=missing[0])
    extra = sorted(set(stored) - set(numbers))
    if extra:
        raise UploadError("part_unexpected", part=extra[0])
    for part in claimed:
        if normalize_etag(part["ETag"]) != normalize_etag(stored[part["PartNumber"]][1]):
            raise UploadError("etag_mismatch", part=part["PartNumber"])
    total = sum(size for size, _etag in stored.values())
    if total != declared_size:
        raise UploadError("size_mismatch")
    return numbers


class S3Parts:
    """Parts go straight from the browser to the bucket through presigned URLs."""

    def __init__(self):
        self.client = default_storage.connection.meta.client
        self.bucket = default_storage.bucket_name

    def object_key(self, upload):
        location = getattr(default_storage, "location", "") or ""
        return f"{location.rstrip('/')}/{upload.storage_key}" if location else upload.storage_key

    def start(self, upload):
        params = {"Bucket": self.bucket, "Key": self.object_key(upload)}
        if upload.content_type:
            params["ContentType"] = upload.content_type
        return self.client.create_multipart_upload(**params)["UploadId"]

    def sign_part(self, upload, part_number, user):
        url = self.client.generate_presigned_url(
            "upload_part",
            Params={
                "Bucket": self.bucket,
                "Key": self.object_key(upload),
                "UploadId": upload.s3_upload_id,
                "PartNumber": part_number,
            },
            ExpiresIn=url_expiry(),
        )
        return {"url": url, "method": "PUT"}

    def stored_parts(self, upload):
        paginator = self.client.get_paginator("list_parts")
        pages = paginator.paginate(
            Bucket=self.bucket, Key=self.object_key(upload), UploadId=upload.s3_upload_id
        )
        return {
            part["PartNumber"]: (part["Size"], part["ETag"])
            for page in pages
            for part in page.get("Parts", [])
        }

    def complete(self, upload, claimed):
        stored = self.stored_parts(upload)
        numbers = check_parts(claimed, stored, upload.declared_size)
        for number in numbers[:-1]:
            if stored[number][0] < S3_MIN_PART_SIZE:
                raise UploadError("part_too_small", part=number)
        self.client.complete_multipart_upload(
            Bucket=self.bucket,
            Key=self.object_key(upload),
            UploadId=upload.s3_upload_id,
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": stored[n][1]} for n in numbers]},
        )
        head = self.client.head_object(Bucket=self.bucket, Key=self.object_key(upload))
        if head["ContentLength"] != upload.declared_size:
            raise UploadError("size_mismatch")
        return head["ContentLength"]

    def abort(self, upload):
        key = self.object_key(upload)
        try:
            self.client.abort_multipart_upload(
                Bucket=self.bucket, Key=key, UploadId=upload.s3_upload_id
            )
        except ClientError as exc:
            # Already aborted or completed: nothing is left to delete.
            if exc.response.get("Error", {}).get("Code") != "NoSuchUpload":
                raise UploadError("abort_failed") from exc
        remaining = self.client.list_multipart_uploads(Bucket=self.bucket, Prefix=key)
        if any(u["UploadId"] == upload.s3_upload_id for u in remaining.get("Uploads", [])):
            raise UploadError("abort_failed")


class LocalParts:
    """Django receives each part and writes it to a folder of the upload; complete joins them."""

    def folder(self, upload):
        return parts_root() / str(upload.uuid)

    def start(self, upload):
        self.folder(upload).mkdir(parents=True, exist_ok=True)
        return ""

    def sign_part(self, upload, part_number, user):
        token = signing.TimestampSigner(salt=PART_TOKEN_SALT).sign(
            f"{upload.uuid}:{part_number}:{user.pk}"
        )
        if upload.purpose:
            path = reverse(
                "studio_media:upload_part",
                args=[upload.purpose, upload.scope, upload.uuid, part_number],
            )
        else:
            path = reverse("studio_uploads:part", args=[upload.uuid, part_number])
        return {"url": f"{path}?token={token}", "method": "PUT"}

    def check_token(self, upload, part_number, user, token):
        """Raise UploadError unless `token` was signed for this upload, part and user."""
        try:
            value = signing.TimestampSigner(salt=PART_TOKEN_SALT).unsign(
                token or "", max_age=url_expiry()
            )
        except signing.SignatureExpired as exc:
            raise UploadError("token_expired", status=403) from exc
        except signing.BadSignature as exc:
            raise UploadError("token_invalid", status=403) from exc
        if value != f"{upload.uuid}:{part_number}:{user.pk}":
            raise UploadError("token_invalid", status=403)

    def receive_part(self, upload, part_number, stream, max_bytes):
        """Write a part from `stream` without holding it in memory; return its quoted ETag."""
        folder = self.folder(upload)
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".incoming-{part_number:05d}-{uuid.uuid4().hex}"
        digest = hashlib.md5(usedforsecurity=False)
        written = 0
        try:
            with temp.open("wb") as out:
                while chunk := stream.read(COPY_CHUNK):
                    written += len(chunk)
                    if written > max_bytes:
                        raise UploadError("part_too_large")
                    digest.update(chunk)
                    out.write(chunk)
            for old in self._part_files(folder, part_number):
                old.unlink(missing_ok=True)
            os.replace(temp, folder / f"part-{part_number:05d}-{digest.hexdigest()}")
        finally:
            temp.unlink(missing_ok=True)
        return f'"{digest.hexdigest()}"'

    def _part_files(self, folder, part_number=None):
        pattern = f"part-{part_number:05d}-*" if part_number else "part-*"
        return sorted(folder.glob(pattern))

    def stored_files(self, upload):
        folder = self.folder(upload)
        if not folder.is_dir():
            return {}
        files = {}
        for path in self._part_files(folder):
            _prefix, number, etag = path.name.split("-", 2)
            files[int(number)] = (path, f'"{etag}"')
        return files

    def stored_parts(self, upload):
        return {
            number: (path.stat().st_size, etag)
            for number, (path, etag) in self.stored_files(upload).items()
        }

    def complete(self, upload, claimed):
        files = self.stored_files(upload)
        stored = {n: (path.stat().st_size, etag) for n, (path, etag) in files.items()}
        numbers = check_parts(claimed, stored, upload.declared_size)
        reader = ChainedReader([files[n][0] for n in numbers])
        try:
            content = File(reader, name=upload.storage_key)
            content.size = upload.declared_size
            saved = default_storage.save(upload.storage_key, content)
        finally:
            reader.close()
        if saved != upload.storage_key:
            default_storage.delete(saved)
            raise UploadError("key_taken")
        size = default_storage.size(saved)
        if size != upload.declared_size:
            default_storage.delete(saved)
            raise UploadError("size_mismatch")
        self.abort(upload)
        return size

    def abort(self, upload):
        shutil.rmtree(self.folder(upload), ignore_errors=True)


class ChainedReader(io.RawIOBase):
    """A read-only stream over several files, opened one after the other."""

    def __init__(self, paths):
        self._paths = list(paths)
        self._current = None

    def readable(self):
        return True

    def read(self, size=-1):
        while self._paths or self._current:
            if self._current is None:
                self._current = open(self._paths.pop(0), "rb")  # noqa: SIM115
            data = self._current.read(size if size and size > 0 else COPY_CHUNK)
            if data:
                return data
            self._current.close()
            self._current = None
        return b""

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        if self._current:
            self._current.close()
            self._current = None
        super().close()
