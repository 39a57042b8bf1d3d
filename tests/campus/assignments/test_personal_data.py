"""A student's submissions are in their data download and go with their account."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts import gdpr
from campus.assignments.models import ReviewComment, Submission

from .conftest import FILE_BLOCK


def test_the_export_holds_the_submissions_their_comments_and_comments_written(
    submission, course_teacher
):
    ReviewComment.objects.create(
        submission=submission, author=course_teacher, at_seconds=1, text="Bien"
    )

    exported = gdpr.exporters()["campus_assignments"](submission.student)
    written = gdpr.exporters()["campus_assignments"](course_teacher)

    assert exported["submissions"][0]["note"] == "Ma première version."
    assert exported["submissions"][0]["comments"] == [{"at_seconds": 1.0, "text": "Bien"}]
    assert written["comments_written"][0]["text"] == "Bien"


def test_erasure_deletes_the_submissions_and_their_files(lesson, student):
    file_submission = Submission(lesson=lesson, block_id=FILE_BLOCK, student=student, kind="file")
    file_submission.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=False)
    file_submission.save()
    name = file_submission.file.name

    gdpr.erasers()["campus_assignments"](student)

    assert not Submission.objects.filter(student=student).exists()
    assert not default_storage.exists(name)
