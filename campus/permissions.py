"""Who may read, follow, teach and manage a course: the one place the campus decides it.

Other parts of the campus (the assignments sub-app) ask `policy`, e.g.
`policy.is_course_teacher(user, course)`; templates never decide.
"""

from django.db.models import Q
from django.db.models.functions import Greatest, Length, Substr

from .models import (
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    LessonDocument,
    LessonPage,
    LessonRecording,
)


class CoursePolicy:
    """Permission policy of courses, their lessons and their students' records."""

    def is_campus_staff(self, user):
        """Return whether `user` manages every course (the Staff role, superusers)."""
        return user.is_authenticated and user.has_perm("campus.manage_campus")

    def is_course_teacher(self, user, course):
        """Return whether `user` is one of `course`'s teachers (one query, then cached)."""
        if not user.is_authenticated:
            return False
        cache = user.__dict__.setdefault("_campus_taught", {})
        if course.pk not in cache:
            cache[course.pk] = course.teachers.filter(pk=user.pk).exists()
        return cache[course.pk]

    def may_teach_any(self, user):
        """Return whether `user` has a teaching dashboard: a teacher of a course, or staff."""
        if not user.is_authenticated:
            return False
        return self.is_campus_staff(user) or CoursePage.objects.filter(teachers=user).exists()

    def can_teach(self, user, course):
        """Return whether `user` may follow the students of `course` and export their data."""
        return self.is_campus_staff(user) or self.is_course_teacher(user, course)

    def enrollment(self, user, course):
        """Return `user`'s enrollment in `course`, or None (one query, then cached)."""
        if not user.is_authenticated:
            return None
        cache = user.__dict__.setdefault("_campus_enrollments", {})
        if course.pk not in cache:
            cache[course.pk] = Enrollment.objects.filter(user=user, course=course).first()
        return cache[course.pk]

    def is_student(self, user, course):
        enrollment = self.enrollment(user, course)
        return enrollment is not None and enrollment.status == EnrollmentStatus.ACTIVE

    def can_follow(self, user, course):
        """Return whether `user` may read every lesson of `course`."""
        return self.is_student(user, course) or self.can_teach(user, course)

    def can_view_lesson(self, user, lesson, course):
        return lesson.is_preview or self.can_follow(user, course)

    def can_record_progress(self, user, course):
        """Return whether progress, pings and quiz attempts of `user` are recorded."""
        return self.is_student(user, course)

    def can_manage_enrollments(self, user, course):
        return self.can_teach(user, course)

    def can_view_recording(self, user, recording):
        """Grant a course recording to the students and teachers of a course that plays it.

        Registered as a studio access rule; reads the index of recordings used by published
        lessons, so the answer costs one query.
        """
        if not user.is_authenticated:
            return False
        return (
            LessonRecording.objects.filter(recording=recording)
            .filter(
                Q(
                    course__enrollments__user=user,
                    course__enrollments__status=EnrollmentStatus.ACTIVE,
                )
                | Q(course__teachers=user)
            )
            .exists()
        )

    def can_download_document(self, user, document):
        """Keep the documents of lessons reserved to students for those who may read them.

        Registered as a core document rule: answer None (not the campus's to decide) for a
        document no published lesson offers, or that a free preview offers; otherwise True
        for the students and teachers of a course whose lesson offers it and for staff,
        False for anyone else. Reads the index of documents of published lessons.
        """
        uses = LessonDocument.objects.filter(document=document)
        previews = set(uses.values_list("lesson__is_preview", flat=True))
        if not previews or True in previews:
            return None
        if self.is_campus_staff(user):
            return True
        if not user.is_authenticated:
            return False
        return uses.filter(
            Q(course__enrollments__user=user, course__enrollments__status=EnrollmentStatus.ACTIVE)
            | Q(course__teachers=user)
        ).exists()

    def findable_pages(self, pages, user):
        """Return `pages` without the lessons reserved to students that `user` may not read.

        Registered as a core page filter (site search, sitemap): a lesson that is not a free
        preview is listed only to the students and teachers of its course and to staff, so
        its text does not leak through the search results. Narrowed with a `pk__in`
        subquery, as the search backend needs.
        """
        if self.is_campus_staff(user):
            return pages
        hidden = LessonPage.objects.filter(is_preview=False)
        if user.is_authenticated:
            followed = CoursePage.objects.filter(
                Q(enrollments__user=user, enrollments__status=EnrollmentStatus.ACTIVE)
                | Q(teachers=user)
            ).values("path")
            # A lesson is a grandchild of its course (course → module → lesson): its
            # course's tree path is its own, two steps shorter.
            # (Greatest: the database may compute it on other pages' shorter paths too.)
            length = Greatest(Length("path") - 2 * LessonPage.steplen, 0)
            course_path = Substr("path", 1, length)
            hidden = hidden.alias(course_path=course_path).exclude(course_path__in=followed)
        return pages.exclude(pk__in=hidden.values("pk"))


policy = CoursePolicy()
