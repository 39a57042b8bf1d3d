"""Workflows of the campus: enrolment, progress, quizzes, time traces and certificates.

Every function is keyword-only; those that change several rows run in one transaction
and send their emails once it commits.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import emails, grading, watching
from .models import (
    Certificate,
    Cohort,
    CompletionReason,
    CoursePage,
    Enrollment,
    EnrollmentPolicy,
    EnrollmentStatus,
    Invitation,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    TimeTrace,
)

PING_INTERVAL = 30  # seconds between two pings of an open, visible lesson page
PING_CAP = 45  # most seconds one ping may add: a late ping does not count a long absence


class EnrollmentError(Exception):
    """An enrolment step that the course's rules do not allow; the message says why."""


class QuizError(Exception):
    """A quiz attempt that cannot be graded (no attempts left, unknown quiz)."""


# --- Enrolment -----------------------------------------------------------------------------


def open_cohorts(course):
    """Return the cohorts of `course` that have not ended, the one to join by default first.

    The next to start comes first, then those under way from the latest started: a newcomer
    joins the coming session rather than one that began long ago (open-ended or not).
    """
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(course=course).exclude(ends_on__lt=today)
    return sorted(
        cohorts, key=lambda cohort: (cohort.starts_on < today, abs(cohort.starts_on - today))
    )


def _default_cohort(course):
    cohorts = open_cohorts(course)
    return cohorts[0] if cohorts else None


def _chosen_cohort(course, cohort):
    """Return `cohort` if a student may choose it in `course`; raise EnrollmentError."""
    if cohort is None:
        return None
    if cohort.pk not in {open_cohort.pk for open_cohort in open_cohorts(course)}:
        raise EnrollmentError(_("This cohort is no longer open; choose another one."))
    return cohort


def _is_full(course):
    if course.capacity is None:
        return False
    return course.enrollments.holding_a_place().count() >= course.capacity


def _locked(course):
    """Return `course` locked for the transaction, so two last places are not both taken."""
    return CoursePage.objects.select_for_update().get(pk=course.pk)


def _teachers(course):
    return list(course.teachers.all())


def _admit(enrollment, *, request=None):
    """Make `enrollment` active, or put it on the waiting list when the course is full."""
    course = enrollment.course
    if _is_full(course):
        enrollment.status = EnrollmentStatus.WAITLISTED
        enrollment.save()
        emails.send(
            to=[enrollment.user],
            subject=gettext_lazy("You are on the waiting list of “%(course)s”"),
            message=gettext_lazy(
                "The course is full. You will be enrolled, and told by email, as soon as "
                "a place frees up."
            ),
            params={"course": course.title},
            link=course.url,
            request=request,
        )
        return enrollment
    enrollment.status = EnrollmentStatus.ACTIVE
    enrollment.cohort = enrollment.cohort or _default_cohort(course)
    enrollment.save()
    emails.send(
        to=[enrollment.user],
        subject=gettext_lazy("Welcome to “%(course)s”"),
        message=gettext_lazy("You are enrolled. Start with the first lesson whenever you like."),
        params={"course": course.title},
        link=course.url,
        request=request,
    )
    return enrollment


@transaction.atomic
def enrollment_request(*, user, course, cohort=None, request=None, invited=False):
    """Enrol `user` in `course` as its policy says, in `cohort` if chosen; return the
    enrollment.

    Open courses admit at once (or waitlist when full), approval courses wait for a
    teacher, invitation-only courses need `invited=True`. Raise EnrollmentError otherwise,
    or when `cohort` is not an open cohort of the course.
    """
    course = _locked(course)
    cohort = _chosen_cohort(course, cohort)
    enrollment, _created = Enrollment.objects.get_or_create(
        user=user, course=course, defaults={"status": EnrollmentStatus.PENDING}
    )
    if not _created and enrollment.status in (
        EnrollmentStatus.ACTIVE,
        EnrollmentStatus.PENDING,
        EnrollmentStatus.WAITLISTED,
    ):
        return enrollment
    if course.enrollment_policy == EnrollmentPolicy.INVITATION and not invited:
        raise EnrollmentError(_("This course is open by invitation only."))
    if cohort is not None:
        enrollment.cohort = cohort
    if course.enrollment_policy == EnrollmentPolicy.APPROVAL and not invited:
        enrollment.status = EnrollmentStatus.PENDING
        enrollment.save()
        emails.send(
            to=[user],
            subject=gettext_lazy("Your request to join “%(course)s”"),
            message=gettext_lazy("The course's teachers will answer your request soon."),
            params={"course": course.title},
            link=course.url,
            request=request,
        )
        emails.send(
            to=_teachers(course),
            subject=gettext_lazy("A student asks to join “%(course)s”"),
            message=gettext_lazy("%(name)s asks to join the course. Answer from your dashboard."),
            params={"course": course.title, "name": user},
            link=course.url,
            request=request,
        )
        return enrollment
    return _admit(enrollment, request=request)


@transaction.atomic
def enrollment_approve(*, enrollment, request=None):
    """Admit a pending request (or waitlist it when the course is full)."""
    if enrollment.status != EnrollmentStatus.PENDING:
        raise EnrollmentError(_("This request has already been answered."))
    _locked(enrollment.course)
    return _admit(enrollment, request=request)


@transaction.atomic
def enrollment_decline(*, enrollment, request=None):
    if enrollment.status != EnrollmentStatus.PENDING:
        raise EnrollmentError(_("This request has already been answered."))
    enrollment.status = EnrollmentStatus.DECLINED
    enrollment.save()
    emails.send(
        to=[enrollment.user],
        subject=gettext_lazy("Your request to join “%(course)s”"),
        message=gettext_lazy("The teachers could not accept your request this time."),
        params={"course": enrollment.course.title},
        link=enrollment.course.url,
        request=request,
    )
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment, request=None):
    """Withdraw the student; the first person on the waiting list takes the place.

    A request still pending, or a place on the waiting list, is simply cancelled: it held
    no place, and the student, who asked for it on the page, gets no email. A declined or
    withdrawn enrollment stays as it is.
    """
    if enrollment.status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED):
        return enrollment
    course = _locked(enrollment.course)
    if enrollment.status in (EnrollmentStatus.PENDING, EnrollmentStatus.WAITLISTED):
        enrollment.status = EnrollmentStatus.WITHDRAWN
        enrollment.save(update_fields=["status", "updated_at"])
        return enrollment
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()
    emails.send(
        to=[enrollment.user],
        subject=gettext_lazy("You left “%(course)s”"),
        message=gettext_lazy(
            "Your progress is kept: enrol again to take it up where you left off."
        ),
        params={"course": course.title},
        link=course.url,
        request=request,
    )
    waiting_list_promote(course=course, request=request)
    return enrollment


@transaction.atomic
def enrollment_cohort_change(*, enrollment, cohort, request=None):
    """Move the student of `enrollment` to `cohort` (of the same course) and tell them."""
    if cohort.course_id != enrollment.course_id:
        raise EnrollmentError(_("This cohort belongs to another course."))
    if enrollment.cohort_id == cohort.pk:
        return enrollment
    enrollment.cohort = cohort
    enrollment.save(update_fields=["cohort", "updated_at"])
    emails.send(
        to=[enrollment.user],
        subject=gettext_lazy("Your cohort in “%(course)s”"),
        message=gettext_lazy("The teachers moved you to the cohort “%(cohort)s”."),
        params={"course": enrollment.course.title, "cohort": cohort.name},
        link=enrollment.course.url,
        request=request,
    )
    return enrollment


def waiting_list_promote(*, course, request=None):
    """Admit people from the waiting list, first come first served, while places are free."""
    promoted = []
    waiting = course.enrollments.filter(status=EnrollmentStatus.WAITLISTED).order_by("created_at")
    for enrollment in waiting.select_related("user"):
        if _is_full(course):
            break
        promoted.append(_admit(enrollment, request=request))
    return promoted


def invitation_send(*, course, email, invited_by, request=None):
    """Invite `email` to `course`; return the invitation (a new token each time)."""
    invitation = Invitation.objects.create(course=course, email=email, invited_by=invited_by)
    emails.send(
        to=[email],
        subject=gettext_lazy("You are invited to “%(course)s”"),
        message=gettext_lazy(
            "%(name)s invites you to join the course. Open the link below, log in or create "
            "an account with this email address, and confirm."
        ),
        params={"course": course.title, "name": invited_by},
        link=invitation.get_absolute_url,
        request=request,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user, request=None):
    """Enrol `user` through `invitation`; raise EnrollmentError if it is not theirs."""
    if invitation.accepted_at:
        raise EnrollmentError(_("This invitation has already been used."))
    addresses = {user.email.casefold()} | {
        address.email.casefold() for address in user.emailaddress_set.filter(verified=True)
    }
    if invitation.email.casefold() not in addresses:
        raise EnrollmentError(
            _("This invitation was sent to another email address. Log in with that address.")
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return enrollment_request(user=user, course=invitation.course, request=request, invited=True)


# --- Progress ------------------------------------------------------------------------------


def _progress(user, lesson, course):
    progress, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    return progress


def lesson_visit(*, user, lesson, course):
    """Remember that `user` opened `lesson` (for "continue where you left off")."""
    now = timezone.now()
    progress = _progress(user, lesson, course)
    LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=now)
    Enrollment.objects.filter(user=user, course=course).update(last_lesson=lesson)
    return progress


@transaction.atomic
def lesson_complete(*, user, lesson, course, reason):
    """Mark `lesson` complete for `user` (once); issue the certificate when the course is done."""
    progress = _progress(user, lesson, course)
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.completion_reason = reason
        progress.save(update_fields=["completed_at", "completion_reason"])
        certificate_issue_if_complete(user=user, course=course)
    return progress


def recording_progress_report(*, user, lesson, course, recording, position):
    """Credit what the player reports as watched, continuous playback only; return the state.

    Return {"watched": seconds, "duration": seconds, "completed": bool}. Completes the
    lesson when 90% of the recording's real duration (from its manifest) was watched.
    """
    duration = float((recording.asset.manifest or {}).get("duration") or 0)
    position = min(max(float(position), 0.0), duration)
    now = timezone.now()
    with transaction.atomic():
        progress = LessonProgress.objects.select_for_update().get(
            pk=_progress(user, lesson, course).pk
        )
        state = progress.watched.get(str(recording.uuid)) or {}
        opened_at = progress.last_seen_at or progress.first_seen_at
        previous = watching.starting_point(state, opened_at=opened_at.timestamp())
        current = watching.Report(position=position, at=now.timestamp())
        intervals = state.get("intervals", [])
        interval = watching.credit(previous, current)
        if interval:
            intervals = watching.merge([*intervals, list(interval)])
        progress.watched[str(recording.uuid)] = {
            "intervals": intervals,
            "position": position,
            "at": now.timestamp(),
        }
        progress.save(update_fields=["watched"])
    completed = progress.completed_at is not None
    if watching.is_watched(intervals, duration) and not completed:
        lesson_complete(user=user, lesson=lesson, course=course, reason=CompletionReason.WATCHED)
        completed = True
    return {
        "watched": round(watching.watched_seconds(intervals, duration), 1),
        "duration": duration,
        "completed": completed,
    }


@transaction.atomic
def time_ping(*, user, lesson, course):
    """Record that the lesson page is open and visible; return the trace it extends.

    A ping within PING_CAP seconds of the previous one extends the current trace by the
    real time elapsed; a later one starts a new trace, so a tab left in the background
    (which stops pinging) never counts.
    """
    now = timezone.now()
    trace = (
        TimeTrace.objects.select_for_update()
        .filter(user=user, lesson=lesson, last_ping_at__gte=now - timedelta(seconds=PING_CAP))
        .order_by("-last_ping_at")
        .first()
    )
    if trace is None:
        return TimeTrace.objects.create(
            user=user, lesson=lesson, course=course, started_at=now, last_ping_at=now
        )
    added = min(int((now - trace.last_ping_at).total_seconds()), PING_CAP)
    trace.seconds += added
    trace.last_ping_at = now
    trace.save(update_fields=["seconds", "last_ping_at"])
    progress = _progress(user, lesson, course)
    LessonProgress.objects.filter(pk=progress.pk).update(seconds_spent=F("seconds_spent") + added)
    return trace


# --- Quizzes -------------------------------------------------------------------------------


class QuizAlreadyHandedIn(QuizError):
    """The hand-in repeats an attempt already graded (a double click, a second tab)."""

    def __init__(self, *, attempt, result):
        if attempt.passed:
            message = _(
                "This attempt was already handed in; here is its result: %(score)d%%, passed."
            )
        else:
            message = _(
                "This attempt was already handed in; here is its result: %(score)d%%, "
                "not passed yet."
            )
        super().__init__(message % {"score": attempt.score})
        self.attempt = attempt
        self.result = result


def _lock_student(*, user, course):
    """Lock `user`'s enrollment in `course` until the transaction ends."""
    Enrollment.objects.select_for_update().filter(user=user, course=course).first()


@transaction.atomic
def quiz_submit(*, user, lesson, course, block_id, answers, number=None):
    """Grade `answers` on the server, store the attempt; return (attempt, QuizResult).

    `number` is the attempt the student's form hands in (None: the next one). The
    student's enrollment is locked meanwhile, so hand-ins sent at once are graded one
    after the other: a second hand-in of an attempt already graded raises
    QuizAlreadyHandedIn with that attempt and its result, and the attempts limit holds.
    Raise QuizError when the quiz does not exist or no attempt is left. Anything the
    client claims besides its answers (a score, a pass) is ignored.
    """
    quiz = lesson.quiz_blocks().get(block_id)
    if quiz is None:
        raise QuizError(_("This quiz no longer exists; reload the lesson."))
    _lock_student(user=user, course=course)
    made = QuizAttempt.objects.filter(user=user, lesson=lesson, block_id=block_id)
    used = made.count()
    handed_in = made.filter(number=number).first() if number else None
    if handed_in is not None:
        raise QuizAlreadyHandedIn(attempt=handed_in, result=grading.grade(quiz, handed_in.answers))
    if quiz["max_attempts"] and used >= quiz["max_attempts"]:
        raise QuizError(_("You have used every attempt at this quiz."))
    result = grading.grade(quiz, answers)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                lesson=lesson,
                block_id=block_id,
                number=used + 1,
                answers=answers,
                score=result.score,
                passed=result.passed,
            )
    except IntegrityError:
        # A database without row locks (SQLite) let a simultaneous hand-in take the number.
        taken = made.get(number=used + 1)
        raise QuizAlreadyHandedIn(
            attempt=taken, result=grading.grade(quiz, taken.answers)
        ) from None
    if result.passed:
        lesson_complete(user=user, lesson=lesson, course=course, reason=CompletionReason.QUIZ)
    return attempt, result


# --- Certificates --------------------------------------------------------------------------


def certificate_issue_if_complete(*, user, course):
    """Issue `user`'s certificate for `course` when every live lesson is complete."""
    lesson_ids = set(LessonPage.objects.live().descendant_of(course).values_list("pk", flat=True))
    if not lesson_ids:
        return None
    done = set(
        LessonProgress.objects.filter(
            user=user, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if done != lesson_ids:
        return None
    certificate, created = Certificate.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "student_name": user.get_full_name() or str(user.public_name),
            "course_title": course.title,
            "seconds_traced": TimeTrace.objects.filter(user=user, course=course).aggregate(
                total=Sum("seconds")
            )["total"]
            or 0,
            "lessons_completed": len(done),
            "quizzes_passed": QuizAttempt.objects.filter(
                user=user, lesson_id__in=lesson_ids, passed=True
            )
            .values("lesson_id", "block_id")
            .distinct()
            .count(),
        },
    )
    if created:
        emails.send(
            to=[user],
            subject=gettext_lazy("Your certificate for “%(course)s”"),
            message=gettext_lazy("Congratulations, you completed the course. Your certificate:"),
            params={"course": course.title},
            link=certificate.get_absolute_url,
        )
    return certificate
