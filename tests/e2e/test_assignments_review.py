"""In Chromium: a teacher reviews a submission and leaves a comment at 0:01 on the timeline;
the student sees the marker and jumps to the moment, by click and by keyboard."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from accounts.roles import Role
from campus.assignments.models import Submission, SubmissionKind
from campus.models import Enrollment, EnrollmentStatus
from tests.campus.assignments.conftest import (  # noqa: F401 (fixtures)
    RECORDING_BLOCK,
    UNGRADED_BLOCK,
    flat_package,
    make_course,
    ready_asset,
)
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def video_time(page):
    return page.evaluate("() => document.querySelector('[data-player] video').currentTime")


def wait_for_player(page):
    page.wait_for_function(
        "() => document.querySelector('[data-player]')?.player"
        " && document.querySelector('[data-player] video').readyState >= 1"
    )


@pytest.fixture
def course(demo_site, ready_asset):  # noqa: F811
    teacher = UserFactory(roles=[Role.TEACHERS], email="prof-devoirs@example.org")
    student = UserFactory(email="eleve-devoirs@example.org")
    home = Site.objects.get(is_default_site=True).root_page
    lesson = make_course("Violon – gammes", teachers=[teacher], home=home)
    Enrollment.objects.create(user=student, course=lesson.course, status=EnrollmentStatus.ACTIVE)
    submission = Submission.objects.create(
        lesson=lesson,
        block_id=RECORDING_BLOCK,
        student=student,
        kind=SubmissionKind.RECORDING,
        asset=ready_asset(student),
        note="Ma gamme, lentement.",
        max_grade=20,
    )
    return {"teacher": teacher, "student": student, "lesson": lesson, "submission": submission}


def test_a_teacher_comments_at_one_second_and_the_student_jumps_there(
    browser, live_server, page, course
):
    submission = course["submission"]

    # The teacher moves the player to 0:01 and pins a comment there.
    log_in(page, live_server, course["teacher"])
    page.goto(f"{live_server.url}/campus/assignments/submissions/{submission.uuid}/review/")
    wait_for_player(page)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    page.evaluate("() => { document.querySelector('[data-player] video').currentTime = 1; }")
    page.wait_for_function("() => document.querySelector('[data-player] video').currentTime >= 1")
    page.get_by_role("button", name="Utiliser le moment actuel du lecteur").click()
    expect(page.get_by_label("Moment")).to_have_value("0:01")
    page.locator("textarea[name=text]").fill("Ici, l'archet glisse vers la touche.")
    page.get_by_role("button", name="Ajouter le commentaire").click()
    expect(page.locator("[data-comment-list]")).to_contain_text("l'archet glisse")
    expect(page.locator("[data-timeline-track] .timeline__marker")).to_have_count(1)
    expect(page.locator("[data-comment-status]")).to_have_text("Commentaire ajouté à 0:01.")
    # The verdict and grade, with the keyboard.
    page.get_by_label("Revu").check()
    page.get_by_label("Note (sur 20)").fill("16")
    page.get_by_label("Note (sur 20)").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Votre relecture est enregistrée")
    assert submission.comments.get().at_seconds == 1.0

    # The student sees the marker on the timeline and jumps to it.
    student_context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    student_page = student_context.new_page()
    errors = []
    student_page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(student_page, live_server, course["student"])
    student_page.goto(f"{live_server.url}/campus/assignments/submissions/{submission.uuid}/")
    wait_for_player(student_page)
    marker = student_page.locator("[data-timeline-track] .timeline__marker")
    expect(marker).to_have_count(1)
    expect(student_page.locator("[data-comment-list]")).to_contain_text("l'archet glisse")
    expect(student_page.locator(".assignment-summary")).to_contain_text("16 / 20")
    violations = axe_violations(student_page)
    assert violations == [], format_violations(violations)

    marker.click()
    student_page.wait_for_function(
        "() => Math.abs(document.querySelector('[data-player] video').currentTime - 1) < 0.2"
    )
    expect(student_page.locator("[data-comment]").first).to_have_class(
        re.compile(r"\bis-current\b")
    )

    # By keyboard: back to the start, then Enter on the comment's moment.
    student_page.evaluate(
        "() => { document.querySelector('[data-player] video').currentTime = 0; }"
    )
    student_page.wait_for_function(
        "() => document.querySelector('[data-player] video').currentTime < 0.1"
    )
    student_page.locator(".comment__time").first.focus()
    student_page.keyboard.press("Enter")
    student_page.wait_for_function(
        "() => Math.abs(document.querySelector('[data-player] video').currentTime - 1) < 0.2"
    )
    assert abs(video_time(student_page) - 1) < 0.2

    # The same page in English.
    student_page.goto(f"{live_server.url}/en/campus/assignments/submissions/{submission.uuid}/")
    expect(student_page.get_by_role("heading", name="Comments")).to_be_visible()
    student_context.close()
    assert errors == []


def test_the_hand_in_page_offers_the_resumable_upload_and_passes_axe(live_server, page, course):
    lesson = course["lesson"]
    log_in(page, live_server, course["student"])
    # From the lesson: the block shows the latest attempt and the way to hand in.
    page.goto(live_server.url + lesson.url)
    expect(page.get_by_role("link", name="Voir votre travail et les commentaires")).to_have_count(1)
    page.get_by_role("link", name="Rendre votre travail").last.click()
    expect(page).to_have_url(re.compile(rf"/campus/assignments/{lesson.pk}/{UNGRADED_BLOCK}/$"))

    expect(page.get_by_role("heading", name="Rendre votre travail")).to_be_visible()
    page.get_by_label("Enregistrement", exact=True).check()
    expect(page.get_by_label("Fichier de l’enregistrement")).to_be_visible()
    expect(page.locator("[data-plain-recording]")).to_be_hidden()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)

    # A file of the wrong type is refused with a message and nothing is lost.
    page.get_by_label("Fichier", exact=True).check()
    page.locator("input[name=file]").set_input_files(
        files=[{"name": "programme.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    page.get_by_label("Note pour votre enseignant").fill("Mon analyse.")
    page.get_by_role("button", name="Rendre", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Ce type de fichier n’est pas accepté")
    expect(page.get_by_label("Note pour votre enseignant")).to_have_value("Mon analyse.")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
