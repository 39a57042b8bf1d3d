"""Who edits what in the admin: per-course teacher groups and the course review workflow.

Teachers add courses under a campus catalogue and edit only the courses they teach:
each course has its own group, holding page permissions on the course's subtree, whose
members are kept equal to the course's teachers. Publishing goes through a workflow that
the Staff role approves.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.roles import Role

from .models import CampusIndexPage, CoursePage, LessonDocument, LessonPage, LessonRecording

WORKFLOW_NAME = "Campus course review"
TASK_NAME = "Staff approval of a course"
TEACHER_PERMISSIONS = ("add_page", "change_page")
STAFF_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _page_permissions(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def course_review_workflow():
    """Return the course review workflow (Staff approve), created once."""
    staff, _created = Group.objects.get_or_create(name=Role.STAFF)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([staff])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def campus_index_setup(*, index):
    """Let Teachers add courses under `index`, Staff manage them, and review publishing."""
    teachers, _created = Group.objects.get_or_create(name=Role.TEACHERS)
    staff, _created = Group.objects.get_or_create(name=Role.STAFF)
    # "add" lets Teachers create courses (and edit the ones they own); hooks stop them from
    # adding modules to courses they do not teach.
    _page_permissions(teachers, index, ("add_page",))
    _page_permissions(staff, index, STAFF_PERMISSIONS)
    workflow = course_review_workflow()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def campus_setup_all():
    """Set up every campus catalogue (after migrations, in the demo loader)."""
    for index in CampusIndexPage.objects.all():
        campus_index_setup(index=index)


@transaction.atomic
def course_teachers_sync(*, course):
    """Make the course's group hold exactly its teachers, with edit rights on the course."""
    group, _created = Group.objects.get_or_create(name=f"Course teachers #{course.pk}")
    _page_permissions(group, course, TEACHER_PERMISSIONS)
    group.user_set.set(course.teachers.all())
    return group


# What a published lesson plays and offers is kept in two small indexes that the access
# rules read (recordings for the studio, documents for /documents/). They are rebuilt from
# the published lesson itself, in the publishing transaction, rather than read from
# Wagtail's ReferenceIndex: that index is rebuilt by a background task after every save,
# drafts included, so it can lag behind a publication and name documents only a draft
# uses, while an access rule must be right from the moment a lesson goes live.


@transaction.atomic
def lesson_indexes_refresh(*, lesson):
    """Rebuild the recordings and documents of `lesson` (on publish; empty when not live)."""
    LessonRecording.objects.filter(lesson=lesson).delete()
    LessonDocument.objects.filter(lesson=lesson).delete()
    course = CoursePage.objects.ancestor_of(lesson).first() if lesson.live else None
    if course is None:
        return
    lesson = lesson.specific
    LessonRecording.objects.bulk_create(
        LessonRecording(lesson=lesson, course=course, recording_id=recording_id)
        for recording_id in lesson.recording_ids()
    )
    existing = set(
        get_document_model()
        .objects.filter(pk__in=lesson.document_ids())
        .values_list("pk", flat=True)
    )
    LessonDocument.objects.bulk_create(
        LessonDocument(lesson=lesson, course=course, document_id=document_id)
        for document_id in existing
    )


def lesson_indexes_refresh_all(lessons=None):
    """Rebuild the indexes of `lessons` (default: every lesson), e.g. after a move."""
    for lesson in LessonPage.objects.all() if lessons is None else lessons:
        lesson_indexes_refresh(lesson=lesson)
