"""Dashboards, roster, CSV export and certificates."""

import csv
import io
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from accounts import gdpr
from campus import services
from campus.models import Certificate, Enrollment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(course_setup, student):
    course = course_setup["course"]
    services.time_ping(user=student, lesson=course_setup["lessons"][0], course=course)
    for lesson in course_setup["lessons"]:
        services.lesson_complete(user=student, lesson=lesson, course=course, reason="explicit")
    return Certificate.objects.get(user=student)


def test_the_student_dashboard_lists_courses_next_lesson_and_certificates(
    client, course_setup, student
):
    lessons = course_setup["lessons"]
    services.lesson_complete(
        user=student, lesson=lessons[0], course=course_setup["course"], reason="explicit"
    )
    client.force_login(student)

    response = client.get(reverse("campus:student_dashboard"))

    [item] = response.context["courses"]
    assert (item.done, item.total, item.next_lesson.pk) == (1, 3, lessons[1].pk)
    assert lessons[1].title in response.content.decode()


def test_the_roster_shows_each_student_progress(client, course_setup, student, course_teacher):
    services.lesson_complete(
        user=student,
        lesson=course_setup["lessons"][0],
        course=course_setup["course"],
        reason="explicit",
    )
    client.force_login(course_teacher)

    response = client.get(reverse("campus:roster", args=[course_setup["course"].pk]))

    [row] = response.context["rows"]
    assert (row.enrollment.user, row.done, row.total, row.percent) == (student, 1, 3, 33)


def test_the_csv_export_has_progress_and_time_traces(
    client, course_setup, finished, course_teacher
):
    client.force_login(course_teacher)

    response = client.get(reverse("campus:export_csv", args=[course_setup["course"].pk]))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3
    assert rows[1][3] == course_setup["lessons"][0].title
    assert rows[1][7].endswith("+0s")


def test_a_formula_in_a_name_is_not_run_by_spreadsheets(client, course_setup, course_teacher):
    student = UserFactory(display_name="=HYPERLINK(1)")
    Enrollment.objects.create(user=student, course=course_setup["course"], status="active")
    services.lesson_complete(
        user=student, lesson=course_setup["lessons"][0], course=course_setup["course"],
        reason="explicit",
    )  # fmt: skip
    client.force_login(course_teacher)

    response = client.get(reverse("campus:export_csv", args=[course_setup["course"].pk]))

    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_anyone_can_check_a_certificate_by_its_code(client, finished):
    response = client.get(reverse("campus:verify"), {"code": finished.code.lower()})

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert finished.student_name in page.content.decode()
    assert finished.course_title in page.content.decode()


def test_an_unknown_code_says_so(client, db):
    response = client.get(reverse("campus:verify"), {"code": "NOPE-NOPE-NOPE"})

    assert response.status_code == 404
    assert "NOPE-NOPE-NOPE" in response.content.decode()


def test_the_certificate_pdf_is_a_pdf_with_the_code(client, finished):
    response = client.get(reverse("campus:certificate_pdf", args=[finished.code]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_personal_data_is_exported_and_erased(finished, student):
    exported = gdpr.exporters()["campus"](student)
    json.dumps(exported, cls=DjangoJSONEncoder)
    assert exported["certificates"][0]["code"] == finished.code

    gdpr.erasers()["campus"](student)

    assert gdpr.exporters()["campus"](student)["certificates"] == []


def test_the_csv_export_lists_students_who_have_not_started(
    client, course_setup, student, course_teacher
):
    client.force_login(course_teacher)

    response = client.get(reverse("campus:export_csv", args=[course_setup["course"].pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [student.email]
    assert rows[1][3] == ""


def test_only_teachers_of_a_course_and_staff_have_a_teaching_space(
    course_setup, course_teacher, teacher, staff, student
):
    from campus.permissions import policy

    assert policy.may_teach_any(course_teacher)
    assert policy.may_teach_any(staff)
    assert not policy.may_teach_any(teacher)  # a teacher who teaches no course yet
    assert not policy.may_teach_any(student)
