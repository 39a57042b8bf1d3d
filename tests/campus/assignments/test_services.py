"""Submitting, resubmitting, reviewing and commenting: the rules and the emails of each step."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campus.assignments import assignments, services
from campus.assignments.models import ReviewComment, Submission, SubmissionStatus
from campus.assignments.validators import format_time, parse_time
from media_pipeline.models import AssetState

from .conftest import FILE_BLOCK, RECORDING_BLOCK, UNGRADED_BLOCK

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="analyse.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_find_returns_the_assignment_block_of_the_lesson_by_its_id(lesson):
    found = assignments.find(lesson, RECORDING_BLOCK)

    assert found.title == "Enregistrez la gamme"
    assert found.max_grade == 20
    assert found.accepts == {"recording"}
    assert assignments.find(lesson, FILE_BLOCK).accepts == {"file"}
    assert assignments.find(lesson, UNGRADED_BLOCK).accepts == {"recording", "file"}
    assert assignments.find(lesson, "nope") is None
    assert assignments.from_scope(found.scope) == found


def test_a_recording_submission_tells_the_course_teachers_once_committed(
    lesson, student, ready_asset, course_teacher, django_capture_on_commit_callbacks
):
    assignment = assignments.find(lesson, RECORDING_BLOCK)
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            student=student,
            assignment=assignment,
            kind="recording",
            note="  Première version  ",
            asset=ready_asset(student),
        )

    assert submission.attempt == 1
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.note == "Première version"
    assert [m.to for m in mail.outbox] == [[course_teacher.email]]
    assert "La gamme" in mail.outbox[0].subject
    assert f"/campus/assignments/submissions/{submission.uuid}/review/" in mail.outbox[0].body


def test_a_student_cannot_hand_in_again_until_the_teacher_asks_to_redo(
    submission, course_teacher, ready_asset, django_capture_on_commit_callbacks
):
    assignment = assignments.find(submission.lesson, RECORDING_BLOCK)
    student = submission.student
    with pytest.raises(ValidationError, match="already handed in"):
        services.submission_create(
            student=student, assignment=assignment, kind="recording", asset=ready_asset(student)
        )

    with django_capture_on_commit_callbacks(execute=True):
        services.submission_review(
            submission=submission, reviewer=course_teacher, status="to_redo", max_grade=20
        )
        second = services.submission_create(
            student=student, assignment=assignment, kind="recording", asset=ready_asset(student)
        )

    assert second.attempt == 2
    assert Submission.objects.filter(student=student).count() == 2  # the first is kept
    subjects = [m.subject for m in mail.outbox]
    assert any("refaire" in s or "redo" in s for s in subjects)
    assert mail.outbox[0].to == [student.email]
    assert mail.outbox[1].to == [course_teacher.email]
    assert "(2)" in mail.outbox[1].subject, mail.outbox[1].subject


def test_the_review_email_reaches_the_student_in_their_language(
    submission, course_teacher, django_capture_on_commit_callbacks
):
    submission.student.preferred_language = "en"
    submission.student.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_review(
            submission=submission, reviewer=course_teacher, status="reviewed", grade=15,
            max_grade=20,
        )  # fmt: skip

    assert mail.outbox[0].subject.startswith("Your work was reviewed")
    assert "Grade: 15 / 20" in mail.outbox[0].body
    assert f"/en/campus/assignments/submissions/{submission.uuid}/" in mail.outbox[0].body


def test_a_failed_recording_lets_the_student_hand_in_again(submission, ready_asset):
    submission.asset.state = AssetState.FAILED
    submission.asset.save()
    assignment = assignments.find(submission.lesson, RECORDING_BLOCK)

    again = services.submission_create(
        student=submission.student,
        assignment=assignment,
        kind="recording",
        asset=ready_asset(submission.student),
    )

    assert again.attempt == 2


@pytest.mark.parametrize(
    ("grade", "max_grade", "message"),
    [
        (21, 20, "between 0 and 20"),
        (-1, 20, "between 0 and 20"),
        (5, None, "without a grade"),
    ],
)
def test_a_grade_out_of_range_is_refused(submission, course_teacher, grade, max_grade, message):
    with pytest.raises(ValidationError, match=message):
        services.submission_review(
            submission=submission, reviewer=course_teacher, status="reviewed", grade=grade,
            max_grade=max_grade,
        )  # fmt: skip
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_comments_are_pinned_inside_the_recording(submission, course_teacher):
    comment = services.comment_add(
        submission=submission, author=course_teacher, text="Attaque nette.", at_seconds=1.0
    )
    general = services.comment_add(submission=submission, author=course_teacher, text="Bravo")

    assert comment.at_seconds == 1.0
    assert general.at_seconds is None
    assert list(submission.comments.all()) == [general, comment]  # general first, then by time


@pytest.mark.parametrize(
    ("at", "text", "message"),
    [
        (-1, "Trop tôt", "before the start"),
        (9.5, "Trop tard", r"after the end of the recording \(0:02\)"),
        (1, "   ", "Write the comment"),
        (1, "x" * 2001, "2000 characters at most"),
    ],
)
def test_bad_comments_are_refused_with_a_clear_message(
    submission, course_teacher, at, text, message
):
    with pytest.raises(ValidationError, match=message):
        services.comment_add(submission=submission, author=course_teacher, text=text, at_seconds=at)
    assert not ReviewComment.objects.exists()


def test_a_file_submission_stores_the_checked_file(lesson, student):
    assignment = assignments.find(lesson, FILE_BLOCK)
    submission = services.submission_create(
        student=student, assignment=assignment, kind="file", file=pdf()
    )

    assert submission.file_name == "analyse.pdf"
    assert submission.file_content_type == "application/pdf"
    assert submission.file.name.endswith("/submission.pdf")
    assert "analyse" not in submission.file.name
    with pytest.raises(ValidationError, match="no timeline"):
        services.comment_add(submission=submission, author=None, text="x", at_seconds=3)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "not accepted"),
        (SimpleUploadedFile("faux.pdf", b"MZ\x90\x00 not a pdf"), "not a PDF file"),
        (SimpleUploadedFile("vide.pdf", b""), "empty"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(lesson, student, upload, message):
    assignment = assignments.find(lesson, FILE_BLOCK)

    with pytest.raises(ValidationError, match=message):
        services.submission_create(student=student, assignment=assignment, kind="file", file=upload)
    assert not Submission.objects.exists()


def test_a_file_too_big_is_refused(lesson, student, settings):
    settings.CAMPUS_ASSIGNMENT_MAX_FILE_BYTES = 10
    assignment = assignments.find(lesson, FILE_BLOCK)

    with pytest.raises(ValidationError, match="too large"):
        services.submission_create(student=student, assignment=assignment, kind="file", file=pdf())


def test_an_assignment_refuses_the_kind_it_does_not_take(lesson, student):
    assignment = assignments.find(lesson, RECORDING_BLOCK)

    with pytest.raises(ValidationError, match="does not accept"):
        services.submission_create(student=student, assignment=assignment, kind="file", file=pdf())


def test_someone_elses_recording_cannot_be_handed_in(lesson, student, other_teacher, ready_asset):
    assignment = assignments.find(lesson, RECORDING_BLOCK)

    with pytest.raises(ValidationError, match="not one you uploaded"):
        services.submission_create(
            student=student, assignment=assignment, kind="recording",
            asset=ready_asset(other_teacher),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("75", 75), ("1:15", 75), ("1:15.5", 75.5), ("0:01:15", 75), ("0,5", 0.5), ("-0:05", -5)],
)
def test_moments_are_read_as_people_write_them(text, seconds):
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "1:75", "1:2:3:4"])
def test_moments_that_are_not_times_are_refused(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_moments_are_shown_as_the_player_shows_them():
    assert [format_time(s) for s in (0, 1.4, 75, 3725)] == ["0:00", "0:01", "1:15", "1:02:05"]


def test_the_student_is_told_when_their_recording_cannot_be_processed(
    submission, django_capture_on_commit_callbacks
):
    from media_pipeline.models import MediaAsset
    from media_pipeline.signals import media_asset_failed

    submission.student.preferred_language = "en"
    submission.student.save()
    with django_capture_on_commit_callbacks(execute=True):
        media_asset_failed.send(
            sender=MediaAsset, asset_id=submission.asset_id, message="The file has no sound."
        )
        media_asset_failed.send(sender=MediaAsset, asset_id=987654, message="Not ours.")

    assert [m.to for m in mail.outbox] == [[submission.student.email]]
    assert "could not be processed" in mail.outbox[0].subject
    assert "The file has no sound." in mail.outbox[0].body
