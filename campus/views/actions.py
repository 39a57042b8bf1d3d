"""What students and teachers do on a course: enrol, answer, progress, invite."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from studio.models import Recording

from .. import services
from ..forms import CohortForm, InvitationForm
from ..models import (
    Cohort,
    CompletionReason,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    Invitation,
    LessonPage,
)
from ..permissions import policy


def _too_many(request):
    return render(request, "campus/too_many.html", status=429)


def _course(pk):
    return get_object_or_404(CoursePage.objects.live(), pk=pk)


def _lesson(pk):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    return lesson, lesson.course


def _student_lesson(request, pk):
    """Return (lesson, course) if the user's progress in it is recorded, else raise 403."""
    lesson, course = _lesson(pk)
    if not policy.can_record_progress(request.user, course):
        raise PermissionDenied
    return lesson, course


@require_POST
@login_required
@ratelimit(key="user", rate="20/m", block=False)
def enroll(request, pk):
    course = _course(pk)
    if request.limited:
        return _too_many(request)
    cohort = None
    if "cohort" in request.POST:
        form = CohortForm(request.POST, cohorts=services.open_cohorts(course))
        if not form.is_valid():
            messages.error(request, _("Choose one of the open cohorts of the course."))
            return redirect(course.url)
        cohort = form.cleaned_data["cohort"]
    try:
        enrollment = services.enrollment_request(
            user=request.user, course=course, cohort=cohort, request=request
        )
    except services.EnrollmentError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    messages.success(request, _enrolled_message(enrollment))
    return redirect(course.url)


def _enrolled_message(enrollment):
    if enrollment.status == EnrollmentStatus.PENDING:
        return _("Your request was sent to the teachers; you will get an email.")
    if enrollment.status == EnrollmentStatus.WAITLISTED:
        return _("The course is full: you are on the waiting list.")
    return _("You are enrolled: welcome to the course!")


@require_POST
@login_required
def withdraw(request, pk):
    course = _course(pk)
    enrollment = get_object_or_404(Enrollment, user=request.user, course=course)
    left = _withdrawn_message(enrollment)
    services.enrollment_withdraw(enrollment=enrollment, request=request)
    messages.success(request, left)
    return redirect(course.url)


def _withdrawn_message(enrollment):
    if enrollment.status == EnrollmentStatus.PENDING:
        return _("Your request to join the course is cancelled.")
    if enrollment.status == EnrollmentStatus.WAITLISTED:
        return _("You left the waiting list.")
    return _("You left the course. Your progress is kept.")


def _managed_enrollment(request, pk):
    enrollment = get_object_or_404(Enrollment.objects.select_related("course", "user"), pk=pk)
    if not policy.can_manage_enrollments(request.user, enrollment.course):
        raise PermissionDenied
    return enrollment


@require_POST
@login_required
def approve(request, pk):
    enrollment = _managed_enrollment(request, pk)
    try:
        services.enrollment_approve(enrollment=enrollment, request=request)
        messages.success(request, _("%(name)s was admitted.") % {"name": enrollment.user})
    except services.EnrollmentError as error:
        messages.error(request, str(error))
    return redirect("campus:roster", enrollment.course_id)


@require_POST
@login_required
def decline(request, pk):
    enrollment = _managed_enrollment(request, pk)
    try:
        services.enrollment_decline(enrollment=enrollment, request=request)
        messages.success(request, _("The request of %(name)s was declined.") % {
            "name": enrollment.user})  # fmt: skip
    except services.EnrollmentError as error:
        messages.error(request, str(error))
    return redirect("campus:roster", enrollment.course_id)


@require_POST
@login_required
def cohort_change(request, pk):
    """Move a student to another cohort of the course (from the roster)."""
    enrollment = _managed_enrollment(request, pk)
    form = CohortForm(request.POST, cohorts=Cohort.objects.filter(course=enrollment.course))
    if not form.is_valid():
        messages.error(request, _("Choose one of the cohorts of the course."))
        return redirect("campus:roster", enrollment.course_id)
    cohort = form.cleaned_data["cohort"]
    services.enrollment_cohort_change(enrollment=enrollment, cohort=cohort, request=request)
    messages.success(request, _("%(name)s is now in the cohort “%(cohort)s”.") % {
        "name": enrollment.user, "cohort": cohort.name})  # fmt: skip
    return redirect("campus:roster", enrollment.course_id)


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=False)
def invite(request, pk):
    course = get_object_or_404(CoursePage, pk=pk)
    if not policy.can_manage_enrollments(request.user, course):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and request.limited:
        return _too_many(request)
    if request.method == "POST" and form.is_valid():
        for email in form.cleaned_data["emails"]:
            services.invitation_send(
                course=course, email=email, invited_by=request.user, request=request
            )
        messages.success(request, _("%(count)d invitation(s) sent.") % {
            "count": len(form.cleaned_data["emails"])})  # fmt: skip
        return redirect("campus:roster", course.pk)
    return render(request, "campus/invite.html", {"course": course, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("course"), token=token)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user, request=request)
        except services.EnrollmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You joined the course."))
            return redirect(invitation.course.url)
    return render(request, "campus/invitation.html", {"invitation": invitation})


@require_POST
@login_required
def complete(request, pk):
    """Mark a lesson done by hand; only lessons without a quiz or a recording allow it."""
    lesson, course = _student_lesson(request, pk)
    if lesson.quiz_blocks() or lesson.recording_ids():
        return HttpResponseBadRequest(
            _("This lesson is completed by passing its quiz or watching its recording.")
        )
    services.lesson_complete(
        user=request.user, lesson=lesson, course=course, reason=CompletionReason.EXPLICIT
    )
    messages.success(request, _("Lesson marked as done."))
    return redirect(lesson.url)


def _json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


@require_POST
@login_required
@ratelimit(key="user", rate="30/m", block=False)
def recording_progress(request, pk, uuid):
    """Credit a player's report of its position (JSON {"position": seconds})."""
    lesson, course = _student_lesson(request, pk)
    if request.limited:
        return JsonResponse({"error": _("Too many reports; slow down.")}, status=429)
    recording = get_object_or_404(Recording.objects.select_related("asset"), uuid=uuid)
    if recording.pk not in lesson.recording_ids():
        return JsonResponse({"error": _("This recording is not part of the lesson.")}, status=400)
    data = _json_body(request)
    try:
        position = float(data["position"])
    except (TypeError, KeyError, ValueError):
        return JsonResponse({"error": _("Send the position in seconds.")}, status=400)
    state = services.recording_progress_report(
        user=request.user, lesson=lesson, course=course, recording=recording, position=position
    )
    return JsonResponse(state)


@require_POST
@login_required
@ratelimit(key="user", rate="6/m", block=False)
def ping(request, pk):
    """Extend the time traced on the lesson (the page pings while it is visible)."""
    lesson, course = _student_lesson(request, pk)
    if request.limited:
        return JsonResponse({"error": _("Too many pings.")}, status=429)
    trace = services.time_ping(user=request.user, lesson=lesson, course=course)
    return JsonResponse({"seconds": trace.seconds})


@require_POST
@login_required
@ratelimit(key="user", rate="20/m", block=False)
def quiz_submit(request, pk, block_id):
    lesson, course = _student_lesson(request, pk)
    if request.limited:
        return _too_many(request)
    prefix = "q-"
    answers = {
        key[len(prefix) :]: [value[:200] for value in request.POST.getlist(key)][:20]
        for key in request.POST
        if key.startswith(prefix)
    }
    number = request.POST.get("attempt", "")
    try:
        _attempt, result = services.quiz_submit(
            user=request.user, lesson=lesson, course=course, block_id=block_id, answers=answers,
            number=int(number) if number.isdecimal() and len(number) < 5 else None,
        )  # fmt: skip
    except services.QuizAlreadyHandedIn as repeated:
        messages.info(request, str(repeated))
    except services.QuizError as error:
        messages.error(request, str(error))
    else:
        if result.passed:
            messages.success(request, _("Quiz passed with %(score)d%%.") % {"score": result.score})
        else:
            message = _("%(score)d%%: not passed yet. Read the feedback and try again.")
            messages.warning(request, message % {"score": result.score})
    return redirect(f"{lesson.url}#quiz-{block_id}")
