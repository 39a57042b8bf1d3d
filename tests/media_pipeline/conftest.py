"""Fixtures of the pipeline's app tests: clips, worker settings, a running media worker."""

import pytest

from tests.media_pipeline.engine.clips import Clips, ffmpeg
from tests.workers import purge, start_worker


@pytest.fixture(scope="session")
def app_clips(tmp_path_factory):
    return Clips(tmp_path_factory.mktemp("app-clips"))


@pytest.fixture(scope="session")
def long_clip(tmp_path_factory):
    """An 8 s 640×360 clip with sound: long enough to kill a worker in the middle."""
    path = tmp_path_factory.mktemp("long") / "long.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=8",
        "-f", "lavfi", "-i", "sine=f=440:d=8:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(path),
    )  # fmt: skip
    return path


@pytest.fixture
def pipeline_settings(settings, tmp_path):
    settings.MEDIA_PIPELINE_TMP_DIR = tmp_path / "work"
    settings.MEDIA_PIPELINE_LEASE_SECONDS = 6
    settings.MEDIA_PIPELINE_X264_PRESET = "ultrafast"
    return settings


@pytest.fixture
def media_worker(tmp_path, pipeline_settings, transactional_db):
    """Return a function that starts a worker on the media and default queues."""
    purge("media", "default")
    workers = []

    def start(**env):
        settings = pipeline_settings
        worker_env = {
            "MEDIA_PIPELINE_TMP_DIR": str(settings.MEDIA_PIPELINE_TMP_DIR),
            "MEDIA_PIPELINE_LEASE_SECONDS": str(settings.MEDIA_PIPELINE_LEASE_SECONDS),
            "MEDIA_PIPELINE_X264_PRESET": settings.MEDIA_PIPELINE_X264_PRESET,
            **env,
        }
        worker = start_worker(tmp_path, queues=("media", "default"), env=worker_env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    purge("media", "default")
