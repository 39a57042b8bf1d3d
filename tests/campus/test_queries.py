"""The course and lesson pages cost the same number of queries with 5 or 50 lessons/students."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campus import services
from tests.campus.conftest import enroll, make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _count(client, url):
    # Warm the caches (site root paths, content types, the site shell). The first request
    # also creates the site's settings rows, whose saving makes the shell cached meanwhile
    # stale: the second one keeps it.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _course_with(campus, teacher, size):
    course, lessons = make_course(campus, teachers=[teacher], lessons=size // 5, modules=5)
    student = UserFactory()
    enroll(student, course)
    for other in UserFactory.create_batch(size):
        enroll(other, course)
        services.lesson_complete(user=other, lesson=lessons[0], course=course, reason="explicit")
    for lesson in lessons[: size // 2]:
        services.lesson_complete(user=student, lesson=lesson, course=course, reason="explicit")
    return course, lessons, student


@pytest.mark.parametrize("page", ["course", "lesson", "roster", "dashboard"])
def test_page_queries_do_not_grow_with_lessons_or_students(client, campus, course_teacher, page):
    counts = []
    for size in (5, 50):
        course, lessons, student = _course_with(campus, course_teacher, size)
        viewer = course_teacher if page == "roster" else student
        client.force_login(viewer)
        url = {
            "course": course.url,
            "lesson": lessons[-1].url,
            "roster": f"/campus/courses/{course.pk}/students/",
            "dashboard": "/campus/my-courses/",
        }[page]
        counts.append(_count(client, url))

    assert counts[0] == counts[1]


def _student_in(campus, teacher, courses):
    """Return a student enrolled in `courses` courses: one finished, the others under way."""
    student = UserFactory()
    for number in range(courses):
        course, lessons = make_course(
            campus, title=f"Cours {number}", teachers=[teacher], lessons=2, modules=2
        )
        enroll(student, course)
        done = lessons if number == 0 else lessons[:1]
        for lesson in done:
            services.lesson_visit(user=student, lesson=lesson, course=course)
            services.lesson_complete(user=student, lesson=lesson, course=course, reason="explicit")
    return student


def test_the_student_dashboard_queries_do_not_grow_with_courses(client, campus, course_teacher):
    counts = []
    for courses in (1, 5):
        student = _student_in(campus, course_teacher, courses)
        client.force_login(student)
        response = client.get("/campus/my-courses/")
        assert len(response.context["courses"]) == courses
        assert len(response.context["certificates"]) == 1
        counts.append(_count(client, "/campus/my-courses/"))

    assert counts[0] == counts[1]
