"""Dashboard reads: the same number of queries for 5 submissions as for 50."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from campus.assignments.models import ReviewComment, Submission, SubmissionStatus
from campus.assignments.selectors import feedback_for_student, submissions_to_review
from campus.models import Enrollment, EnrollmentStatus
from tests.factories import UserFactory

from .conftest import FILE_BLOCK, RECORDING_BLOCK, make_course


def make_submissions(lesson, count, *, status=SubmissionStatus.SUBMITTED, student=None):
    made = []
    for index in range(count):
        person = student or UserFactory()
        Enrollment.objects.get_or_create(
            user=person, course=lesson.course, defaults={"status": EnrollmentStatus.ACTIVE}
        )
        submission = Submission.objects.create(
            lesson=lesson,
            block_id=RECORDING_BLOCK if index % 2 else FILE_BLOCK,
            student=person,
            attempt=index + 1 if student else 1,
            kind="file",
            status=status,
            grade=12 if status != SubmissionStatus.SUBMITTED else None,
            max_grade=20,
            reviewed_at=timezone.now() if status != SubmissionStatus.SUBMITTED else None,
        )
        ReviewComment.objects.create(submission=submission, text="Bien", at_seconds=None)
        made.append(submission)
    return made


def render(template, user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(f"campus_assignments/includes/{template}", {"request": request})


def test_a_teacher_reviews_only_the_submissions_of_their_courses(
    lesson, other_lesson, course_teacher
):
    mine = make_submissions(lesson, 2)
    make_submissions(other_lesson, 3)
    make_submissions(lesson, 1, status=SubmissionStatus.REVIEWED)

    assert submissions_to_review(course_teacher) == mine  # the oldest first


def test_staff_review_every_course(lesson, other_lesson, staff):
    make_submissions(lesson, 2)
    make_submissions(other_lesson, 3)

    assert len(submissions_to_review(staff)) == 5


def test_a_student_sees_only_their_reviewed_work(lesson, student):
    reviewed = make_submissions(lesson, 2, status=SubmissionStatus.REVIEWED, student=student)
    make_submissions(lesson, 1, status=SubmissionStatus.SUBMITTED)
    make_submissions(lesson, 1, status=SubmissionStatus.TO_REDO)

    feedback = feedback_for_student(student)

    assert set(feedback) == set(reviewed)
    assert all(s.comment_count == 1 for s in feedback)


@pytest.mark.parametrize("count", [5, 50])
def test_the_dashboard_blocks_cost_the_same_queries_whatever_their_length(
    db, count, django_assert_max_num_queries
):
    teacher = UserFactory()
    student = UserFactory()
    lessons = [make_course(f"Cours {n}", teachers=[teacher]) for n in range(3)]
    for lesson in lessons:
        make_submissions(lesson, count // 5)
        make_submissions(lesson, count // 5, status=SubmissionStatus.REVIEWED, student=student)

    with django_assert_max_num_queries(6):
        html = render("teacher_reviews.html", teacher)
    assert html.count('href="/') >= 3
    with django_assert_max_num_queries(3):
        html = render("student_feedback.html", student)
    assert "Feedback received" in html
