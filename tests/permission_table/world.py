"""One set of objects for the permission table: two courses, the hub, the studio, the beta.

Every object a URL names belongs to someone: the enrolled student owns the submission, the
volunteer the feedback, the member the contribution, the collection and the comment, the
teacher of course A the recording and the upload.
"""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection as MediaCollection

from accounts.roles import Role
from campus.assignments.models import ReviewComment, Submission, SubmissionKind
from campus.models import Certificate, Cohort, EnrollmentStatus, Invitation, LessonPage
from feedback.models import ApplicationStatus, Feedback, FeedbackKind
from learning_hub.community.models import (
    Collection,
    CollectionItem,
    Contribution,
    ContributionStatus,
)
from learning_hub.community.moderation import ensure_moderation
from learning_hub.community.services import comment_add
from learning_hub.models import HubIndexPage, ResourcePage
from media_pipeline.models import AssetState, MediaAsset
from studio.models import Visibility
from studio.uploads.services import upload_create
from tests.campus.assignments.conftest import assignment
from tests.campus.conftest import enroll, make_course, make_ready_recording
from tests.campus.samples import QUIZ
from tests.factories import UserFactory
from tests.feedback.conftest import make_application

ROLES = [
    "visitor", "member", "student", "other_student", "teacher", "other_teacher",
    "volunteer", "moderator", "staff",
]  # fmt: skip

# The roles each person of the table holds: a second person with the same ones (a "twin")
# tries the URLs of objects that belong to the first.
GROUPS = {
    "member": [],
    "student": [],
    "other_student": [],
    "teacher": [Role.TEACHERS],
    "other_teacher": [Role.TEACHERS],
    "volunteer": [Role.BETA_VOLUNTEERS],
    "moderator": [Role.MODERATORS],
    "staff": [Role.STAFF],
}

QUIZ_BLOCK = "quiz-1"
ASSIGNMENT_BLOCK = "a1b2c3d4-0000-4000-8000-00000000000a"
FILE_BLOCK = "a1b2c3d4-0000-4000-8000-00000000000b"
PLAYLIST = "#EXTM3U\n#EXT-X-VERSION:7\n"


def make_person(role, course_a=None, course_b=None):
    """Return a new user holding `role`; students are enrolled in their course."""
    if role == "visitor":
        return None
    user = UserFactory(roles=GROUPS[role], is_staff=role == "staff")
    if role == "student":
        enroll(user, course_a)
    elif role == "other_student":
        enroll(user, course_b)
    elif role == "volunteer":
        make_application(user, status=ApplicationStatus.ADMITTED)
    return user


def _asset(owner):
    """A ready asset whose master playlist exists (no media segments: none is needed)."""
    prefix = f"media/assets/{uuid.uuid4()}/v1/"
    default_storage.save(prefix + "master.m3u8", ContentFile(PLAYLIST.encode()))
    return MediaAsset.objects.create(
        owner=owner,
        source=f"media/sources/{uuid.uuid4()}/source.mp4",
        state=AssetState.READY,
        version=1,
        published_prefix=prefix,
        manifest={"duration": 10.0, "master_playlist": "master.m3u8", "projection": "flat"},
        projection="flat",
        progress=100,
        ready_at=timezone.now(),
    )


def _courses(campus, teacher, other_teacher):
    course_a, lessons_a = make_course(campus, title="Violon baroque", teachers=[teacher])
    course_b, _lessons_b = make_course(campus, title="Piano", teachers=[other_teacher])
    lesson = lessons_a[1]
    if not MediaCollection.objects.exists():  # a previous transactional test flushed it
        MediaCollection.add_root(name="Root")
    score = Document(title="Partition de la leçon")
    score.file.save("partition.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    lesson.body = [
        {"type": "document", "value": {"document": score.pk, "title": ""}, "id": "doc-1"},
        {"type": "quiz", "value": QUIZ, "id": QUIZ_BLOCK},
        assignment(ASSIGNMENT_BLOCK, kind="either"),
        assignment(FILE_BLOCK, kind="file", title="Votre analyse"),
    ]
    lesson.save_revision().publish()
    return course_a, course_b, [LessonPage.objects.get(pk=p.pk) for p in lessons_a]


def _hub(home, member):
    hub = home.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    ensure_moderation(hub)
    resource = ResourcePage(
        title="Gammes", slug="gammes", resource_type="exercise", summary="Des gammes.",
        level="beginner", licence="cc-by",
    )  # fmt: skip
    hub.add_child(instance=resource)
    resource.save_revision().publish()
    proposal = ResourcePage(
        title="Proposée", slug="proposee", resource_type="exercise", summary="Une proposition.",
        level="beginner", licence="cc-by", live=False,
    )  # fmt: skip
    hub.add_child(instance=proposal)
    proposal.save_revision()
    contribution = Contribution.objects.create(
        page=proposal, contributor=member, status=ContributionStatus.CHANGES_REQUESTED
    )
    resource = ResourcePage.objects.get(pk=resource.pk)
    collection = Collection.objects.create(owner=member, title="Privée")
    item = CollectionItem.objects.create(collection=collection, page=resource)
    comment = comment_add(page=resource, author=member, body="Bonjour")
    return {
        "resource": resource, "contribution": contribution, "collection": collection,
        "item": item, "comment": comment,
    }  # fmt: skip


def build(home, campus):
    """Create the people of every role and the objects; return them in one dict."""
    teacher, other_teacher = make_person("teacher"), make_person("other_teacher")
    course_a, course_b, lessons = _courses(campus, teacher, other_teacher)
    people = {"visitor": None, "teacher": teacher, "other_teacher": other_teacher}
    for role in ROLES:
        if role not in people:
            people[role] = make_person(role, course_a, course_b)
    student, member, volunteer = people["student"], people["member"], people["volunteer"]
    recording = make_ready_recording(owner=teacher, visibility=Visibility.COURSE)
    default_storage.save(
        recording.asset.published_prefix + "master.m3u8", ContentFile(PLAYLIST.encode())
    )
    submission = Submission.objects.create(
        lesson=lessons[1], block_id=ASSIGNMENT_BLOCK, student=student,
        kind=SubmissionKind.RECORDING, asset=_asset(student), note="Ma version.", max_grade=20,
    )  # fmt: skip
    file_submission = Submission(
        lesson=lessons[1], block_id=FILE_BLOCK, student=student, kind=SubmissionKind.FILE,
        file_name="analyse.pdf", file_content_type="application/pdf", max_grade=20,
    )  # fmt: skip
    file_submission.file.save("analyse.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    scope = f"{lessons[1].pk}.{ASSIGNMENT_BLOCK}"
    return {
        **people,
        "people": people,
        "home": home,
        "course_a": course_a,
        "course_b": course_b,
        "lessons": lessons,
        "lesson_document": Document.objects.get(title="Partition de la leçon"),
        "recording": recording,
        "submission": submission,
        "file_submission": file_submission,
        "review_comment": ReviewComment.objects.create(
            submission=submission, author=teacher, text="Bien."
        ),
        "enrollment": course_a.enrollments.get(user=student),
        "pending": enroll(UserFactory(), course_a, status=EnrollmentStatus.PENDING),
        "certificate": Certificate.objects.create(
            user=student, course=course_a, student_name="A", course_title=course_a.title
        ),
        "invitation": Invitation.objects.create(course=course_a, email="invited@example.org"),
        "cohort": Cohort.objects.create(course=course_a, name="Printemps", starts_on="2026-03-01"),
        "feedback": Feedback.objects.create(
            author=volunteer, kind=FeedbackKind.IDEA, message="Une idée."
        ),
        "upload": upload_create(
            owner=teacher, filename="concert.mp4", content_type="video/mp4", size=1000
        ),
        "assignment_scope": scope,
        "assignment_upload": upload_create(
            owner=student,
            filename="gamme.mp4",
            content_type="video/mp4",
            size=1000,
            purpose="assignment",
            scope=scope,
        ),
        **_hub(home, member),
    }
