"""Surveys: built with Wagtail's form builder, answered once by the members of a cohort."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, Page

from feedback.models import ApplicationStatus, Cohort, SurveyPage, SurveySubmission
from tests.factories import UserFactory

from .conftest import make_application

pytestmark = pytest.mark.django_db


def test_a_member_of_the_cohort_answers_once(client, admitted, survey):
    client.force_login(admitted)

    first = client.post(survey.url, {"note": "Très bien"})
    again = client.get(survey.url)
    second = client.post(survey.url, {"note": "Encore"})

    assert first.status_code == 200
    assert "déjà répondu" not in first.content.decode()
    assert "déjà répondu" in again.content.decode()
    assert "déjà répondu" in second.content.decode()
    submission = SurveySubmission.objects.get()
    assert (submission.user, submission.form_data["note"]) == (admitted, "Très bien")


@pytest.mark.parametrize("who", ["visitor", "member", "applicant", "teacher", "other_cohort"])
def test_people_outside_the_cohort_cannot_answer(client, request, survey, who):
    if who == "other_cohort":
        user = UserFactory(roles=["Beta volunteers"])
        make_application(
            user, status=ApplicationStatus.ADMITTED, cohort=Cohort.objects.create(name="B")
        )
        client.force_login(user)
    elif who != "visitor":
        client.force_login(request.getfixturevalue(who))

    shown = client.get(survey.url)
    posted = client.post(survey.url, {"note": "x"})

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert not SurveySubmission.objects.exists()


def test_staff_may_answer(client, staff, survey):
    client.force_login(staff)

    client.post(survey.url, {"note": "Test de l'équipe"})

    assert SurveySubmission.objects.get().user == staff


def test_staff_export_the_answers_as_csv(client, staff, admitted, survey):
    client.force_login(admitted)
    client.post(survey.url, {"note": "Très bien"})
    client.force_login(staff)

    response = client.get(
        reverse("wagtailforms:list_submissions", args=[survey.pk]) + "?export=csv"
    )

    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    rows = list(csv.reader(io.StringIO(content)))
    assert response.status_code == 200
    assert rows[1][rows[0].index("Note")] == "Très bien"
    assert admitted.public_name in rows[1]


# --- Announcing a survey --------------------------------------------------------------------


def _volunteer(cohort, *, language="fr", status=ApplicationStatus.ADMITTED):
    user = UserFactory(roles=["Beta volunteers"], preferred_language=language)
    make_application(user, status=status, cohort=cohort)
    return user


@pytest.fixture
def bilingual_survey(cohort):
    """A survey for `cohort`, live in French and in English, never published through Wagtail
    (so never announced yet)."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = Page.objects.get(depth=2)
    if not home.has_translation(english):
        home.copy_for_translation(english)
    page = SurveyPage(title="Votre avis sur le Studio", slug="avis-studio", cohort=cohort)
    home.add_child(instance=page)
    translation = page.copy_for_translation(english)
    translation.title = "Your opinion of the Studio"
    translation.live = True
    translation.save()
    return page, translation


def test_publishing_a_survey_emails_its_cohort_once_in_each_language(
    cohort, bilingual_survey, django_capture_on_commit_callbacks
):
    french, english = bilingual_survey
    francophone, anglophone = _volunteer(cohort), _volunteer(cohort, language="en")
    _volunteer(Cohort.objects.create(name="Autre"))  # another cohort
    _volunteer(cohort, status=ApplicationStatus.PENDING)  # not admitted
    _volunteer(None, status=ApplicationStatus.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()

    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {francophone.email, anglophone.email}
    assert (
        sent[francophone.email].subject == "Un questionnaire pour vous : Votre avis sur le Studio"
    )
    assert "http://testserver/avis-studio/" in sent[francophone.email].body
    assert sent[anglophone.email].subject == "A survey for you: Your opinion of the Studio"
    assert "http://testserver/en/avis-studio/" in sent[anglophone.email].body

    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()  # a correction
        english.save_revision().publish()  # its translation
    assert len(mail.outbox) == 2


def test_a_survey_for_every_volunteer_reaches_every_admitted_volunteer(
    cohort, django_capture_on_commit_callbacks
):
    everyone = [_volunteer(cohort), _volunteer(Cohort.objects.create(name="B")), _volunteer(None)]
    _volunteer(None, status=ApplicationStatus.WAITING_LIST)
    page = SurveyPage(title="Pour tous", slug="pour-tous", live=False)
    Page.objects.get(depth=2).add_child(instance=page)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in everyone)


def test_a_draft_survey_announces_nothing(cohort, django_capture_on_commit_callbacks):
    _volunteer(cohort)
    page = SurveyPage(title="Brouillon", slug="brouillon", live=False, cohort=cohort)
    Page.objects.get(depth=2).add_child(instance=page)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()

    assert mail.outbox == []


def test_my_feedback_lists_the_surveys_waiting_for_my_answers(client, admitted, survey, cohort):
    answered = SurveyPage(title="Déjà répondu", slug="deja", cohort=cohort)
    other = SurveyPage(
        title="Pour une autre cohorte", slug="autre", cohort=Cohort.objects.create(name="B")
    )
    for page in (answered, other):
        Page.objects.get(depth=2).add_child(instance=page)
    SurveySubmission.objects.create(page=answered, user=admitted, form_data={})
    client.force_login(admitted)

    html = client.get(reverse("feedback:mine")).content.decode()

    assert "Questionnaires qui attendent vos réponses" in html
    assert f'<a href="{survey.url}">Votre avis</a>' in html
    assert "Déjà répondu" not in html
    assert "Pour une autre cohorte" not in html


def test_my_feedback_lists_no_survey_to_a_member_outside_the_programme(client, member, survey):
    client.force_login(member)

    html = client.get(reverse("feedback:mine")).content.decode()

    assert "Questionnaires qui attendent" not in html


def test_a_second_answer_sent_at_the_same_time_gets_a_message_not_an_error(
    client, admitted, survey, monkeypatch
):
    SurveySubmission.objects.create(page=survey, user=admitted, form_data={"note": "Premier"})
    # The other request committed after this one checked: the check saw no answer yet.
    monkeypatch.setattr(SurveyPage, "has_answered", lambda self, user: False)
    client.force_login(admitted)

    response = client.post(survey.url, {"note": "Second"})

    assert response.status_code == 200
    assert "déjà répondu" in response.content.decode()
    assert list(SurveySubmission.objects.values_list("form_data__note", flat=True)) == ["Premier"]
