"""The programme's part of a member's data export and erasure, and its demo content."""

import pytest
from django.core.management import call_command

from accounts.services import account_delete, account_export
from feedback.models import (
    Cohort,
    Feedback,
    FeedbackReply,
    FeedbackStatus,
    SurveyPage,
    SurveySubmission,
    VolunteerApplication,
)

from .conftest import make_answer


@pytest.mark.django_db
def test_the_export_holds_the_application_and_the_feedback_with_replies(admitted, staff):
    item = Feedback.objects.create(author=admitted, kind="bug", message="Le son coupe")
    FeedbackReply.objects.create(feedback=item, author=staff, text="Merci")

    data = account_export(user=admitted)["beta"]

    assert data["application"]["status"] == "admitted"
    assert data["application"]["consent_given_at"]
    assert data["feedback"][0]["message"] == "Le son coupe"
    assert data["feedback"][0]["replies"][0]["text"] == "Merci"


@pytest.mark.django_db
def test_the_export_holds_the_survey_answers(admitted, survey):
    make_answer(survey, admitted, note="Le lecteur 360° est fluide")

    [answer] = account_export(user=admitted)["beta"]["survey_answers"]

    assert answer["survey"] == "Votre avis"
    assert answer["answers"] == {"note": "Le lecteur 360° est fluide"}
    assert answer["answered_at"]


@pytest.mark.django_db
def test_deleting_the_account_erases_the_application_and_anonymises_the_feedback(admitted):
    item = Feedback.objects.create(author=admitted, kind="bug", message="x", user_agent="UA")

    account_delete(user=admitted)

    item.refresh_from_db()
    assert (item.author, item.user_agent) == (None, "")
    assert not VolunteerApplication.objects.exists()


@pytest.mark.django_db
def test_deleting_the_account_deletes_the_survey_answers(admitted, survey, staff):
    make_answer(survey, admitted)
    make_answer(survey, staff, note="Réponse de l’équipe")

    account_delete(user=admitted)

    assert list(SurveySubmission.objects.values_list("form_data__note", flat=True)) == [
        "Réponse de l’équipe"
    ]


def test_the_demo_content_is_loaded_once(demo_site):
    call_command("load_demo_content", "--only", "beta", verbosity=0)
    call_command("load_demo_content", "--only", "beta", verbosity=0)

    application = VolunteerApplication.objects.get(user__email="benevole@example.org")
    assert application.status == "admitted"
    assert application.cohort in Cohort.objects.all()
    assert Cohort.objects.count() == 2
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert {FeedbackStatus.NEW, FeedbackStatus.IN_PROGRESS, FeedbackStatus.DONE} <= statuses
    assert FeedbackReply.objects.exists()
    survey = SurveyPage.objects.get()
    assert survey.live and survey.cohort == application.cohort
    assert survey.form_fields.count() == 2
