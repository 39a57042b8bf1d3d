"""The campus in Chromium: browse, sign in, enrol, watch, answer, progress, certificate."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from campus import services
from campus.models import CampusIndexPage, Cohort, CoursePage, LessonPage, ModulePage
from core.models import HomePage
from studio.models import Visibility
from tests.campus.samples import QUIZ
from tests.e2e.conftest import axe_violations, format_violations
from tests.studio.conftest import make_recording, spherical_package  # noqa: F401 (fixtures)

DEMO_PASSWORD = "conservatoire-demo"


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


@pytest.fixture
def course(demo_site, make_recording):  # noqa: F811
    teacher = User.objects.get(email="enseignant@example.org")
    recording = make_recording(owner=teacher, visibility=Visibility.COURSE, title="La tenue")
    home = HomePage.objects.get(slug="accueil")
    index = home.add_child(instance=CampusIndexPage(title="Campus", slug="campus"))
    index.save_revision().publish()
    course = index.add_child(
        instance=CoursePage(
            title="Violon : premiers pas",
            slug="violon",
            summary="Tenir l'archet et trouver le la.",
            level="beginner",
            capacity=10,
        )
    )
    course.teachers.set([teacher])
    course.save_revision().publish()
    module = course.add_child(instance=ModulePage(title="S'accorder", slug="accorder"))
    module.save_revision().publish()
    lessons = [
        ("Le la du diapason", "la", [{"type": "recording", "value": {"recording": recording.pk}}]),
        ("Quiz d'écoute", "quiz", [{"type": "quiz", "value": QUIZ}]),
    ]
    for title, slug, body in lessons:
        lesson = module.add_child(instance=LessonPage(title=title, slug=slug, body=body))
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def _log_in(page, email):
    page.get_by_label(re.compile("^e-?mail", re.I)).fill(email)
    page.get_by_label(re.compile("^mot de passe", re.I)).fill(DEMO_PASSWORD)
    page.get_by_label(re.compile("^mot de passe", re.I)).press("Enter")


def _report_at_the_end(response):
    """Match the player's report once the recording has ended (it also reports on play)."""
    if not re.search(r"/progress/$", response.url):
        return False
    sent = response.request.post_data_json
    return sent["position"] >= sent["duration"] - 0.5


def test_a_visitor_enrols_watches_passes_the_quiz_and_gets_a_certificate(page, course):
    page.set_default_timeout(60_000)
    page.goto("/campus/")
    _no_violations(page)
    page.get_by_label("Niveau").select_option("beginner")
    page.get_by_role("button", name="Afficher les cours").press("Enter")
    expect(page).to_have_url(re.compile(r"level=beginner"))
    page.get_by_role("link", name="Violon : premiers pas").click()
    _no_violations(page)

    page.get_by_role("link", name="Se connecter pour s'inscrire").click()
    _log_in(page, "etudiant@example.org")
    expect(page.get_by_role("heading", name="Violon : premiers pas")).to_be_visible()
    page.get_by_role("button", name="S'inscrire à ce cours").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vous êtes inscrit : bienvenue dans le cours !")).to_be_visible()
    expect(page.get_by_text("Progression du cours : 0 %")).to_be_visible()
    _no_violations(page)

    with page.expect_response(re.compile(r"/ping/$")) as ping:  # time traced while visible
        page.get_by_role("link", name=re.compile("^Continuer")).click()
    assert ping.value.status == 200
    expect(page.get_by_role("heading", name="Le la du diapason")).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    page.evaluate("() => document.querySelector('[data-player]').player.ready")
    _no_violations(page)
    with page.expect_response(_report_at_the_end) as report:
        page.locator("[data-player-play]").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('[data-player] video').ended")
    assert report.value.json()["completed"] is True

    page.reload()
    expect(page.get_by_text(re.compile("Leçon terminée"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Suivant")).click()

    for choice in ("Le la", "Violon", "Alto", "Vrai"):  # answered with the keyboard
        page.get_by_label(choice).focus()
        page.keyboard.press("Space")
    page.get_by_label("Votre réponse").fill("Bach")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Quiz réussi avec 100"))).to_be_visible()
    _no_violations(page)

    page.get_by_role("link", name="Plan du cours").click()
    expect(page.get_by_text("Progression du cours : 100 %")).to_be_visible()
    page.get_by_role("link", name="Voir votre certificat").click()
    expect(page.get_by_role("heading", name="Mes cours")).to_be_visible()
    _no_violations(page)
    page.get_by_role("link", name="Violon : premiers pas").last.click()
    expect(page.get_by_role("heading", name="Certificat de réussite")).to_be_visible()
    _no_violations(page)

    page.goto(page.url.replace("/campus/", "/en/campus/"))
    expect(page.get_by_role("heading", name="Certificate of completion")).to_be_visible()
    _no_violations(page)


def test_a_teacher_follows_the_students_of_the_course(page, course):
    student = User.objects.get(email="etudiant@example.org")
    student.display_name = "Élève Démo"
    student.save()
    Cohort.objects.create(course=course, name="Automne", starts_on="2026-09-01")
    Cohort.objects.create(course=course, name="Printemps", starts_on="2027-03-01")
    enrollment = services.enrollment_request(user=student, course=course)
    page.goto("/campus/teaching/")
    _log_in(page, "enseignant@example.org")
    expect(page.get_by_role("heading", name="Mon enseignement")).to_be_visible()
    _no_violations(page)
    page.get_by_role("link", name=re.compile("^Élèves de")).click()
    expect(page.get_by_role("link", name=re.compile("CSV"))).to_be_visible()
    _no_violations(page)

    page.get_by_label("Promotion de Élève Démo").select_option(label="Printemps")
    page.get_by_role("button", name="Déplacer Élève Démo").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("Élève Démo est maintenant dans la promotion « Printemps ».")
    ).to_be_visible()
    _no_violations(page)
    enrollment.refresh_from_db()
    assert enrollment.cohort.name == "Printemps"


def test_a_student_asks_to_join_then_cancels_the_request_with_the_keyboard(page, course):
    course.enrollment_policy = "approval"
    course.save_revision().publish()
    page.goto("/campus/violon/")
    page.get_by_role("link", name="Se connecter pour s'inscrire").click()
    _log_in(page, "etudiant@example.org")

    page.get_by_role("button", name="Demander à rejoindre le cours").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("Votre demande a été envoyée aux enseignants ; vous recevrez un e-mail.")
    ).to_be_visible()
    expect(page.get_by_text("Votre demande attend la réponse des enseignants.")).to_be_visible()
    _no_violations(page)

    page.get_by_role("button", name="Annuler ma demande").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Votre demande d'inscription au cours est annulée.")).to_be_visible()
    expect(page.get_by_role("button", name="Demander à rejoindre le cours")).to_be_visible()
    _no_violations(page)
    assert course.enrollments.get().status == "withdrawn"


def test_the_same_quiz_attempt_handed_in_from_two_tabs_counts_once(page, course):
    from campus.models import QuizAttempt

    student = User.objects.get(email="etudiant@example.org")
    services.enrollment_request(user=student, course=course)
    quiz_url = "/campus/violon/accorder/quiz/"
    page.goto(quiz_url)
    _log_in(page, "etudiant@example.org")
    expect(page.get_by_role("heading", name="Quiz d'écoute")).to_be_visible()
    second = page.context.new_page()
    second.goto(quiz_url)

    page.get_by_label("Le do").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(
        page.get_by_text("0 % : pas encore réussi. Lisez les commentaires et réessayez.")
    ).to_be_visible()

    for choice in ("Le la", "Violon", "Alto", "Vrai"):
        second.get_by_label(choice).check()
    second.get_by_label("Votre réponse").fill("Bach")
    second.get_by_role("button", name="Envoyer mes réponses").focus()
    second.keyboard.press("Enter")
    expect(
        second.get_by_text(
            "Cette tentative a déjà été remise ; en voici le résultat : 0 %, pas encore réussie."
        )
    ).to_be_visible()
    _no_violations(second)
    assert QuizAttempt.objects.filter(user=student).count() == 1
