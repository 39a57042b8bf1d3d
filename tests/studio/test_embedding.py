"""Saving a page refuses a recording its author may not choose, whatever id the form carries.

The chooser lists only the recordings `policy.choosable` allows; these tests post ids by hand
to the real Wagtail editors, as anyone can, and check the save itself.
"""

import json

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.roles import Role
from learning_hub.models import ResourcePage
from studio.forms import NOT_CHOOSABLE, ChoosableRecordingsFormMixin
from studio.models import Visibility
from tests.campus.conftest import campus, home, make_course, make_ready_recording  # noqa: F401
from tests.factories import UserFactory
from tests.learning_hub.community.conftest import hub  # noqa: F401

pytestmark = pytest.mark.django_db

REFUSED_FR = (
    "Vous ne pouvez pas placer cet enregistrement : c’est un enregistrement privé ou réservé "
    "à un cours d’une autre personne. Choisissez l’un de vos enregistrements ou un "
    "enregistrement partagé."
)


def _recording_block(recording):
    return ("recording", {"recording": recording.pk, "caption": "Écoutez l'archet."})


def _lesson_form(lesson, *blocks):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": "",
            "estimated_minutes": 10,
            "body": streamfield([("paragraph", rich_text("<p>Texte.</p>")), *blocks]),
        }
    )


@pytest.fixture
def lesson(campus, teacher):  # noqa: F811
    _course, lessons = make_course(campus, teachers=[teacher], lessons=1)
    lessons[0].save_revision()
    return lessons[0]


@pytest.fixture
def colleague(db):
    return UserFactory(roles=[Role.TEACHERS])


def _edit(client, lesson, *blocks):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), _lesson_form(lesson, *blocks)
    )


def _revision_recordings(lesson):
    lesson.refresh_from_db()
    return lesson.get_latest_revision_as_object().recording_ids()


def _block_error(response, index):
    """Return the message shown on the recording field of the stream's block `index`."""
    error = response.context["form"].errors["body"].as_data()[0]
    return error.block_errors[index].block_errors["recording"].messages


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.COURSE])
def test_a_teacher_cannot_place_a_colleagues_private_or_course_recording_in_a_lesson(
    client, lesson, teacher, colleague, visibility
):
    theirs = make_ready_recording(owner=colleague, visibility=visibility)
    theirs.title = "Prise secrète"
    theirs.save()
    revision = lesson.get_latest_revision()
    client.force_login(teacher)

    response = _edit(client, lesson, _recording_block(theirs))

    assert response.status_code == 200
    assert _block_error(response, 1) == [REFUSED_FR]
    html = response.content.decode()
    # The editor shows it on the block, from the form's state in JSON; the chooser shown
    # again is empty, and does not tell the refused recording's title.
    assert json.dumps(REFUSED_FR)[1:-1] in html
    assert json.dumps("Prise secrète")[1:-1] not in html
    assert "Prise secr" not in html
    lesson.refresh_from_db()
    assert lesson.get_latest_revision() == revision
    assert theirs.pk not in _revision_recordings(lesson)


def test_a_teacher_places_their_own_and_shared_recordings(client, lesson, teacher, colleague):
    placed = [
        make_ready_recording(owner=teacher, visibility=Visibility.PRIVATE),
        make_ready_recording(owner=teacher, visibility=Visibility.COURSE),
        make_ready_recording(owner=colleague, visibility=Visibility.PUBLIC),
        make_ready_recording(owner=colleague, visibility=Visibility.MEMBERS),
    ]
    revision = lesson.get_latest_revision()
    client.force_login(teacher)

    response = _edit(client, lesson, *[_recording_block(r) for r in placed])

    assert response.status_code == 302, response.context["form"].errors
    lesson.refresh_from_db()
    assert lesson.get_latest_revision() != revision
    assert _revision_recordings(lesson) == {r.pk for r in placed}


def test_only_the_refused_recording_is_marked_among_allowed_ones(
    client, lesson, teacher, colleague
):
    mine = make_ready_recording(owner=teacher, visibility=Visibility.PRIVATE)
    theirs = make_ready_recording(owner=colleague, visibility=Visibility.PRIVATE)
    client.force_login(teacher)

    response = _edit(client, lesson, _recording_block(mine), _recording_block(theirs))

    assert set(response.context["form"].errors["body"].as_data()[0].block_errors) == {2}


def test_staff_place_any_recording(client, lesson, staff, colleague):
    theirs = make_ready_recording(owner=colleague, visibility=Visibility.PRIVATE)
    client.force_login(staff)

    response = _edit(client, lesson, _recording_block(theirs))

    assert response.status_code == 302, response.context["form"].errors
    assert _revision_recordings(lesson) == {theirs.pk}


def test_a_recording_already_in_the_lesson_stays_when_a_co_teacher_saves_it(
    client, lesson, teacher, colleague
):
    """Its owner placed it; a co-teacher editing the text keeps it (the chooser's rule is for
    what one adds, and the co-teacher adds nothing)."""
    theirs = make_ready_recording(owner=colleague, visibility=Visibility.PRIVATE)
    lesson.body = [{"type": "recording", "value": {"recording": theirs.pk, "caption": ""}}]
    lesson.save_revision()
    client.force_login(teacher)

    response = _edit(client, lesson, _recording_block(theirs))

    assert response.status_code == 302, response.context["form"].errors
    assert _revision_recordings(lesson) == {theirs.pk}


def test_a_hub_resource_refuses_a_colleagues_private_recording(
    client,
    hub,  # noqa: F811
    colleague,
    teacher,
):
    theirs = make_ready_recording(owner=colleague, visibility=Visibility.PRIVATE)
    mine = make_ready_recording(owner=teacher, visibility=Visibility.PRIVATE)
    client.force_login(teacher)
    url = reverse("wagtailadmin_pages:add", args=["learning_hub", "resourcepage", hub.pk])

    def post(recording):
        return client.post(
            url,
            nested_form_data(
                {
                    "title": "Détaché",
                    "slug": "detache",
                    "summary": "Le détaché à la corde.",
                    "body": streamfield([_recording_block(recording)]),
                    "resource_type": "exercise",
                    "discipline": "music",
                    "level": "beginner",
                    "language": "fr",
                    "licence": "cc-by",
                    "authors": inline_formset([{"name": "Inès", "role": ""}]),
                    "works": inline_formset([]),
                    "sources": inline_formset([]),
                }
            ),
        )

    refused = post(theirs)
    assert refused.status_code == 200
    assert _block_error(refused, 0) == [REFUSED_FR]
    assert not ResourcePage.objects.filter(slug="detache").exists()

    accepted = post(mine)
    assert accepted.status_code == 302, accepted.context["form"].errors
    page = ResourcePage.objects.get(slug="detache")
    assert [b.value["recording"] for b in page.get_latest_revision_as_object().body] == [mine]


def test_the_refusal_reads_in_english_too():
    with translation.override("en"):
        assert str(NOT_CHOOSABLE).startswith("You may not place this recording")
    with translation.override("fr"):
        assert str(NOT_CHOOSABLE) == REFUSED_FR


def test_every_form_that_can_embed_a_recording_checks_it():
    """A new page or snippet with a recording block must mix the check into its form."""
    from studio.blocks import RecordingChooserBlock

    def embeds(block):
        if isinstance(block, RecordingChooserBlock):
            return True
        return any(embeds(child) for child in getattr(block, "child_blocks", {}).values()) or (
            hasattr(block, "child_block") and embeds(block.child_block)
        )

    embedding = [
        model
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and embeds(field.stream_block)
    ]
    unchecked = [
        model.__name__
        for model in embedding
        if not issubclass(get_edit_handler(model).get_form_class(), ChoosableRecordingsFormMixin)
    ]

    assert {m.__name__ for m in embedding} >= {"LessonPage", "ResourcePage"}
    assert unchecked == []
