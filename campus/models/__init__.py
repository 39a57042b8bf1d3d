"""Models of the campus: the page tree and the learning records of students."""

from .learning import (
    Certificate,
    CompletionReason,
    Enrollment,
    EnrollmentStatus,
    Invitation,
    LessonProgress,
    QuizAttempt,
    TimeTrace,
)
from .pages import (
    CampusIndexPage,
    Cohort,
    CourseFormat,
    CoursePage,
    EnrollmentPolicy,
    LessonDocument,
    LessonPage,
    LessonRecording,
    Level,
    ModulePage,
)

__all__ = [
    "CampusIndexPage",
    "Certificate",
    "Cohort",
    "CompletionReason",
    "CourseFormat",
    "CoursePage",
    "Enrollment",
    "EnrollmentPolicy",
    "EnrollmentStatus",
    "Invitation",
    "LessonDocument",
    "LessonPage",
    "LessonProgress",
    "LessonRecording",
    "Level",
    "ModulePage",
    "QuizAttempt",
    "TimeTrace",
]
