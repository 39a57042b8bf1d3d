"""The beta programme in Chromium: apply, be admitted, give feedback from a lesson whose
recording plays, read the team's reply — with the keyboard and axe-core on every page a
volunteer uses."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Site

from accounts.models import User
from campus.models import CampusIndexPage, LessonPage
from feedback import services
from feedback.models import Cohort, Feedback, PhaseSettings, SurveyPage, VolunteerApplication
from studio.models import Visibility
from tests.campus.conftest import make_course
from tests.e2e.conftest import axe_violations, format_violations
from tests.studio import conftest as studio_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

# The studio's fixtures: a real 360° package made by the media engine, published per test.
spherical_package = studio_fixtures.spherical_package
make_recording = studio_fixtures.make_recording

PASSWORD = "Gammes-et-arpeges-2026"
EMAIL = "altiste@example.org"


def _local(url, live_server):
    return re.sub(r"^https?://[^/]+", live_server.url, url)


def _log_in(page, email, password, url="/accounts/login/"):
    page.goto(url)
    page.get_by_label(re.compile("^e-?mail", re.I)).fill(email)
    page.get_by_label(re.compile("^mot de passe", re.I)).fill(password)
    page.locator("main form button[type=submit]").click()
    expect(
        page.get_by_role("banner").get_by_role("link", name=re.compile("mon profil", re.I))
    ).to_be_visible()


def _log_out(page):
    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Se connecter")).to_be_visible()


def _sign_up(page, live_server, mailoutbox):
    page.get_by_role("main").get_by_role("link", name="Créer un compte").click()
    page.get_by_label(re.compile("^e-?mail", re.I)).fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(_local(link, live_server))
    page.locator("main form button[type=submit]").click()
    _log_in(page, EMAIL, PASSWORD)


def _check_axe(page):
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def _apply(page):
    page.goto("/beta/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Devenir bénévole du programme bêta")
    _check_axe(page)
    page.get_by_label("Enseignant", exact=True).check()
    page.get_by_label("Conservatoire, école ou établissement").fill("CRR de Rennes")
    page.get_by_label("Ordinateur").check()
    page.get_by_label("Quand êtes-vous disponible pour tester ?").fill("Le jeudi")
    _check_axe(page)  # filled in

    page.get_by_role("button", name="Postuler").click()  # without the consent
    expect(page.get_by_role("alert")).to_contain_text("Votre candidature n’a pas pu être")
    expect(page.get_by_text("nous avons besoin de votre consentement")).to_be_visible()
    _check_axe(page)  # with its errors
    expect(page.get_by_label("Conservatoire, école ou établissement")).to_have_value(
        "CRR de Rennes"
    )  # nothing typed is lost

    page.get_by_label(re.compile("^J’accepte")).check()
    page.get_by_role("button", name="Postuler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature au programme bêta")
    expect(page.get_by_text("En attente d’examen")).to_be_visible()


def _admit(staff_page, cohort):
    _log_in(staff_page, "equipe@example.org", "conservatoire-demo")
    staff_page.goto("/admin/beta/applications/")
    application = VolunteerApplication.objects.get(user__email=EMAIL)
    staff_page.locator(
        f"a[href='{reverse('beta_applications:edit', args=[application.pk])}']"
    ).first.click()
    staff_page.locator("select[name=status]").select_option("admitted")
    staff_page.locator("select[name=cohort]").select_option(str(cohort.pk))
    staff_page.locator("main form button[type=submit]").first.click()
    expect(staff_page.locator(".messages")).to_contain_text(re.compile(".+"))


def _lesson_playing(recording):
    """Return a free-preview lesson of a published course that plays `recording`."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    campus = home.add_child(instance=CampusIndexPage(title="Campus", slug="campus"))
    campus.save_revision().publish()
    _course, lessons = make_course(campus, title="Quatuor à cordes", lessons=1)
    lesson = lessons[0]
    lesson.body = [
        {"type": "recording", "value": {"recording": recording.pk, "caption": ""}, "id": "rec"}
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def _send_feedback_while_playing(page, lesson):
    page.goto(lesson.url)
    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    page.locator("[data-player-play]").click()
    page.wait_for_function("() => document.querySelector('[data-player] video').currentTime > 1")

    opener = page.get_by_role("link", name="Donner mon avis")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Donner mon avis")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("De quoi s’agit-il ?")).to_be_focused()
    expect(
        dialog.get_by_text(re.compile("Moment dans l’enregistrement : 0:0[1-9]"))
    ).to_be_visible()
    _check_axe(page)

    page.keyboard.press("Escape")  # closing gives the focus back to the button
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")

    dialog.get_by_role("button", name="Envoyer").click()  # no message yet
    message = dialog.get_by_label("Votre message")
    expect(message).to_be_focused()
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(dialog.get_by_role("status")).to_contain_text("Vérifiez les champs")
    _check_axe(page)  # the dialog with its errors

    dialog.get_by_label("De quoi s’agit-il ?").select_option("bug")
    dialog.get_by_label("2", exact=True).focus()
    page.keyboard.press("Space")
    dialog.get_by_label("Votre message").fill("L’image saute quand je tourne la vue.")
    dialog.get_by_role("button", name="Envoyer").click()
    status = dialog.get_by_role("status")
    expect(status).to_contain_text("Merci ! Votre retour est bien parvenu à l’équipe.")
    expect(status).to_be_focused()
    expect(status.get_by_role("link", name="Le suivre dans « Mes retours »")).to_be_visible()
    _check_axe(page)  # the dialog after the thank-you


def test_a_visitor_applies_is_admitted_and_follows_the_reply_to_their_feedback(
    page,
    browser,
    live_server,
    demo_site,
    make_recording,
    mailoutbox,
):
    staff = User.objects.get(email="equipe@example.org")
    phases = PhaseSettings.for_site(Site.objects.get(is_default_site=True))
    services.set_phase(settings=phases, section="campus", phase="beta", user=staff)
    recording = make_recording(owner=staff, visibility=Visibility.PUBLIC, title="Quatuor en 360°")
    lesson = _lesson_playing(recording)
    cohort = Cohort.objects.create(name="Cohorte de printemps")

    # A visitor meets the test phase of the campus and is invited to volunteer.
    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Campus ne vous est pas encore ouvert"
    )
    _check_axe(page)  # the refusal page
    page.get_by_role("link", name="Devenir bénévole du programme bêta").click()
    _sign_up(page, live_server, mailoutbox)
    _apply(page)

    # Not admitted yet, the member is still refused the lesson; they log out.
    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Campus ne vous est pas encore ouvert"
    )
    _log_out(page)

    # Staff admit them into a cohort: an invitation leaves.
    staff_context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    staff_page = staff_context.new_page()
    _admit(staff_page, cohort)
    invitation = mailoutbox[-1]
    assert invitation.to == [EMAIL]
    assert "Cohorte de printemps" in invitation.body

    # The volunteer follows the invitation's link, logs in and lands on their application.
    assert PhaseSettings.for_site(phases.site).campus_phase == "beta"
    login_link = re.search(r"https?://\S+/accounts/login/\S*", invitation.body).group(0)
    _log_in(page, EMAIL, PASSWORD, url=_local(login_link, live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature au programme bêta")
    expect(page.get_by_text("Admis", exact=True)).to_be_visible()
    expect(page.get_by_text("Cohorte de printemps")).to_be_visible()
    _check_axe(page)

    # Staff publish a survey for the cohort: its members are told by email.
    survey = SurveyPage(title="Votre printemps", slug="votre-printemps", live=False, cohort=cohort)
    Site.objects.get(is_default_site=True).root_page.add_child(instance=survey)
    survey.save_revision().publish()
    assert mailoutbox[-1].to == [EMAIL]
    assert "http://testserver/votre-printemps/" in mailoutbox[-1].body

    # The volunteer gives feedback from the lesson while its recording plays.
    _send_feedback_while_playing(page, lesson)
    item = Feedback.objects.get()
    assert item.author.email == EMAIL
    assert (item.kind, item.rating, item.section) == ("bug", 2, "campus")
    assert item.url == lesson.url
    assert item.page_id == lesson.pk
    assert item.media_time > 1
    assert re.fullmatch(r"\d+x\d+", item.screen_size)
    assert "Chrom" in item.user_agent

    # Staff reply from the triage screen; the volunteer is told by email.
    staff_page.goto(reverse("beta_feedback:edit", args=[item.pk]))
    staff_page.locator("select[name=status]").select_option("in_progress")
    staff_page.locator("textarea[name=note]").fill("Reproduit sur Chromium.")
    staff_page.locator("textarea[name=reply]").fill("Merci, nous corrigeons la rotation.")
    staff_page.locator("main form button[type=submit]").first.click()
    expect(staff_page.locator(".messages")).to_contain_text(re.compile(".+"))
    staff_context.close()
    reply = mailoutbox[-1]
    assert reply.to == [EMAIL]
    assert "Merci, nous corrigeons la rotation." in reply.body

    # The volunteer follows the email's link and reads the reply, in French and in English.
    mine_link = re.search(r"https?://\S+/feedback/mine/", reply.body).group(0)
    page.goto(_local(mine_link, live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes retours")
    expect(page.get_by_text("Merci, nous corrigeons la rotation.")).to_be_visible()
    expect(page.get_by_text("En cours")).to_be_visible()
    expect(page.get_by_text("Reproduit sur Chromium.")).to_have_count(0)
    surveys = page.get_by_role("region", name="Questionnaires qui attendent vos réponses")
    expect(surveys.get_by_role("link", name="Votre printemps")).to_be_visible()
    _check_axe(page)
    page.goto("/en/feedback/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My feedback")
    expect(page.get_by_text("In progress")).to_be_visible()
    _check_axe(page)


def test_the_plain_feedback_page_passes_axe_empty_with_errors_and_after_sending(
    page, live_server, demo_site
):
    PhaseSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"feedback_for_everyone": True}
    )

    page.goto("/feedback/new/?url=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Donner mon avis")
    _check_axe(page)
    page.get_by_role("button", name="Envoyer").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Vérifiez les champs")
    _check_axe(page)
    page.get_by_label("Votre message").fill("Le menu est difficile à trouver.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci")
    _check_axe(page)


def test_the_refusal_page_of_a_closed_section_passes_axe(page, live_server, demo_site):
    staff = User.objects.get(email="equipe@example.org")
    phases = PhaseSettings.for_site(Site.objects.get(is_default_site=True))
    services.set_phase(settings=phases, section="studio", phase="closed", user=staff)

    response = page.goto(reverse("studio:catalogue"))

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Studio ne vous est pas encore ouvert"
    )
    expect(page.get_by_role("link", name="Devenir bénévole du programme bêta")).to_be_visible()
    _check_axe(page)
