"""Redis stopped under the broker: a finished upload is saved, answered, and processed later."""

import logging
import time

import pytest

from media_pipeline import services
from media_pipeline.models import AssetState
from studio.models import Recording, Upload
from studio.uploads.models import UploadState
from tests.outages import broker_down

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(asset, worker, state, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        asset.refresh_from_db()
        if asset.state == state:
            return
        time.sleep(0.2)
    pytest.fail(f"asset stuck in {asset.state}\n{worker.log()[-4000:]}")


def test_an_upload_completed_while_the_broker_is_down_is_processed_once_it_is_back(
    protocol, media_worker, app_clips, settings, caplog
):
    data = app_clips.flat.read_bytes()
    started = protocol.create(filename="Concert.mp4", size=len(data)).json()

    with broker_down(), caplog.at_level(logging.ERROR, logger="media_pipeline.services"):
        parts = [protocol.send_part(started["uploadId"], 1, data)]
        response = protocol.complete(started["uploadId"], parts)

    # The upload is saved and answered as usual; its status page says it waits.
    assert response.status_code == 200, response.content
    recording = Recording.objects.select_related("asset").get(pk=response.json()["recording_id"])
    assert Upload.objects.get(uuid=started["uploadId"]).state == UploadState.COMPLETED
    asset = recording.asset
    assert asset.state == AssetState.UPLOADED
    assert "the broker is unreachable" in caplog.text
    assert "the sweeper will send it again" in caplog.text

    # The broker is back: the sweeper sends the probe that never left, a worker runs it.
    settings.MEDIA_PIPELINE_REQUEUE_AFTER = 0
    worker = media_worker()
    assert services.sweep_stalled() == [asset.pk]
    _wait_for(asset, worker, AssetState.PROBED)
    assert asset.kind == "video"
