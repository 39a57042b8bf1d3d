"""Reads for the campus dashboards: feedback a student received, work a teacher must review.

Each returns a list built with a fixed number of queries, whatever the number of courses,
lessons or submissions.
"""

from django.db.models import Count

from campus.permissions import policy as course_policy

from . import assignments
from .models import Submission, SubmissionStatus
from .permissions import policy

DASHBOARD_LIMIT = 20


def feedback_for_student(user, *, limit=DASHBOARD_LIMIT):
    """Return the user's reviewed (or to redo) submissions, latest review first."""
    if not user.is_authenticated:
        return []
    return list(
        Submission.objects.filter(
            student=user, status__in=[SubmissionStatus.REVIEWED, SubmissionStatus.TO_REDO]
        )
        .select_related("lesson", "reviewed_by")
        .annotate(comment_count=Count("comments"))
        .order_by("-reviewed_at")[:limit]
    )


def submissions_to_review(user, *, limit=DASHBOARD_LIMIT):
    """Return the submissions waiting for `user`'s review, the oldest first."""
    if not user.is_authenticated:
        return []
    queryset = Submission.objects.awaiting_review()
    if not course_policy.is_campus_staff(user):
        courses = list(policy.reviewable_courses(user).only("path"))
        if not courses:
            return []
        queryset = queryset.filter(assignments.lessons_of(courses))
    return list(
        queryset.select_related("lesson", "student", "asset").order_by("created_at")[:limit]
    )
