"""Studio workflows: a finished upload becomes a recording; its media is confirmed and processed."""

from pathlib import PurePosixPath

from django.db import transaction

from media_pipeline import services as media_services
from media_pipeline.models import AssetProfile

from .models import Recording


@transaction.atomic
def recording_create_from_upload(
    *, owner, asset_uuid, source_name, original_filename, size, title=""
) -> Recording:
    """Create the media asset of an uploaded file and its recording; the probe runs next."""
    asset = media_services.asset_create_from_storage(
        owner=owner,
        asset_uuid=asset_uuid,
        source_name=source_name,
        original_filename=original_filename,
        size=size,
        profile=AssetProfile.IMMERSIVE,
    )
    return Recording.objects.create(
        owner=owner, asset=asset, title=title or _title_from(original_filename)
    )


def recording_confirm_media(*, recording, projection, stereo_mode, audio_layout) -> bool:
    """Record the uploader's word on the media and queue processing; return True if queued."""
    return media_services.asset_confirm(
        asset=recording.asset,
        projection=projection,
        stereo_mode=stereo_mode,
        audio_layout=audio_layout,
    )


def _title_from(filename):
    stem = PurePosixPath(filename).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:255] or "Recording"
