"""What the course and lesson pages show a reader; a fixed number of queries per page."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from .. import grading, services
from ..forms import CohortForm
from ..models import CourseFormat, EnrollmentStatus, LessonProgress, QuizAttempt
from ..permissions import policy
from ..selectors import course_plan


def course_context(course, request):
    """Return the context of a course page: its plan, and the reader's place in it."""
    user = request.user
    enrollment = policy.enrollment(user, course)
    completed = (
        set(
            LessonProgress.objects.filter(
                user=user, course=course, completed_at__isnull=False
            ).values_list("lesson_id", flat=True)
        )
        if enrollment
        else set()
    )
    plan = course_plan(course, completed=completed)
    return {
        "course": course,
        "plan": plan,
        "enrollment": enrollment,
        "can_follow": policy.can_follow(user, course),
        "can_teach": policy.can_teach(user, course),
        "teachers": list(course.teachers.all()),
        "cohorts": list(course.cohorts.all()),
        "cohort_form": _cohort_form(course, user, enrollment),
        "places_left": _places_left(course),
        "continue_lesson": _continue_lesson(plan, enrollment),
    }


def _cohort_form(course, user, enrollment):
    """Return the choice of a cohort offered with the enrol button, or None (no choice)."""
    if course.format != CourseFormat.COHORT or not user.is_authenticated:
        return None
    if enrollment is not None and enrollment.status in _HOLDING_OR_ASKING:
        return None
    cohorts = services.open_cohorts(course)
    if len(cohorts) < 2:
        return None
    return CohortForm(cohorts=cohorts, initial={"cohort": str(cohorts[0].pk)})


_HOLDING_OR_ASKING = (
    EnrollmentStatus.ACTIVE,
    EnrollmentStatus.PENDING,
    EnrollmentStatus.WAITLISTED,
)


def _places_left(course):
    if course.capacity is None:
        return None
    return max(course.capacity - course.enrollments.holding_a_place().count(), 0)


def _continue_lesson(plan, enrollment):
    """Return the lesson to continue with: the last opened if unfinished, else the next."""
    if enrollment is None or not enrollment.is_active:
        return None
    lessons = [lesson for module in plan.modules for lesson in module.lessons]
    last = next((item for item in lessons if item.page.pk == enrollment.last_lesson_id), None)
    if last and not last.completed:
        return last
    return next((item for item in lessons if not item.completed), None)


def lesson_gate(lesson, request):
    """Return the response that stops a reader who may not read `lesson`, or None.

    A student's visit is remembered for "continue where you left off".
    """
    course = lesson.course
    user = request.user
    if policy.can_view_lesson(user, lesson, course):
        if policy.can_record_progress(user, course):
            services.lesson_visit(user=user, lesson=lesson, course=course)
        return None
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request, "campus/lesson_locked.html", {"page": lesson, "course": course}, status=403
    )


def lesson_context(lesson, request):
    """Return the context of a lesson page: navigation, progress, quizzes, player hook."""
    course = lesson.course
    user = request.user
    recording = policy.can_record_progress(user, course)
    progress = (
        LessonProgress.objects.filter(user=user, lesson=lesson).first() if recording else None
    )
    lessons = list(course.lessons().only("pk", "title", "url_path", "path", "depth"))
    index = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    quizzes = lesson.quiz_blocks()
    context = {
        "course": course,
        "module": lesson.get_parent(),
        "progress": progress,
        "records_progress": recording,
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "quiz_states": _quiz_states(user, lesson, quizzes) if recording else {},
        "explicit_completion": recording and not quizzes and not lesson.recording_ids(),
        "can_teach": policy.can_teach(user, course),
    }
    if recording:
        context["ping_url"] = reverse("campus:ping", args=[lesson.pk])
        context["player_progress_url"] = lambda recording: reverse(
            "campus:recording_progress", args=[lesson.pk, recording.uuid]
        )
    return context


def _quiz_states(user, lesson, quizzes):
    """Return, per quiz block id, the attempts left and the last attempt's graded result."""
    attempts = {}
    for attempt in QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("created_at"):
        attempts.setdefault(attempt.block_id, []).append(attempt)
    states = {}
    for block_id, quiz in quizzes.items():
        made = attempts.get(block_id, [])
        last = made[-1] if made else None
        limit = quiz["max_attempts"]
        states[block_id] = {
            "block_id": block_id,
            "attempts": len(made),
            "attempts_left": max(limit - len(made), 0) if limit else None,
            "passed": any(attempt.passed for attempt in made),
            "last": last,
            "result": grading.grade(quiz, last.answers) if last else None,
            "url": reverse("campus:quiz_submit", args=[lesson.pk, block_id]),
        }
    return states
