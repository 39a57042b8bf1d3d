from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from media_pipeline import services
from media_pipeline.models import AssetState, MediaAsset
from tests.workers import job_callbacks

pytestmark = pytest.mark.django_db


@pytest.fixture
def asset(teacher):
    return services.asset_create(owner=teacher, file=ContentFile(b"not media", name="Concert.MP4"))


def _queued(asset, **fields):
    MediaAsset.objects.filter(pk=asset.pk).update(
        **{"state": AssetState.QUEUED, "probe": {"duration": 2.0}, **fields}
    )
    asset.refresh_from_db()
    return asset


def test_a_new_asset_keeps_its_name_and_queues_its_probe_on_commit(
    teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        asset = services.asset_create(owner=teacher, file=ContentFile(b"x" * 10, name="Bach.MOV"))

    assert asset.state == AssetState.UPLOADED
    assert asset.original_filename == "Bach.MOV"
    assert asset.source.name == f"media/sources/{asset.uuid}/source.mov"
    assert asset.source_size == 10
    assert len(job_callbacks(callbacks)) == 1


def test_a_transition_from_a_state_that_does_not_allow_it_does_nothing(asset):
    assert not asset.transition(AssetState.READY)

    assert asset.state == AssetState.UPLOADED


def test_a_second_job_on_a_running_asset_waits_for_the_lease(asset):
    _queued(asset)
    first = services._claim(asset)

    with pytest.raises(services.LeaseHeld) as held:
        services._claim(MediaAsset.objects.get(pk=asset.pk))

    assert first is not None
    assert 0 < held.value.seconds <= 91
    assert MediaAsset.objects.get(pk=asset.pk).attempts == 1


def test_a_job_whose_lease_expired_is_taken_over(asset):
    _queued(asset)
    dead_token = services._claim(asset)
    MediaAsset.objects.filter(pk=asset.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )

    token = services._claim(MediaAsset.objects.get(pk=asset.pk))

    asset.refresh_from_db()
    assert token not in (None, dead_token)
    assert asset.job_token == token
    assert asset.attempts == 2
    # The dead job can no longer move the asset.
    assert not services._transition_owned(asset, dead_token, AssetState.READY)


def test_a_job_for_an_asset_already_ready_is_a_no_op(asset):
    MediaAsset.objects.filter(pk=asset.pk).update(state=AssetState.READY)

    assert services._claim(MediaAsset.objects.get(pk=asset.pk)) is None


def test_too_many_attempts_end_in_failed_with_a_readable_message(asset, settings):
    settings.MEDIA_PIPELINE_MAX_ATTEMPTS = 2
    _queued(asset, attempts=2)

    services.run_transcode(asset_id=asset.pk)

    asset.refresh_from_db()
    assert asset.state == AssetState.FAILED
    assert "Retry" in asset.error_message or "Réessayer" in asset.error_message
    assert "Too many attempts" in asset.error_detail


def test_cancel_stops_a_running_job_and_retry_queues_it_again(
    asset, django_capture_on_commit_callbacks
):
    _queued(asset)
    token = services._claim(asset)
    reporter = services._ProgressReporter(asset, token)
    assert not reporter.cancelled()

    assert services.asset_cancel(asset=asset)
    reporter.checked_at = 0
    assert reporter.cancelled()

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.asset_retry(asset=asset)
    asset.refresh_from_db()
    assert asset.state == AssetState.QUEUED
    assert asset.attempts == 0
    assert len(job_callbacks(callbacks)) == 1


def test_progress_is_written_once_per_percent_and_never_reaches_100_before_publish(asset):
    _queued(asset)
    token = services._claim(asset)
    reporter = services._ProgressReporter(asset, token)

    for fraction in (0.001, 0.004, 0.5, 0.5, 1.0):
        reporter.report(fraction)

    asset.refresh_from_db()
    assert asset.progress == 99


def test_the_sweeper_requeues_dead_jobs_and_forgotten_uploads(
    teacher, settings, django_capture_on_commit_callbacks
):
    old = timezone.now() - timedelta(seconds=settings.MEDIA_PIPELINE_REQUEUE_AFTER + 5)
    dead = _queued(services.asset_create(owner=teacher, file=ContentFile(b"a", name="a.mp4")))
    services._claim(dead)
    MediaAsset.objects.filter(pk=dead.pk).update(lease_expires_at=timezone.now() - timedelta(1))
    forgotten = services.asset_create(owner=teacher, file=ContentFile(b"b", name="b.mp4"))
    MediaAsset.objects.filter(pk=forgotten.pk).update(updated_at=old)
    fresh = services.asset_create(owner=teacher, file=ContentFile(b"c", name="c.mp4"))

    with django_capture_on_commit_callbacks() as callbacks:
        requeued = services.sweep_stalled()

    assert sorted(requeued) == sorted([dead.pk, forgotten.pk])
    assert fresh.pk not in requeued
    assert len(job_callbacks(callbacks)) == 2


class _OutOfTime(Exception):
    pass


def test_a_job_stopped_by_the_queues_time_limit_ends_failed(asset, monkeypatch, pipeline_settings):
    _queued(asset)

    def slow(*args):
        raise _OutOfTime("soft time limit exceeded")

    monkeypatch.setattr(services, "_transcode", slow)

    services.run_transcode(asset_id=asset.pk, interrupted=(_OutOfTime,))

    asset.refresh_from_db()
    assert asset.state == AssetState.FAILED
    assert asset.error_detail == "_OutOfTime: soft time limit exceeded"
    assert asset.lease_expires_at is None


def test_time_limits_grow_with_the_duration_and_exceed_the_engines_own(asset):
    from media_pipeline.engine.transcode import TranscodeOptions

    short, long = (services.time_limits(_queued(asset, probe={"duration": d})) for d in (10, 3600))

    assert short[0] < long[0] < long[1]
    assert long[0] > TranscodeOptions().time_limit_for(3600)
