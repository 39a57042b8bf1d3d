"""The pages refuse bad input with messages people can act on, and keep what they typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from campus.assignments.models import Submission, SubmissionStatus
from campus.assignments.views import SUBMIT_RATE

from .conftest import FILE_BLOCK, RECORDING_BLOCK

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


def submit_url(lesson, block):
    return reverse("campus_assignments:submit", args=[lesson.pk, block])


def test_a_wrong_file_type_is_refused_and_the_note_is_kept(student_client, lesson):
    response = student_client.post(
        submit_url(lesson, FILE_BLOCK),
        {
            "kind": "file",
            "note": "Mon analyse harmonique",
            "file": SimpleUploadedFile("analyse.docx", b"PK\x03\x04"),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "This type of file is not accepted. Send one of: JPEG, JPG, MUSICXML, MXL" in page
    assert "Mon analyse harmonique" in page
    assert 'aria-invalid="true"' in page
    assert not Submission.objects.exists()


def test_a_file_too_big_is_refused_with_the_limit(student_client, lesson, settings):
    settings.CAMPUS_ASSIGNMENT_MAX_FILE_BYTES = 8
    response = student_client.post(
        submit_url(lesson, FILE_BLOCK),
        {"kind": "file", "file": SimpleUploadedFile("analyse.pdf", PDF)},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The file is too large (15\xa0bytes): the limit is 8\xa0bytes." in page


def test_handing_in_without_a_file_says_what_to_choose(student_client, lesson):
    response = student_client.post(submit_url(lesson, RECORDING_BLOCK), {"kind": "recording"})

    assert response.status_code == 400
    assert "Choose the recording to hand in." in response.content.decode()


def test_a_recording_of_the_wrong_type_sent_without_script_is_refused(student_client, lesson):
    response = student_client.post(
        submit_url(lesson, RECORDING_BLOCK),
        {"kind": "recording", "recording": SimpleUploadedFile("gamme.pdf", PDF)},
    )

    assert response.status_code == 400
    assert "This type of file is not accepted. Send a video or audio recording" in (
        response.content.decode()
    )


def test_a_file_is_handed_in_and_the_page_then_shows_the_attempt(student_client, lesson):
    response = student_client.post(
        submit_url(lesson, FILE_BLOCK),
        {"kind": "file", "note": "Voilà", "file": SimpleUploadedFile("analyse.pdf", PDF)},
    )

    submission = Submission.objects.get()
    assert response.status_code == 302
    page = student_client.get(submit_url(lesson, FILE_BLOCK)).content.decode()
    assert "Attempt 1" in page
    assert "waiting for your teacher" in page
    assert 'name="file"' not in page  # nothing to hand in until the teacher asks to redo
    again = student_client.post(
        submit_url(lesson, FILE_BLOCK),
        {"kind": "file", "file": SimpleUploadedFile("analyse.pdf", PDF)},
    )
    assert again.status_code == 400
    assert "You already handed in this assignment." in again.content.decode()
    assert Submission.objects.get() == submission


def test_too_many_hand_ins_in_an_hour_are_refused_with_429(student_client, lesson):
    limit = int(SUBMIT_RATE.split("/")[0])
    for _attempt in range(limit):
        assert student_client.post(submit_url(lesson, FILE_BLOCK), {}).status_code == 400

    response = student_client.post(
        submit_url(lesson, FILE_BLOCK),
        {"kind": "file", "file": SimpleUploadedFile("analyse.pdf", PDF)},
    )

    assert response.status_code == 429
    assert "Wait an hour, then try again." in response.content.decode()
    assert not Submission.objects.exists()


def test_a_comment_with_a_moment_that_is_not_a_time_is_refused(client, submission, course_teacher):
    client.force_login(course_teacher)
    response = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "bientôt", "text": "Attention à la justesse"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "“bientôt” is not a moment: write minutes and seconds, e.g. 1:05." in page
    assert "Attention à la justesse" in page


def test_the_review_page_without_script_lists_the_comments_with_their_moments(
    client, submission, course_teacher
):
    submission.comments.create(author=course_teacher, at_seconds=1.2, text="<script>x</script>")
    client.force_login(course_teacher)

    page = client.get(reverse("campus_assignments:review", args=[submission.uuid])).content.decode()

    assert "0:01" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page


def test_a_teacher_deletes_a_comment(client, submission, course_teacher):
    comment = submission.comments.create(author=course_teacher, at_seconds=1, text="Oups")
    client.force_login(course_teacher)

    response = client.post(
        reverse("campus_assignments:comment_delete", args=[submission.uuid, comment.pk])
    )

    assert response.status_code == 302
    assert not submission.comments.exists()


def test_the_student_deletes_no_comment(client, submission, course_teacher, student):
    comment = submission.comments.create(author=course_teacher, at_seconds=1, text="Bien")
    client.force_login(student)

    response = client.post(
        reverse("campus_assignments:comment_delete", args=[submission.uuid, comment.pk])
    )

    assert response.status_code == 404
    assert submission.comments.exists()


def render_block(lesson, block_id, user):
    request = RequestFactory().get("/")
    request.user = user
    block = next(b for b in lesson.body if b.id == block_id)
    template = Template("{% load wagtailcore_tags %}{% include_block block %}")
    return template.render(Context({"block": block, "page": lesson, "request": request}))


def test_the_block_shows_the_student_a_link_to_hand_in_then_the_status(lesson, student):
    html = render_block(lesson, RECORDING_BLOCK, student)
    assert "Enregistrez la gamme" in html
    assert "Jouez la gamme de ré majeur" in html
    assert submit_url(lesson, RECORDING_BLOCK) in html

    submission = Submission.objects.create(
        lesson=lesson, block_id=RECORDING_BLOCK, student=student, kind="recording",
        status=SubmissionStatus.TO_REDO, grade=8, max_grade=20,
    )  # fmt: skip
    html = render_block(lesson, RECORDING_BLOCK, student)
    assert submission.get_absolute_url() in html
    assert "To redo" in html
    assert "8 / 20" in html
    assert "Hand in a new attempt" in html


def test_the_block_offers_no_link_to_people_who_do_not_study_the_course(
    lesson, course_teacher, other_student
):
    for user in (course_teacher, other_student):
        html = render_block(lesson, RECORDING_BLOCK, user)
        assert "Enregistrez la gamme" in html
        assert submit_url(lesson, RECORDING_BLOCK) not in html


def test_a_failed_recording_shows_why_and_offers_a_new_attempt(student_client, submission):
    submission.asset.state = "failed"
    submission.asset.error_message = "The file has no sound."
    submission.asset.save()

    page = student_client.get(submission.get_absolute_url()).content.decode()

    assert "The file has no sound." in page
    assert "Hand in a new attempt" in page
    assert submit_url(submission.lesson, RECORDING_BLOCK) in page
