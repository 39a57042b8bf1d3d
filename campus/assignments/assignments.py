"""An assignment is an AssignmentBlock inside a lesson's body, found by the block's id."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from campus.models import LessonPage

BLOCK_TYPE = "assignment"
KIND_ACCEPTS = {
    "recording": {"recording"},
    "file": {"file"},
    "either": {"recording", "file"},
}


@dataclass(frozen=True)
class Assignment:
    lesson: LessonPage
    block_id: str
    value: dict

    @property
    def course(self):
        return self.lesson.course

    @property
    def title(self):
        return self.value.get("title") or ""

    @property
    def max_grade(self):
        return self.value.get("max_grade") or None

    @property
    def accepts(self):
        """Return the kinds of submission the assignment accepts: {"recording", "file"}."""
        return KIND_ACCEPTS.get(self.value.get("kind") or "recording", {"recording"})

    @property
    def scope(self):
        """Return the upload scope naming this assignment (see studio.uploads.purposes)."""
        return f"{self.lesson.pk}.{self.block_id}"


def find(lesson, block_id):
    """Return the assignment `block_id` of `lesson`, or None."""
    for block in lesson.body:
        if block.block_type == BLOCK_TYPE and block.id == block_id:
            return Assignment(lesson=lesson, block_id=block_id, value=block.value)
    return None


def get_or_404(lesson_id, block_id):
    """Return the assignment of a live lesson; raise Http404 if either does not exist."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    assignment = find(lesson, block_id) if lesson else None
    if assignment is None:
        raise Http404
    return assignment


def from_scope(scope):
    """Return the assignment an upload scope names, or None."""
    lesson_id, _dot, block_id = scope.partition(".")
    if not lesson_id.isdigit() or not block_id:
        return None
    lesson = LessonPage.objects.live().filter(pk=int(lesson_id)).first()
    return find(lesson, block_id) if lesson else None


def lessons_of(courses):
    """Return a Q matching submissions whose lesson lies under one of `courses`."""
    query = Q(pk__in=[])
    for course in courses:
        query |= Q(lesson__path__startswith=course.path)
    return query
