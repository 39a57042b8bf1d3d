"""Dashboards: a student's courses and certificates; a teacher's courses and students."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Cohort, CoursePage, LessonProgress, TimeTrace
from ..permissions import policy


def _assignments_include(name):
    """Return the assignments sub-app's dashboard include `name` if it provides it."""
    try:
        return select_template([f"campus_assignments/includes/{name}.html"]).template.name
    except TemplateDoesNotExist:
        return None


@require_GET
@login_required
def student_dashboard(request):
    return render(
        request,
        "campus/student_dashboard.html",
        {
            "courses": selectors.student_courses(request.user),
            "certificates": selectors.student_certificates(request.user),
            "feedback_include": _assignments_include("student_feedback"),
        },
    )


@require_GET
@login_required
def teacher_dashboard(request):
    is_staff = policy.is_campus_staff(request.user)
    return render(
        request,
        "campus/teacher_dashboard.html",
        {
            "courses": selectors.taught_courses(request.user),
            "all_courses": CoursePage.objects.order_by("title") if is_staff else None,
            "reviews_include": _assignments_include("teacher_reviews"),
        },
    )


def _taught_course(request, pk):
    course = get_object_or_404(CoursePage, pk=pk)
    if not policy.can_teach(request.user, course):
        raise PermissionDenied
    return course


@require_GET
@login_required
def roster(request, pk):
    course = _taught_course(request, pk)
    return render(
        request,
        "campus/roster.html",
        {
            "course": course,
            "rows": selectors.course_roster(course),
            "cohorts": list(Cohort.objects.filter(course=course).order_by("starts_on")),
        },
    )


@require_GET
@login_required
def export_csv(request, pk):
    """Return the course's progress and time traces as CSV, one line per lesson and student."""
    course = _taught_course(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="course-{course.pk}-{stamp}.csv"'
    response.write("\ufeff")  # lets spreadsheet software read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Student"), _("Email"), _("Status"), _("Lesson"), _("Completed at"),
            _("Completed by"), _("Seconds on the lesson"), _("Time traces"),
        ]
    )  # fmt: skip
    traces = {}
    for trace in TimeTrace.objects.filter(course=course).order_by("started_at"):
        traces.setdefault((trace.user_id, trace.lesson_id), []).append(trace)
    progress = (
        LessonProgress.objects.filter(course=course)
        .select_related("lesson")
        .order_by("lesson__path")  # the course's order, as in the page tree
    )
    by_user = {}
    for item in progress:
        by_user.setdefault(item.user_id, []).append(item)
    for row in selectors.course_roster(course):
        enrollment = row.enrollment
        if enrollment.user_id not in by_user:  # enrolled, no lesson opened yet
            writer.writerow(
                [
                    _spreadsheet_safe(enrollment.user.public_name),
                    enrollment.user.email,
                    enrollment.get_status_display(),
                    *[""] * 5,
                ]
            )
        for item in by_user.get(enrollment.user_id, []):
            spans = traces.get((enrollment.user_id, item.lesson_id), [])
            writer.writerow(
                [
                    _spreadsheet_safe(enrollment.user.public_name),
                    enrollment.user.email,
                    enrollment.get_status_display(),
                    _spreadsheet_safe(item.lesson.title),
                    timezone.localtime(item.completed_at).isoformat() if item.completed_at else "",
                    item.get_completion_reason_display(),
                    item.seconds_spent,
                    "; ".join(
                        f"{timezone.localtime(t.started_at).isoformat()} +{t.seconds}s"
                        for t in spans
                    ),
                ]
            )
    return response


def _spreadsheet_safe(value):
    """Keep a name from running as a formula when the file is opened in a spreadsheet."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
