"""Studio fixtures: a package transcoded once per session, published per test."""

import json
import uuid

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from media_pipeline.engine.transcode import TranscodeOptions, transcode
from media_pipeline.models import AssetState, MediaAsset
from media_pipeline.storage import publish_directory
from studio.models import Recording, Visibility
from tests.media_pipeline.engine.clips import Clips
from tests.media_pipeline.engine.conftest import TEST_TABLE


@pytest.fixture(scope="session")
def spherical_package(tmp_path_factory):
    """A real 360° package with ambisonic sound, made by the engine from a generated clip."""
    clips = Clips(tmp_path_factory.mktemp("studio-clips"))
    out = tmp_path_factory.mktemp("studio-package") / "out"
    result = transcode(
        clips.equirectangular,  # 360° with AmbiX sound tagged as such
        out,
        options=TranscodeOptions(preset="ultrafast", table=TEST_TABLE),
    )
    return result.directory


@pytest.fixture
def make_recording(spherical_package, db):
    """Return a function making a ready recording whose package is published in storage."""

    def make(*, owner, visibility=Visibility.PRIVATE, title="Suite pour violoncelle"):
        asset_uuid = uuid.uuid4()
        prefix = f"media/assets/{asset_uuid}/v1-test/"
        publish_directory(default_storage, spherical_package, prefix)
        manifest = json.loads((spherical_package / "manifest.json").read_text())
        asset = MediaAsset.objects.create(
            uuid=asset_uuid,
            owner=owner,
            source=f"media/sources/{asset_uuid}/source.mp4",
            state=AssetState.READY,
            version=1,
            published_prefix=prefix,
            manifest=manifest,
            projection=manifest["projection"],
            progress=100,
            ready_at=timezone.now(),
        )
        return Recording.objects.create(
            owner=owner, asset=asset, title=title, visibility=visibility
        )

    return make
