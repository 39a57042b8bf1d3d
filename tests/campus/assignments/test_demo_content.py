"""The demo: the demo student's recording for the campus demo assignment, with a comment."""

from campus.assignments.demo_content import load_demo_submission
from campus.assignments.models import Submission
from media_pipeline.models import AssetProfile
from tests.factories import UserFactory

from .conftest import RECORDING_BLOCK


def test_the_demo_submission_is_made_once_with_a_comment_at_one_second(lesson):
    student = UserFactory(email="etudiant@example.org")
    teacher = UserFactory(email="enseignant@example.org")

    first = load_demo_submission()
    second = load_demo_submission()

    submission = Submission.objects.get()
    assert (submission.student, submission.block_id) == (student, RECORDING_BLOCK)
    assert submission.asset.profile == AssetProfile.FLAT
    assert submission.asset.source_size > 0
    comment = submission.comments.get()
    assert (comment.author, comment.at_seconds) == (teacher, 1)
    assert "0:01" in first[0]
    assert "already there" in second[0]


def test_the_demo_is_skipped_without_a_campus_lesson_with_an_assignment(db):
    UserFactory(email="etudiant@example.org")

    assert "skipped" in load_demo_submission()[0]
    assert not Submission.objects.exists()
