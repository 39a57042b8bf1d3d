"""Admin rules of the campus: teachers author only the courses they teach."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from . import authoring
from .models import CampusIndexPage, CoursePage, LessonPage, ModulePage
from .permissions import policy


def _course_of(page):
    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page, inclusive=True).first()


def _may_author(user, course):
    return user.is_superuser or policy.can_teach(user, course)


@hooks.register("before_create_page")
def only_teachers_add_to_their_course(request, parent_page, page_class):
    if page_class in (ModulePage, LessonPage):
        course = _course_of(parent_page.specific)
        if course is not None and not _may_author(request.user, course):
            raise PermissionDenied


@hooks.register("before_edit_page")
def only_teachers_edit_their_course(request, page):
    if isinstance(page.specific, (CoursePage, ModulePage, LessonPage)):
        course = _course_of(page.specific)
        if course is not None and not _may_author(request.user, course):
            raise PermissionDenied


@hooks.register("after_create_page")
def set_up_new_campus_page(request, page):
    if isinstance(page, CoursePage):
        authoring.course_teachers_sync(course=page)
    elif isinstance(page, CampusIndexPage):
        authoring.campus_index_setup(index=page)
