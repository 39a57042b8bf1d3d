"""Reads of the campus: course plans, progress, dashboards and rosters, in few queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    LessonPage,
    LessonProgress,
    ModulePage,
    TimeTrace,
)


@dataclass
class LessonItem:
    page: LessonPage
    completed: bool = False


@dataclass
class ModulePlan:
    page: ModulePage
    lessons: list[LessonItem] = field(default_factory=list)

    @property
    def done(self):
        return sum(1 for lesson in self.lessons if lesson.completed)

    @property
    def percent(self):
        return _percent(self.done, len(self.lessons))


@dataclass
class CoursePlan:
    modules: list[ModulePlan]

    @property
    def total(self):
        return sum(len(module.lessons) for module in self.modules)

    @property
    def done(self):
        return sum(module.done for module in self.modules)

    @property
    def percent(self):
        return _percent(self.done, self.total)


def _percent(done, total):
    return round(100 * done / total) if total else 0


def course_plan(course, *, completed=frozenset()):
    """Return the course's modules and lessons in order (two queries), marked as completed."""
    modules = {
        module.path: ModulePlan(page=module)
        for module in ModulePage.objects.live().child_of(course).order_by("path")
    }
    lessons = (
        LessonPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .only("pk", "title", "slug", "url_path", "path", "depth", "is_preview", "summary")
    )
    for lesson in lessons:
        module = modules.get(lesson.path[: -LessonPage.steplen])
        if module is not None:
            module.lessons.append(LessonItem(page=lesson, completed=lesson.pk in completed))
    return CoursePlan(modules=list(modules.values()))


def completed_counts(user_ids, course):
    """Return {user id: lessons completed in `course`} for `user_ids` (one query)."""
    rows = (
        LessonProgress.objects.filter(
            course=course, user_id__in=user_ids, completed_at__isnull=False
        )
        .values("user_id")
        .annotate(done=Count("pk"))
    )
    return {row["user_id"]: row["done"] for row in rows}


def seconds_traced(user_ids, course):
    rows = (
        TimeTrace.objects.filter(course=course, user_id__in=user_ids)
        .values("user_id")
        .annotate(seconds=Sum("seconds"))
    )
    return {row["user_id"]: row["seconds"] or 0 for row in rows}


@dataclass
class StudentCourse:
    enrollment: Enrollment
    total: int
    done: int
    next_lesson: LessonPage | None

    @property
    def percent(self):
        return _percent(self.done, self.total)


def student_courses(user):
    """Return the courses `user` is enrolled in or asked to join, with their progress."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status__in=[EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED])
        .select_related("course", "last_lesson")
        .order_by("-updated_at")
    )
    completed = defaultdict(set)
    for lesson_id, course_id in LessonProgress.objects.filter(
        user=user, completed_at__isnull=False
    ).values_list("lesson_id", "course_id"):
        completed[course_id].add(lesson_id)
    lessons_of = _live_lessons_of([enrollment.course for enrollment in enrollments])
    result = []
    for enrollment in enrollments:
        lessons = lessons_of[enrollment.course_id]
        done = completed[enrollment.course_id]
        upcoming = next((lesson for lesson in lessons if lesson.pk not in done), None)
        result.append(
            StudentCourse(
                enrollment=enrollment,
                total=len(lessons),
                done=len(done & {lesson.pk for lesson in lessons}),
                next_lesson=upcoming,
            )
        )
    return result


def _live_lessons_of(courses):
    """Return {course id: its live lessons in reading order} for `courses` (one query)."""
    lessons_of = {course.pk: [] for course in courses}
    if not courses:
        return lessons_of
    by_path = {course.path: course.pk for course in courses}
    lengths = sorted({len(path) for path in by_path})
    within = Q()
    for path in by_path:
        within |= Q(path__startswith=path)
    lessons = (
        LessonPage.objects.live()
        .filter(within)
        .order_by("path")
        .only("pk", "title", "url_path", "path")
    )
    for lesson in lessons:
        course_id = next(
            (by_path[lesson.path[:n]] for n in lengths if lesson.path[:n] in by_path), None
        )
        if course_id is not None:
            lessons_of[course_id].append(lesson)
    return lessons_of


def student_certificates(user):
    return Certificate.objects.filter(user=user).select_related("course")


def taught_courses(user):
    """Return the courses `user` teaches, with counts of students and requests."""
    return (
        CoursePage.objects.filter(teachers=user)
        .annotate(
            students=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.ACTIVE)),
            requests=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.PENDING)),
            waiting=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.WAITLISTED)),
        )
        .order_by("title")
    )


@dataclass
class RosterRow:
    enrollment: Enrollment
    done: int
    total: int
    seconds: int

    @property
    def percent(self):
        return _percent(self.done, self.total)

    @property
    def hours(self):
        return round(self.seconds / 3600, 1)


def course_roster(course):
    """Return one row per enrollment of `course` with progress and traced time (4 queries)."""
    enrollments = list(
        course.enrollments.exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("user", "cohort")
        .order_by("status", "user__email")
    )
    user_ids = [enrollment.user_id for enrollment in enrollments]
    done = completed_counts(user_ids, course)
    seconds = seconds_traced(user_ids, course)
    total = course.lessons().count()
    return [
        RosterRow(
            enrollment=enrollment,
            done=done.get(enrollment.user_id, 0),
            total=total,
            seconds=seconds.get(enrollment.user_id, 0),
        )
        for enrollment in enrollments
    ]
