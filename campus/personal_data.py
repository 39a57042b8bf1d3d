"""What the campus holds about a person, for their data export and erasure."""

from .models import Certificate, Enrollment, Invitation, LessonProgress, QuizAttempt, TimeTrace


def export(user):
    """Return the campus records of `user` as plain data."""
    return {
        "enrollments": list(
            Enrollment.objects.filter(user=user).values("course__title", "status", "created_at")
        ),
        "lessons": list(
            LessonProgress.objects.filter(user=user).values(
                "lesson__title", "seconds_spent", "completed_at", "completion_reason"
            )
        ),
        "time_traces": list(
            TimeTrace.objects.filter(user=user).values("lesson__title", "started_at", "seconds")
        ),
        "quiz_attempts": list(
            QuizAttempt.objects.filter(user=user).values(
                "lesson__title", "number", "answers", "score", "passed", "created_at"
            )
        ),
        "certificates": list(
            Certificate.objects.filter(user=user).values("course_title", "code", "issued_at")
        ),
    }


def erase(user):
    """Delete the campus records of `user`, certificates included."""
    for model in (TimeTrace, QuizAttempt, LessonProgress, Certificate, Enrollment):
        model.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
