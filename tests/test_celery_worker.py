"""A real worker process consumes the broker the settings name (filesystem, Redis…)."""

import pytest

from tests.workers import send, start_worker

pytestmark = pytest.mark.worker


@pytest.fixture
def worker(tmp_path, django_db_setup):
    process = start_worker(tmp_path)
    yield process
    process.stop()


def test_a_worker_process_answers_a_task_sent_through_the_broker(worker):
    result = send("core.ping", "la", queue=worker.queue)

    assert result.get(timeout=60) == "la", worker.log()


def test_the_worker_is_configured_to_survive_its_own_death(settings):
    # Without these, a SIGKILLed worker's task is acknowledged and lost.
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
