"""Fixtures of the assignment tests: a course with a lesson holding assignments, its people."""

import json
import uuid

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from wagtail.models import Page

from accounts.roles import Role
from campus.assignments.models import Submission, SubmissionKind
from campus.models import (
    CampusIndexPage,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    LessonPage,
    ModulePage,
)
from media_pipeline.engine.transcode import TranscodeOptions, transcode
from media_pipeline.models import AssetProfile, AssetState, MediaAsset
from media_pipeline.storage import publish_directory
from tests.factories import UserFactory
from tests.media_pipeline.engine.clips import Clips
from tests.media_pipeline.engine.conftest import TEST_TABLE

RECORDING_BLOCK = "a1b2c3d4-0000-4000-8000-000000000001"
FILE_BLOCK = "a1b2c3d4-0000-4000-8000-000000000002"
UNGRADED_BLOCK = "a1b2c3d4-0000-4000-8000-000000000003"


def assignment(block_id, *, kind="recording", max_grade=20, title="Enregistrez la gamme"):
    return {
        "type": "assignment",
        "id": block_id,
        "value": {
            "title": title,
            "instructions": "<p>Jouez la gamme de ré majeur, deux octaves.</p>",
            "kind": kind,
            "max_grade": max_grade,
        },
    }


def make_course(title, *, teachers=(), home=None):
    """Create a live course → module → lesson with three assignments; return the lesson.

    Under `home` (the site's home page) the pages have URLs; by default, under the root.
    """
    home = home or Page.objects.get(depth=1)
    parent = home.add_child(
        instance=CampusIndexPage(title="Campus", slug=f"campus-{uuid.uuid4().hex[:6]}")
    )
    course = parent.add_child(
        instance=CoursePage(
            title=title, slug=f"cours-{uuid.uuid4().hex[:6]}", summary="Un cours.", level="beginner"
        )
    )
    course.teachers.set(teachers)
    course.save_revision().publish()
    module = course.add_child(instance=ModulePage(title="Module 1", slug="module-1"))
    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Écoutez puis jouez.</p>", "id": str(uuid.uuid4())},
            assignment(RECORDING_BLOCK),
            assignment(FILE_BLOCK, kind="file", title="Envoyez votre analyse"),
            assignment(UNGRADED_BLOCK, kind="either", max_grade=None, title="Libre"),
        ]
    )
    return module.add_child(instance=LessonPage(title="La gamme", slug="la-gamme", body=body))


@pytest.fixture(autouse=True)
def english():
    """Check messages in English, the source language (the French catalogue has its test)."""
    with translation.override("en"):
        yield


@pytest.fixture
def course_teacher(db):
    return UserFactory(roles=[Role.TEACHERS], email="prof@example.org")


@pytest.fixture
def other_teacher(db):
    return UserFactory(roles=[Role.TEACHERS])


@pytest.fixture
def lesson(db, course_teacher):
    return make_course("Violon débutant", teachers=[course_teacher])


@pytest.fixture
def other_lesson(db, other_teacher):
    return make_course("Piano", teachers=[other_teacher])


@pytest.fixture
def student(lesson):
    user = UserFactory(email="eleve@example.org")
    Enrollment.objects.create(user=user, course=lesson.course, status=EnrollmentStatus.ACTIVE)
    return user


@pytest.fixture
def other_student(other_lesson):
    user = UserFactory()
    Enrollment.objects.create(user=user, course=other_lesson.course, status=EnrollmentStatus.ACTIVE)
    return user


@pytest.fixture(scope="session")
def flat_package(tmp_path_factory):
    """A real flat HLS package (2 s, video and sound), made once by the engine."""
    clips = Clips(tmp_path_factory.mktemp("assignment-clips"))
    out = tmp_path_factory.mktemp("assignment-package") / "out"
    result = transcode(
        clips.flat,
        out,
        options=TranscodeOptions(preset="ultrafast", flat_only=True, table=TEST_TABLE),
    )
    return result.directory


@pytest.fixture
def ready_asset(flat_package):
    """Return a function publishing the flat package as a ready asset of `owner`."""

    def make(owner):
        asset_uuid = uuid.uuid4()
        prefix = f"media/assets/{asset_uuid}/v1-test/"
        publish_directory(default_storage, flat_package, prefix)
        manifest = json.loads((flat_package / "manifest.json").read_text())
        return MediaAsset.objects.create(
            uuid=asset_uuid,
            owner=owner,
            profile=AssetProfile.FLAT,
            source=f"media/sources/{asset_uuid}/source.mp4",
            state=AssetState.READY,
            version=1,
            published_prefix=prefix,
            manifest=manifest,
            projection="flat",
            progress=100,
            ready_at=timezone.now(),
        )

    return make


@pytest.fixture
def submission(lesson, student, ready_asset):
    """A first attempt with a ready 2 s recording, waiting for review."""
    return Submission.objects.create(
        lesson=lesson,
        block_id=RECORDING_BLOCK,
        student=student,
        kind=SubmissionKind.RECORDING,
        asset=ready_asset(student),
        note="Ma première version.",
        max_grade=20,
    )
