"""Who may open each campus URL: the permission matrix, and course recordings in the studio."""

import importlib
import json
import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from accounts.roles import Role
from campus.models import Certificate, Cohort, EnrollmentStatus, Invitation, LessonDocument
from campus.permissions import policy as course_policy
from studio.permissions import policy as recording_policy
from tests.campus.conftest import enroll, make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "student", "other_student", "teacher", "other_teacher", "staff"]


@pytest.fixture
def people(course_setup, campus):
    other_course, _lessons = make_course(campus, title="Autre cours")
    student = UserFactory()
    enroll(student, course_setup["course"])
    other_student = UserFactory()
    enroll(other_student, other_course)
    return {
        "visitor": None,
        "member": UserFactory(),
        "student": student,
        "other_student": other_student,
        "teacher": course_setup["course"].teachers.get(),
        "other_teacher": UserFactory(roles=[Role.TEACHERS]),
        "staff": UserFactory(roles=[Role.STAFF], is_staff=True),
    }


def _urls(setup):
    course, lessons = setup["course"], setup["lessons"]
    certificate = Certificate.objects.create(
        user=UserFactory(), course=course, student_name="A", course_title=course.title
    )
    pending = enroll(UserFactory(), course, status=EnrollmentStatus.PENDING)
    invitation = Invitation.objects.create(course=course, email="invited@example.org")
    progress = reverse("campus:recording_progress", args=[lessons[2].pk, setup["recording"].uuid])
    report = {"data": json.dumps({"position": 1}), "content_type": "application/json"}
    cohort = Cohort.objects.create(course=course, name="Printemps", starts_on="2026-03-01")
    return {
        "catalogue": ("get", course.get_parent().url),
        "course": ("get", course.url),
        "preview_lesson": ("get", lessons[0].url),
        "lesson": ("get", lessons[1].url),
        "student_dashboard": ("get", reverse("campus:student_dashboard")),
        "teacher_dashboard": ("get", reverse("campus:teacher_dashboard")),
        "roster": ("get", reverse("campus:roster", args=[course.pk])),
        "csv": ("get", reverse("campus:export_csv", args=[course.pk])),
        "invite": ("get", reverse("campus:invite", args=[course.pk])),
        "complete": ("post", reverse("campus:complete", args=[lessons[0].pk])),
        "ping": ("post", reverse("campus:ping", args=[lessons[0].pk])),
        "quiz": ("post", reverse("campus:quiz_submit", args=[lessons[1].pk, "quiz-1"])),
        "enroll": ("post", reverse("campus:enroll", args=[course.pk])),
        "withdraw": ("post", reverse("campus:withdraw", args=[course.pk])),
        "approve": ("post", reverse("campus:approve", args=[pending.pk])),
        "decline": ("post", reverse("campus:decline", args=[pending.pk])),
        "cohort_change": (
            "post",
            reverse("campus:cohort_change", args=[pending.pk]),
            {"data": {"cohort": cohort.pk}},
        ),
        "invitation": ("get", invitation.get_absolute_url()),
        "recording_progress": ("post", progress, report),
        "verify": ("get", reverse("campus:verify")),
        "certificate": ("get", certificate.get_absolute_url()),
        "certificate_pdf": ("get", reverse("campus:certificate_pdf", args=[certificate.code])),
    }


LOGIN = "login"  # a redirection to the login page, and back
#                     visitor member student other_st teacher other_t staff
MATRIX = {
    "catalogue":         (200, 200, 200, 200, 200, 200, 200),
    "course":            (200, 200, 200, 200, 200, 200, 200),
    "preview_lesson":    (200, 200, 200, 200, 200, 200, 200),
    "lesson":            (LOGIN, 403, 200, 403, 200, 403, 200),
    "student_dashboard": (LOGIN, 200, 200, 200, 200, 200, 200),
    "teacher_dashboard": (LOGIN, 200, 200, 200, 200, 200, 200),
    "roster":            (LOGIN, 403, 403, 403, 200, 403, 200),
    "csv":               (LOGIN, 403, 403, 403, 200, 403, 200),
    "invite":            (LOGIN, 403, 403, 403, 200, 403, 200),
    "complete":          (LOGIN, 403, 302, 403, 403, 403, 403),
    "ping":              (LOGIN, 403, 200, 403, 403, 403, 403),
    "quiz":              (LOGIN, 403, 302, 403, 403, 403, 403),
    "enroll":            (LOGIN, 302, 302, 302, 302, 302, 302),
    "withdraw":          (LOGIN, 404, 302, 404, 404, 404, 404),
    "approve":           (LOGIN, 403, 403, 403, 302, 403, 302),
    "decline":           (LOGIN, 403, 403, 403, 302, 403, 302),
    "cohort_change":     (LOGIN, 403, 403, 403, 302, 403, 302),
    "invitation":        (LOGIN, 200, 200, 200, 200, 200, 200),
    "recording_progress": (LOGIN, 403, 200, 403, 403, 403, 403),
    "verify":            (200, 200, 200, 200, 200, 200, 200),
    "certificate":       (200, 200, 200, 200, 200, 200, 200),
    "certificate_pdf":   (200, 200, 200, 200, 200, 200, 200),
}  # fmt: skip


def _outcome(response):
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(client, course_setup, people, name):
    method, url, *options = _urls(course_setup)[name]
    statuses = []
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        statuses.append(_outcome(getattr(client, method)(url, **(options[0] if options else {}))))

    assert dict(zip(ROLES, statuses, strict=True)) == dict(zip(ROLES, MATRIX[name], strict=True))


def test_a_visitor_is_sent_to_log_in_and_back_to_the_lesson(client, course_setup):
    lesson = course_setup["lessons"][1]

    response = client.get(lesson.url)

    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={urlparse(lesson.url).path}")


def test_a_withdrawn_student_loses_access(client, course_setup, student):
    student.enrollments.update(status="withdrawn")
    client.force_login(student)

    assert client.get(course_setup["lessons"][1].url).status_code == 403


def test_course_recordings_are_visible_to_the_course_students_and_teachers_only(
    course_setup, people
):
    recording = course_setup["recording"]
    seen = {
        role: recording_policy.can_view(people[role], recording)
        for role in ROLES
        if people[role] is not None
    }

    assert seen == {
        "member": False,
        "student": True,
        "other_student": False,
        "teacher": True,  # the owner too, but also as the course's teacher
        "other_teacher": False,
        "staff": True,
    }


def test_the_recording_index_follows_unpublishing(course_setup, people):
    recording = course_setup["recording"]
    course_setup["lessons"][2].unpublish()

    assert not recording_policy.can_view(people["student"], recording)


def test_the_access_rule_costs_one_query(course_setup, people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert course_policy.can_view_recording(people["student"], course_setup["recording"])


def test_the_lesson_player_of_a_student_reports_progress(client, course_setup, student):
    client.force_login(student)
    lesson, recording = course_setup["lessons"][2], course_setup["recording"]

    response = client.get(lesson.url)

    expected = reverse("campus:recording_progress", args=[lesson.pk, recording.uuid])
    assert expected in response.content.decode()


def test_the_player_of_someone_not_following_the_course_reports_nothing(
    client, course_setup, course_teacher
):
    client.force_login(course_teacher)

    response = client.get(course_setup["lessons"][2].url)

    assert '"progress_url": null' in response.content.decode()
    assert "data-campus-ping" not in response.content.decode()


def test_a_module_sends_readers_to_its_place_in_the_course_plan(client, course_setup):
    module = course_setup["lessons"][0].get_parent()

    response = client.get(module.url)

    assert response.status_code == 302
    assert response["Location"].endswith(f"#module-{module.pk}")


# --- Lesson documents (scores, audio) ------------------------------------------------------


def make_document(title="Partition", name="partition.pdf", content=b"%PDF-1.4 partition"):
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def _publish(lesson, body):
    lesson.body = body
    lesson.save_revision().publish()


def _statuses(client, people, url):
    statuses = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        statuses[role] = client.get(url).status_code
    return statuses


@pytest.fixture
def score(course_setup):
    """A score offered by the second lesson, reserved to the course's students."""
    document = make_document()
    _publish(
        course_setup["lessons"][1],
        [{"type": "document", "value": {"document": document.pk, "title": "Étude"}}],
    )
    return document


def test_a_lesson_score_is_served_only_to_who_may_read_the_lesson(client, people, score):
    statuses = _statuses(client, people, score.url)

    assert statuses == {
        "visitor": 404,
        "member": 404,
        "student": 200,
        "other_student": 404,
        "teacher": 200,
        "other_teacher": 404,
        "staff": 200,
    }


def test_a_served_score_is_the_file_itself(client, people, score):
    client.force_login(people["student"])

    response = client.get(score.url)

    assert b"".join(response.streaming_content) == b"%PDF-1.4 partition"


def test_the_audio_of_a_free_preview_is_served_to_everyone(client, people, course_setup):
    audio = make_document(title="Thème", name="theme.mp3", content=b"ID3 sound")
    _publish(
        course_setup["lessons"][0],
        [{"type": "audio", "value": {"file": audio.pk, "title": "Thème", "transcript": ""}}],
    )

    assert set(_statuses(client, people, audio.url).values()) == {200}


def test_a_document_also_offered_by_a_free_preview_is_served_to_everyone(
    client, people, course_setup, score
):
    _publish(
        course_setup["lessons"][0],
        [{"type": "document", "value": {"document": score.pk, "title": ""}}],
    )

    assert set(_statuses(client, people, score.url).values()) == {200}


def test_a_document_linked_from_a_reserved_lesson_text_is_reserved_too(
    client, people, course_setup
):
    document = make_document(name="notes.pdf")
    link = f'<p>Lisez <a linktype="document" id="{document.pk}">les notes</a>.</p>'
    _publish(course_setup["lessons"][1], [{"type": "paragraph", "value": link}])

    statuses = _statuses(client, people, document.url)

    assert (statuses["visitor"], statuses["member"], statuses["student"]) == (404, 404, 200)


def test_a_document_no_lesson_offers_is_left_to_the_other_rules(client, people, course_setup):
    document = make_document(name="libre.pdf")

    assert course_policy.can_download_document(AnonymousUser(), document) is None
    assert client.get(document.url).status_code == 200


def test_a_lesson_moved_to_another_course_reserves_its_score_to_that_course(
    client, people, campus, score, course_setup
):
    other_course, other_lessons = make_course(campus, title="Cours d'accueil", lessons=1)
    target_module = other_lessons[0].get_parent()
    course_setup["lessons"][1].move(target_module, pos="last-child")
    newcomer = UserFactory()
    enroll(newcomer, other_course)

    client.force_login(people["student"])
    assert client.get(score.url).status_code == 404
    client.force_login(newcomer)
    assert client.get(score.url).status_code == 200


def test_the_migration_indexes_the_documents_of_lessons_already_published(people, score):
    from django.apps import apps

    migration = importlib.import_module("campus.migrations.0003_lesson_documents")
    LessonDocument.objects.all().delete()

    migration.index_published_lessons(apps, None)

    assert not course_policy.can_download_document(AnonymousUser(), score)
    assert course_policy.can_download_document(people["student"], score)


# --- Site search and sitemap ---------------------------------------------------------------


def _found(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)">', html)


@pytest.fixture
def searchable(course_setup):
    """A reserved lesson and a free preview whose texts hold words found nowhere else."""
    reserved, preview = course_setup["lessons"][1], course_setup["lessons"][0]
    _publish(reserved, [{"type": "paragraph", "value": "<p>Le secret du staccato volant.</p>"}])
    _publish(preview, [{"type": "paragraph", "value": "<p>La tenue du chevalet ouverte.</p>"}])
    return {"reserved": urlparse(reserved.url).path, "preview": urlparse(preview.url).path}


def test_a_reserved_lesson_text_is_found_only_by_who_may_read_it(client, people, searchable):
    found = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        found[role] = searchable["reserved"] in _found(client, "staccato volant")

    assert found == {
        "visitor": False,
        "member": False,
        "student": True,
        "other_student": False,
        "teacher": True,
        "other_teacher": False,
        "staff": True,
    }


def test_a_free_preview_lesson_is_found_by_everyone(client, people, searchable):
    assert _found(client, "chevalet ouverte") == [searchable["preview"]]
    client.force_login(people["other_student"])
    assert _found(client, "chevalet ouverte") == [searchable["preview"]]


def test_the_sitemap_lists_the_free_preview_but_no_reserved_lesson(client, searchable):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert searchable["preview"] in sitemap
    assert searchable["reserved"] not in sitemap
