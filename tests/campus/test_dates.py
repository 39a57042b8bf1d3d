"""Dates of courses and cohorts: an end before the start is refused with a clear message."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from campus.models import Cohort, CourseFormat, CoursePage
from tests.campus.conftest import make_course

pytestmark = pytest.mark.django_db

COHORT_MESSAGES = {
    "A cohort cannot end before it starts: choose a later end date.",
    "Une promotion ne peut pas finir avant de commencer : choisissez une date de fin plus tardive.",
}
COURSE_MESSAGES = {
    "The course cannot end before it starts: choose a later end date.",
    "Le cours ne peut pas finir avant de commencer : choisissez une date de fin plus tardive.",
}


@pytest.fixture
def course(campus, course_teacher):
    course, _lessons = make_course(campus, teachers=[course_teacher])
    return course


def test_a_cohort_ending_before_it_starts_is_refused(course):
    cohort = Cohort(
        course=course, name="Printemps", starts_on=date(2027, 3, 1), ends_on=date(2027, 2, 28)
    )

    with pytest.raises(ValidationError) as raised:
        cohort.full_clean()

    [message] = raised.value.message_dict["ends_on"]
    assert message in COHORT_MESSAGES


def test_a_cohort_of_one_day_or_without_an_end_is_accepted(course):
    Cohort(
        course=course, name="Stage", starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 1)
    ).full_clean()
    Cohort(course=course, name="Permanente", starts_on=date(2027, 3, 1)).full_clean()


def test_a_cohort_course_ending_before_it_starts_is_refused(course):
    course.format = CourseFormat.COHORT
    course.starts_on, course.ends_on = date(2027, 3, 1), date(2027, 1, 15)

    with pytest.raises(ValidationError) as raised:
        course.full_clean()

    [message] = raised.value.message_dict["ends_on"]
    assert message in COURSE_MESSAGES


def _course_fields(**extra):
    return {
        "title": "Chant choral",
        "slug": "chant-choral",
        "summary": "Chanter ensemble.",
        "level": "beginner",
        "language": "fr",
        "estimated_hours": "4",
        "format": "cohort",
        "starts_on": "2027-03-01",
        "ends_on": "2027-06-30",
        "enrollment_policy": "open",
        "cohorts-TOTAL_FORMS": "0",
        "cohorts-INITIAL_FORMS": "0",
        "cohorts-MIN_NUM_FORMS": "0",
        "cohorts-MAX_NUM_FORMS": "1000",
        **extra,
    }


def _cohort_fields(starts_on, ends_on):
    return {
        "cohorts-TOTAL_FORMS": "1",
        "cohorts-0-id": "",
        "cohorts-0-ORDER": "1",
        "cohorts-0-DELETE": "",
        "cohorts-0-name": "Printemps",
        "cohorts-0-starts_on": starts_on,
        "cohorts-0-ends_on": ends_on,
    }


def test_the_course_editor_refuses_a_cohort_ending_before_it_starts(client, campus, staff):
    client.force_login(staff)

    response = client.post(
        f"/admin/pages/add/campus/coursepage/{campus.pk}/",
        _course_fields(**_cohort_fields("2027-03-01", "2027-02-01")),
    )

    assert response.status_code == 200
    [cohort_form] = response.context["form"].formsets["cohorts"].forms
    [message] = cohort_form.errors["ends_on"]
    assert message in COHORT_MESSAGES
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CoursePage.objects.filter(slug="chant-choral").exists()


def test_the_course_editor_refuses_a_course_ending_before_it_starts(client, campus, staff):
    client.force_login(staff)

    response = client.post(
        f"/admin/pages/add/campus/coursepage/{campus.pk}/",
        _course_fields(ends_on="2027-01-31"),
    )

    assert response.status_code == 200
    [message] = response.context["form"].errors["ends_on"]
    assert message in COURSE_MESSAGES
    assert not CoursePage.objects.filter(slug="chant-choral").exists()


def test_the_course_editor_saves_well_ordered_cohort_dates(client, campus, staff):
    client.force_login(staff)

    response = client.post(
        f"/admin/pages/add/campus/coursepage/{campus.pk}/",
        _course_fields(**_cohort_fields("2027-03-01", "2027-03-31")),
    )

    assert response.status_code == 302
    [cohort] = CoursePage.objects.get(slug="chant-choral").cohorts.all()
    assert (cohort.starts_on, cohort.ends_on) == (date(2027, 3, 1), date(2027, 3, 31))
