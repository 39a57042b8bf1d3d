"""Keep the campus's derived data in step with the page tree."""

from django.db.models.signals import post_migrate
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import authoring, services
from .models import CampusIndexPage, CoursePage, LessonPage


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, LessonPage):
        authoring.lesson_indexes_refresh(lesson=instance)
    elif isinstance(instance, CoursePage):
        authoring.course_teachers_sync(course=instance)
        # A capacity raised (or removed) frees places for the waiting list at once.
        services.waiting_list_promote(course=instance)
    elif isinstance(instance, CampusIndexPage):
        authoring.campus_index_setup(index=instance)


def on_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, LessonPage):
        authoring.lesson_indexes_refresh(lesson=instance)


def on_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A lesson (or a module) moved to another course: its uses now belong to that course."""
    if parent_page_before.pk == parent_page_after.pk:  # reordered among its siblings
        return
    lessons = LessonPage.objects.descendant_of(instance, inclusive=True)
    if lessons.exists():
        authoring.lesson_indexes_refresh_all(lessons)


def on_post_migrate(sender, **kwargs):
    """Create the review workflow and the catalogues' permissions on an existing site."""
    authoring.campus_setup_all()


def register_signal_handlers(app_config):
    page_published.connect(on_page_published, dispatch_uid="campus_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="campus_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="campus_page_moved")
    post_migrate.connect(on_post_migrate, sender=app_config, dispatch_uid="campus_post_migrate")
