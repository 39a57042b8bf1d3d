"""Uploads made for another app: the same resumable protocol, other people, another asset.

The studio's own uploads make recordings and are reserved to teachers in the admin. A higher
app (the campus, for a student's assignment) registers a purpose from its
`AppConfig.ready()`; its uploads are then served under `/uploads/<purpose>/<scope>/`:

    purposes.register(UploadPurpose(
        name="assignment",
        may_upload=lambda user, scope: ...,          # True lets `user` upload for `scope`
        on_complete=lambda *, user, upload, asset: {...},  # extra JSON for the browser
    ))

`scope` is an opaque string the purpose understands (which lesson, which assignment); the
studio stores it with the upload and never interprets it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from media_pipeline.models import AssetProfile

SCOPE_MAX_LENGTH = 200


@dataclass(frozen=True)
class UploadPurpose:
    """What an upload is for: who may send it and what its finished asset becomes."""

    name: str
    may_upload: Callable[..., bool]
    on_complete: Callable[..., dict]
    profile: str = AssetProfile.FLAT
    # Processing starts at once: there is no 360° or ambisonic question to confirm.
    confirmed: bool = True


_purposes: dict[str, UploadPurpose] = {}


def register(purpose):
    """Register `purpose` under its name; a second registration replaces the first."""
    _purposes[purpose.name] = purpose


def get(name):
    """Return the purpose registered as `name`, or None."""
    return _purposes.get(name)


def allows(purpose, user, scope):
    """Return True if `user` may upload for `purpose` within `scope`."""
    return bool(
        purpose is not None
        and user.is_authenticated
        and user.is_active
        and 0 < len(scope) <= SCOPE_MAX_LENGTH
        and purpose.may_upload(user, scope)
    )
