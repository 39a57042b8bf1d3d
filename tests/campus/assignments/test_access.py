"""Who reaches each page of assignments: the permission matrix, one row per role."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from campus.assignments.models import Submission, SubmissionKind

from .conftest import FILE_BLOCK, RECORDING_BLOCK

ROLES = [
    "visitor",
    "member",
    "student",
    "other_student",
    "course_teacher",
    "other_teacher",
    "staff",
]


def _matrix(**expected):
    """Return the (role, expected) pairs of one row of the matrix, which names every role."""
    assert set(expected) == set(ROLES), set(ROLES) ^ set(expected)
    return [(role, expected[role]) for role in ROLES]


@pytest.fixture
def as_role(client, request):
    """Return a function logging the client in as the fixture `role` (or not at all)."""

    def login(role):
        if role != "visitor":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


@pytest.fixture
def file_submission(lesson, student):
    submission = Submission(
        lesson=lesson,
        block_id=FILE_BLOCK,
        student=student,
        kind=SubmissionKind.FILE,
        file_name="analyse.pdf",
        file_content_type="application/pdf",
    )
    submission.file.save("analyse.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    submission.save()
    return submission


def _is_login_redirect(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=403,
        student=200,
        other_student=403,
        course_teacher=403,
        other_teacher=403,
        staff=403,
        visitor="login",
    ),
)
def test_only_a_student_of_the_course_opens_the_hand_in_page(
    as_role, lesson, student, other_student, role, expected
):
    response = as_role(role).get(
        reverse("campus_assignments:submit", args=[lesson.pk, RECORDING_BLOCK])
    )

    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=404,
        student=200,
        other_student=404,
        course_teacher=200,
        other_teacher=404,
        staff=200,
        visitor="login",
    ),
)
@pytest.mark.parametrize("name", ["submission", "status"])
def test_a_submission_is_seen_by_its_student_the_course_teachers_and_staff(
    as_role, submission, other_student, role, expected, name
):
    response = as_role(role).get(reverse(f"campus_assignments:{name}", args=[submission.uuid]))

    if expected == "login":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=404,
        student=200,
        other_student=404,
        course_teacher=200,
        other_teacher=404,
        staff=200,
        visitor="login",
    ),
)
def test_a_handed_in_file_is_sent_to_the_same_people_as_an_attachment(
    as_role, file_submission, other_student, role, expected
):
    response = as_role(role).get(reverse("campus_assignments:file", args=[file_submission.uuid]))

    if expected == "login":
        assert _is_login_redirect(response)
        return
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="analyse.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=404,
        student=404,
        other_student=404,
        course_teacher=200,
        other_teacher=404,
        staff=200,
        visitor="login",
    ),
)
def test_only_the_course_teachers_and_staff_review(
    as_role, submission, other_student, role, expected
):
    client = as_role(role)
    page = client.get(reverse("campus_assignments:review", args=[submission.uuid]))
    comment = client.post(
        reverse("campus_assignments:comment_add", args=[submission.uuid]),
        {"moment": "0:01", "text": "Bien"},
    )

    if expected == "login":
        assert _is_login_redirect(page) and _is_login_redirect(comment)
        assert not submission.comments.exists()
    elif expected == 404:
        assert (page.status_code, comment.status_code) == (404, 404)
        assert not submission.comments.exists()
    else:
        assert page.status_code == 200
        assert comment.status_code == 302
        assert submission.comments.get().at_seconds == 1.0


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=404,
        student=200,
        other_student=404,
        course_teacher=200,
        other_teacher=404,
        staff=200,
        visitor=404,
    ),
)
def test_the_recording_is_streamed_only_to_its_student_the_course_teachers_and_staff(
    as_role, submission, other_student, role, expected
):
    client = as_role(role)
    master = client.get(
        reverse("studio_media:asset_file", args=[submission.asset.uuid, "master.m3u8"])
    )

    assert master.status_code == expected
    if expected == 200:
        assert master["Content-Type"] == "application/vnd.apple.mpegurl"
        assert master["Cache-Control"] == "private, max-age=60"


@pytest.mark.parametrize(
    ("role", "expected"),
    _matrix(
        member=403,
        student=201,
        other_student=403,
        course_teacher=403,
        other_teacher=403,
        staff=403,
        visitor=403,
    ),
)
def test_only_a_student_of_the_course_starts_an_upload_for_the_assignment(
    as_role, lesson, student, other_student, role, expected
):
    scope = f"{lesson.pk}.{RECORDING_BLOCK}"
    response = as_role(role).post(
        reverse("studio_media:upload_create", args=["assignment", scope]),
        {"filename": "gamme.mp4", "type": "video/mp4", "size": 1000},
        content_type="application/json",
    )

    assert response.status_code == expected


def test_no_upload_is_started_for_an_assignment_that_takes_only_files(client, lesson, student):
    client.force_login(student)
    response = client.post(
        reverse("studio_media:upload_create", args=["assignment", f"{lesson.pk}.{FILE_BLOCK}"]),
        {"filename": "gamme.mp4", "type": "video/mp4", "size": 1000},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_an_unknown_assignment_answers_404(client, lesson, student):
    client.force_login(student)

    response = client.get(reverse("campus_assignments:submit", args=[lesson.pk, "nope"]))

    assert response.status_code == 404
