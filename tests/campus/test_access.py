"""Who may open each campus URL: the permission matrix, and course recordings in the studio."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from accounts.roles import Role
from campus.models import Certificate
from campus.permissions import policy as course_policy
from studio.permissions import policy as recording_policy
from tests.campus.conftest import enroll, make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "student", "other_student", "teacher", "other_teacher", "staff"]


@pytest.fixture
def people(course_setup, campus):
    other_course, _lessons = make_course(campus, title="Autre cours")
    student = UserFactory()
    enroll(student, course_setup["course"])
    other_student = UserFactory()
    enroll(other_student, other_course)
    return {
        "visitor": None,
        "member": UserFactory(),
        "student": student,
        "other_student": other_student,
        "teacher": course_setup["course"].teachers.get(),
        "other_teacher": UserFactory(roles=[Role.TEACHERS]),
        "staff": UserFactory(roles=[Role.STAFF], is_staff=True),
    }


def _urls(setup):
    course, lessons = setup["course"], setup["lessons"]
    certificate = Certificate.objects.create(
        user=UserFactory(), course=course, student_name="A", course_title=course.title
    )
    return {
        "catalogue": ("get", course.get_parent().url),
        "course": ("get", course.url),
        "preview_lesson": ("get", lessons[0].url),
        "lesson": ("get", lessons[1].url),
        "student_dashboard": ("get", reverse("campus:student_dashboard")),
        "teacher_dashboard": ("get", reverse("campus:teacher_dashboard")),
        "roster": ("get", reverse("campus:roster", args=[course.pk])),
        "csv": ("get", reverse("campus:export_csv", args=[course.pk])),
        "invite": ("get", reverse("campus:invite", args=[course.pk])),
        "complete": ("post", reverse("campus:complete", args=[lessons[0].pk])),
        "ping": ("post", reverse("campus:ping", args=[lessons[0].pk])),
        "quiz": ("post", reverse("campus:quiz_submit", args=[lessons[1].pk, "quiz-1"])),
        "verify": ("get", reverse("campus:verify")),
        "certificate": ("get", certificate.get_absolute_url()),
        "certificate_pdf": ("get", reverse("campus:certificate_pdf", args=[certificate.code])),
    }


LOGIN = 302
#                     visitor member student other_st teacher other_t staff
MATRIX = {
    "catalogue":         (200, 200, 200, 200, 200, 200, 200),
    "course":            (200, 200, 200, 200, 200, 200, 200),
    "preview_lesson":    (200, 200, 200, 200, 200, 200, 200),
    "lesson":            (LOGIN, 403, 200, 403, 200, 403, 200),
    "student_dashboard": (LOGIN, 200, 200, 200, 200, 200, 200),
    "teacher_dashboard": (LOGIN, 200, 200, 200, 200, 200, 200),
    "roster":            (LOGIN, 403, 403, 403, 200, 403, 200),
    "csv":               (LOGIN, 403, 403, 403, 200, 403, 200),
    "invite":            (LOGIN, 403, 403, 403, 200, 403, 200),
    "complete":          (LOGIN, 403, 302, 403, 403, 403, 403),
    "ping":              (LOGIN, 403, 200, 403, 403, 403, 403),
    "quiz":              (LOGIN, 403, 302, 403, 403, 403, 403),
    "verify":            (200, 200, 200, 200, 200, 200, 200),
    "certificate":       (200, 200, 200, 200, 200, 200, 200),
    "certificate_pdf":   (200, 200, 200, 200, 200, 200, 200),
}  # fmt: skip


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(client, course_setup, people, name):
    method, url = _urls(course_setup)[name]
    statuses = []
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        statuses.append(getattr(client, method)(url).status_code)

    assert dict(zip(ROLES, statuses, strict=True)) == dict(zip(ROLES, MATRIX[name], strict=True))


def test_a_visitor_is_sent_to_log_in_and_back_to_the_lesson(client, course_setup):
    lesson = course_setup["lessons"][1]

    response = client.get(lesson.url)

    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={urlparse(lesson.url).path}")


def test_a_withdrawn_student_loses_access(client, course_setup, student):
    student.enrollments.update(status="withdrawn")
    client.force_login(student)

    assert client.get(course_setup["lessons"][1].url).status_code == 403


def test_course_recordings_are_visible_to_the_course_students_and_teachers_only(
    course_setup, people
):
    recording = course_setup["recording"]
    seen = {
        role: recording_policy.can_view(people[role], recording)
        for role in ROLES
        if people[role] is not None
    }

    assert seen == {
        "member": False,
        "student": True,
        "other_student": False,
        "teacher": True,  # the owner too, but also as the course's teacher
        "other_teacher": False,
        "staff": True,
    }


def test_the_recording_index_follows_unpublishing(course_setup, people):
    recording = course_setup["recording"]
    course_setup["lessons"][2].unpublish()

    assert not recording_policy.can_view(people["student"], recording)


def test_the_access_rule_costs_one_query(course_setup, people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert course_policy.can_view_recording(people["student"], course_setup["recording"])


def test_the_lesson_player_of_a_student_reports_progress(client, course_setup, student):
    client.force_login(student)
    lesson, recording = course_setup["lessons"][2], course_setup["recording"]

    response = client.get(lesson.url)

    expected = reverse("campus:recording_progress", args=[lesson.pk, recording.uuid])
    assert expected in response.content.decode()


def test_the_player_of_someone_not_following_the_course_reports_nothing(
    client, course_setup, course_teacher
):
    client.force_login(course_teacher)

    response = client.get(course_setup["lessons"][2].url)

    assert '"progress_url": null' in response.content.decode()
    assert "data-campus-ping" not in response.content.decode()


def test_a_module_sends_readers_to_its_place_in_the_course_plan(client, course_setup):
    module = course_setup["lessons"][0].get_parent()

    response = client.get(module.url)

    assert response.status_code == 302
    assert response["Location"].endswith(f"#module-{module.pk}")
