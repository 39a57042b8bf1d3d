"""Who may submit to an assignment, see a submission and review it: decided here only.

A student of the course (an active enrolment) submits and sees their own submissions; the
course's teachers and campus staff see and review every submission of the course. Who
studies or teaches a course is the campus's answer (`campus.permissions.policy`).
"""

from campus.models import CoursePage
from campus.permissions import policy as course_policy


class SubmissionPolicy:
    """Permission policy of submissions; views ask it, templates never decide."""

    def can_submit(self, user, assignment):
        return (
            user.is_authenticated
            and user.is_active
            and course_policy.is_student(user, assignment.course)
        )

    def can_review(self, user, course):
        return (
            user.is_authenticated
            and course is not None
            and (
                course_policy.is_campus_staff(user) or course_policy.is_course_teacher(user, course)
            )
        )

    def can_view(self, user, submission):
        if not user.is_authenticated:
            return False
        if submission.student_id == user.pk:
            return True
        return self.can_review(user, submission.lesson.course)

    def reviewable_courses(self, user):
        """Return the courses whose submissions `user` reviews (every course for staff)."""
        if not user.is_authenticated:
            return CoursePage.objects.none()
        if course_policy.is_campus_staff(user):
            return CoursePage.objects.all()
        return CoursePage.objects.filter(teachers=user)


policy = SubmissionPolicy()
