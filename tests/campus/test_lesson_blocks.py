"""A lesson renders every kind of block its editors may use, in the order they wrote them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from campus.models import LessonPage
from tests.campus.conftest import enroll, make_course, make_ready_recording
from tests.campus.samples import QUIZ
from tests.factories import UserFactory
from tests.learning_hub import conftest as hub_fixtures

# The hub's fixtures: a hub home under the site and a factory of resources.
site_home = hub_fixtures.site_home
hub = hub_fixtures.hub
make_resource = hub_fixtures.make_resource

pytestmark = pytest.mark.django_db

ASSIGNMENT_ID = "a1b2c3d4-0000-4000-8000-00000000000a"


def _document(title, name, content):
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def lesson_with_every_block(make_resource, campus, course_teacher):
    resource = make_resource(title="Gammes en tierces")
    recording = make_ready_recording(owner=course_teacher)
    image = Image.objects.create(title="Violoncelle", file=get_test_image_file())
    score = _document("Partition du menuet", "menuet.pdf", b"%PDF-1.4\n%%EOF\n")
    sound = _document("Thème joué lentement", "theme.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00")
    course, [lesson] = make_course(campus, teachers=[course_teacher], lessons=1)
    lesson.is_preview = False
    lesson.body = [
        {"type": "heading", "value": {"text": "Avant de jouer", "level": "h2"}, "id": "b-head"},
        {"type": "paragraph", "value": "<p>Tenez l'archet <b>souplement</b>.</p>", "id": "b-p"},
        {
            "type": "recording",
            "value": {"recording": recording.pk, "caption": "Écoutez l'archet."},
            "id": "b-rec",
        },
        {
            "type": "resource",
            "value": {"resource": resource.pk, "note": "Lentement, puis en rythme."},
            "id": "b-res",
        },
        {
            "type": "audio",
            "value": {"file": sound.pk, "title": "Le thème", "transcript": "Un violon seul."},
            "id": "b-audio",
        },
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Un violoncelle", "decorative": False},
                "caption": "Le violoncelle de l'atelier",
                "attribution": "Photo : l'atelier",
            },
            "id": "b-img",
        },
        {"type": "document", "value": {"document": score.pk, "title": ""}, "id": "b-doc"},
        {"type": "quiz", "value": QUIZ, "id": "quiz-1"},
        {
            "type": "assignment",
            "value": {
                "title": "Enregistrez le thème",
                "instructions": "<p>Deux fois, sans vous arrêter.</p>",
                "kind": "recording",
                "max_grade": 20,
            },
            "id": ASSIGNMENT_ID,
        },
    ]
    lesson.save_revision().publish()
    student = UserFactory()
    enroll(student, course)
    return {
        "lesson": LessonPage.objects.get(pk=lesson.pk),
        "student": student,
        "resource": resource,
        "recording": recording,
        "score": score,
        "sound": sound,
    }


@pytest.fixture
def rendered(client, lesson_with_every_block):
    client.force_login(lesson_with_every_block["student"])
    response = client.get(lesson_with_every_block["lesson"].url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_heading_and_rich_text_blocks(rendered):
    assert '<h2 class="heading-block">Avant de jouer</h2>' in rendered
    assert "archet <b>souplement</b>.</p>" in rendered


def test_the_recording_block_plays_for_a_student(rendered, lesson_with_every_block):
    recording = lesson_with_every_block["recording"]
    block = rendered[rendered.index('<figure class="block-recording">') :]
    assert "data-player" in block.split("</figure>")[0]
    assert "Écoutez l&#x27;archet." in block
    assert str(recording.uuid) in rendered


def test_the_hub_resource_block_is_a_card_linking_to_it(rendered, lesson_with_every_block):
    resource = lesson_with_every_block["resource"]
    assert f'<a href="{resource.url}">Gammes en tierces</a>' in rendered
    assert "Lentement, puis en rythme." in rendered


def test_the_audio_block_plays_the_file_with_its_transcript(rendered, lesson_with_every_block):
    sound = lesson_with_every_block["sound"]
    assert f'<audio controls preload="none" src="{sound.url}">' in rendered
    assert "<figcaption>Le thème</figcaption>" in rendered
    assert "Un violon seul." in rendered


def test_the_image_block_has_its_text_alternative_caption_and_credit(rendered):
    figure = rendered[rendered.index('<figure class="figure">') :].split("</figure>")[0]
    assert 'alt="Un violoncelle"' in figure
    assert "srcset=" in figure
    assert "Le violoncelle de l&#x27;atelier" in figure
    assert '<span class="figure__credit">Photo : l&#x27;atelier</span>' in figure


def test_the_document_block_links_to_the_download(rendered, lesson_with_every_block):
    score = lesson_with_every_block["score"]
    assert f'<a href="{score.url}" download>Partition du menuet</a>' in rendered
    assert "(PDF" in rendered


def test_the_quiz_block_is_a_form_the_student_answers(rendered, lesson_with_every_block):
    lesson = lesson_with_every_block["lesson"]
    action = reverse("campus:quiz_submit", args=[lesson.pk, "quiz-1"])
    assert 'id="quiz-quiz-1"' in rendered
    assert f'action="{action}"' in rendered
    assert "Quelle note donne le hautbois ?" in rendered
    assert 'name="q-q-short"' in rendered


def test_the_assignment_block_offers_to_hand_in(rendered, lesson_with_every_block):
    lesson = lesson_with_every_block["lesson"]
    assert "Enregistrez le thème" in rendered
    assert "Deux fois, sans vous arrêter." in rendered
    assert reverse("campus_assignments:submit", args=[lesson.pk, ASSIGNMENT_ID]) in rendered


def test_blocks_come_in_the_order_written(rendered):
    markers = [
        "Avant de jouer",
        "souplement",
        'class="block-recording"',
        "Gammes en tierces",
        "<audio",
        'class="figure"',
        "Partition du menuet",
        'id="quiz-quiz-1"',
        "Enregistrez le thème",
    ]
    positions = [rendered.index(marker) for marker in markers]
    assert positions == sorted(positions)
