"""Campus fixtures: a catalogue with courses, modules and lessons; people in every role."""

import uuid

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from accounts.roles import Role
from campus.models import (
    CampusIndexPage,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    LessonPage,
    ModulePage,
)
from core.models import HomePage
from media_pipeline.models import AssetState, MediaAsset
from studio.models import Recording, Visibility
from tests.campus.samples import QUIZ
from tests.factories import UserFactory


@pytest.fixture
def home(db):
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Accueil", slug=f"accueil-{uuid.uuid4().hex[:6]}")
    )
    Site.objects.update(is_default_site=False)
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True, port=80)
    return home


@pytest.fixture
def campus(home):
    """A published catalogue: publishing sets up its permissions and review workflow."""
    index = home.add_child(instance=CampusIndexPage(title="Campus", slug="campus"))
    index.save_revision().publish()
    return CampusIndexPage.objects.get(pk=index.pk)


def make_course(campus, *, title="Violon baroque", teachers=(), lessons=2, modules=1, **fields):
    course = campus.add_child(
        instance=CoursePage(
            title=title,
            slug=f"course-{uuid.uuid4().hex[:8]}",
            summary="Un cours.",
            level="beginner",
            **fields,
        )
    )
    course.teachers.set(teachers)
    course.save_revision().publish()
    made = []
    for m in range(modules):
        module = course.add_child(instance=ModulePage(title=f"Module {m + 1}", slug=f"m{m + 1}"))
        for n in range(lessons):
            made.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Leçon {m + 1}.{n + 1}",
                        slug=f"l{n + 1}",
                        body=[{"type": "paragraph", "value": "<p>Texte.</p>"}],
                        is_preview=(m == 0 and n == 0),
                    )
                )
            )
    return course, made


def make_ready_recording(*, owner, visibility=Visibility.COURSE, duration=10.0):
    """Return a ready recording whose manifest says `duration` (no media files needed)."""
    asset = MediaAsset.objects.create(
        owner=owner,
        source=f"media/sources/{uuid.uuid4()}/source.mp4",
        state=AssetState.READY,
        version=1,
        published_prefix=f"media/assets/{uuid.uuid4()}/v1/",
        manifest={"duration": duration, "master_playlist": "master.m3u8", "projection": "flat"},
        projection="flat",
        progress=100,
        ready_at=timezone.now(),
    )
    return Recording.objects.create(owner=owner, asset=asset, title="Gamme", visibility=visibility)


def enroll(user, course, status=EnrollmentStatus.ACTIVE):
    return Enrollment.objects.create(user=user, course=course, status=status)


@pytest.fixture
def course_teacher(db):
    return UserFactory(roles=[Role.TEACHERS])


@pytest.fixture
def course_setup(campus, course_teacher):
    """A course whose second lesson has a quiz and whose third plays a course recording."""
    course, lessons = make_course(campus, teachers=[course_teacher], lessons=3)
    recording = make_ready_recording(owner=course_teacher)
    quiz_lesson = lessons[1]
    quiz_lesson.body = [{"type": "quiz", "value": QUIZ, "id": "quiz-1"}]
    quiz_lesson.save_revision().publish()
    video_lesson = lessons[2]
    video_lesson.body = [
        {"type": "recording", "value": {"recording": recording.pk, "caption": ""}, "id": "rec-1"}
    ]
    video_lesson.save_revision().publish()
    return {
        "course": course,
        "lessons": [LessonPage.objects.get(pk=lesson.pk) for lesson in lessons],
        "recording": recording,
    }


@pytest.fixture
def student(course_setup):
    user = UserFactory()
    enroll(user, course_setup["course"])
    return user
