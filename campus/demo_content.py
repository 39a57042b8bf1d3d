"""Demo campus: a catalogue, two courses with modules and lessons, a quiz, an assignment.

Idempotent: pages are found by slug and only made when missing. The lessons play the
studio's demo recording when it exists (studio demo, order 30).
"""

from django.utils.translation import gettext as _
from wagtail.models import Site

from accounts.models import User
from core.demo_content import add_menu_link
from core.models import HomePage, Instrument
from studio.demo_content import DEMO_TITLE
from studio.models import Recording

from . import authoring
from .models import (
    CampusIndexPage,
    CourseFormat,
    CoursePage,
    Enrollment,
    EnrollmentPolicy,
    EnrollmentStatus,
    LessonPage,
    ModulePage,
)

TEACHER = "enseignant@example.org"
STUDENT = "etudiant@example.org"

DEMO_QUIZ = {
    "title": "Vérifiez votre écoute",
    "intro": "<p>Trois questions sur l'enregistrement de démonstration.</p>",
    "pass_mark": 60,
    "max_attempts": 0,
    "questions": [
        {
            "type": "single_choice",
            "value": {
                "prompt": "Quelle note entend-on dans l'enregistrement ?",
                "choices": [
                    {
                        "text": "Un la à 440 Hz",
                        "correct": True,
                        "feedback": "Oui, le la du diapason.",
                    },
                    {"text": "Un do", "correct": False, "feedback": "Réécoutez : c'est un la."},
                ],
            },
        },
        {
            "type": "true_false",
            "value": {
                "prompt": "Le son reste à sa place quand on tourne la tête.",
                "answer": True,
                "feedback_correct": "C'est le principe du son ambisonique.",
                "feedback_wrong": "Le son ambisonique suit la scène, pas votre tête.",
            },
        },
        {
            "type": "short_answer",
            "value": {
                "prompt": "Quel instrument donne traditionnellement le la à l'orchestre ?",
                "accepted_answers": ["hautbois", "le hautbois"],
                "feedback_correct": "",
                "feedback_wrong": "C'est le hautbois.",
            },
        },
    ],
}


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _recording_block(recording):
    if recording is None:
        return []
    return [{"type": "recording", "value": {"recording": recording.pk, "caption": ""}}]


COURSES = [
    {
        "slug": "violon-premiers-pas",
        "title": "Violon : premiers pas",
        "summary": "Tenir l'archet, trouver le la, jouer ses premières gammes.",
        "level": "beginner",
        "discipline": "violon",
        "format": CourseFormat.SELF_PACED,
        "enrollment_policy": EnrollmentPolicy.OPEN,
        "estimated_hours": 6,
        "modules": [
            (
                "S'accorder",
                [("Le la du diapason", "recording", True), ("Quiz d'écoute", "quiz", False)],
            ),
            ("La gamme", [("Gamme de ré majeur", "assignment", False)]),
        ],
    },
    {
        "slug": "ecoute-spatiale",
        "title": "Écouter en 360°",
        "summary": "Découvrir les enregistrements immersifs et le son ambisonique.",
        "level": "intermediate",
        "discipline": "",
        "format": CourseFormat.SELF_PACED,
        "enrollment_policy": EnrollmentPolicy.APPROVAL,
        "estimated_hours": 3,
        "capacity": 20,
        "modules": [
            ("Le son qui vous entoure", [("Qu'est-ce que l'ambisonie ?", "text", True)]),
            ("Pratique", [("Regarder autour de soi", "recording", False)]),
        ],
    },
]


def _lesson_body(kind, recording):
    body = [_paragraph("Lisez ce texte, puis suivez les consignes de la leçon.")]
    if kind == "recording":
        body += _recording_block(recording)
    elif kind == "quiz":
        body.append({"type": "quiz", "value": DEMO_QUIZ})
    elif kind == "assignment":
        body.append(
            {
                "type": "assignment",
                "value": {
                    "title": "Enregistrez la gamme de ré majeur",
                    "instructions": "<p>Jouez la gamme lentement, sur deux octaves.</p>",
                    "kind": "recording",
                    "max_grade": 20,
                },
            }
        )
    return body


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **fields))
        page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _course(index, spec, teacher, recording):
    fields = {
        key: spec[key]
        for key in ("title", "summary", "level", "format", "enrollment_policy", "estimated_hours")
    }
    fields["capacity"] = spec.get("capacity")
    fields["discipline"] = Instrument.objects.filter(slug=spec["discipline"]).first()
    course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if course is None:
        course = index.add_child(
            instance=CoursePage(slug=spec["slug"], locale=index.locale, **fields)
        )
        if teacher:
            course.teachers.set([teacher])
        course.save_revision().publish()
    for position, (module_title, lessons) in enumerate(spec["modules"], start=1):
        module = _child(course, ModulePage, f"module-{position}", title=module_title)
        for number, (title, kind, preview) in enumerate(lessons, start=1):
            _child(
                module,
                LessonPage,
                f"lecon-{number}",
                title=title,
                is_preview=preview,
                body=_lesson_body(kind, recording),
            )
    return CoursePage.objects.get(pk=course.pk)


def load_campus_demo():
    """Create the demo campus once; return lines to print."""
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        return [_("Demo campus: skipped (load the core demo first).")]
    teacher = User.objects.filter(email=TEACHER).first()
    recording = Recording.objects.filter(title=DEMO_TITLE).first()
    index = _child(
        home,
        CampusIndexPage,
        "campus",
        title="Campus",
        intro="<p>Des cours en ligne pour progresser à votre rythme.</p>",
    )
    authoring.campus_index_setup(index=index)
    courses = [_course(index, spec, teacher, recording) for spec in COURSES]
    student = User.objects.filter(email=STUDENT).first()
    if student:
        Enrollment.objects.get_or_create(
            user=student, course=courses[0], defaults={"status": EnrollmentStatus.ACTIVE}
        )
    add_menu_link(site, index, label="Campus", label_en="Campus")
    return [
        _("Demo campus: %(url)s (%(courses)d courses)")
        % {"url": index.get_url(), "courses": len(courses)}
    ]
