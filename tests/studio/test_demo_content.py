import pytest
from django.core.management import call_command

from media_pipeline.models import AssetState, MediaAsset
from studio.models import Recording
from tests.workers import job_callbacks

pytestmark = pytest.mark.django_db


def test_the_demo_recording_is_made_once_and_queued_for_processing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_demo_content", "--only", "accounts", "--only", "studio", verbosity=0)
        call_command("load_demo_content", "--only", "accounts", "--only", "studio", verbosity=0)

    recording = Recording.objects.get()
    assert MediaAsset.objects.count() == 1
    assert recording.visibility == "public"
    assert recording.owner.email == "enseignant@example.org"
    assert recording.asset.state == AssetState.UPLOADED
    assert recording.asset.confirmed_at is not None
    assert len(job_callbacks(callbacks)) == 1
