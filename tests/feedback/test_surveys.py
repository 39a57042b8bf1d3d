"""Surveys: built with Wagtail's form builder, answered once by the members of a cohort."""

import csv
import io

import pytest
from django.urls import reverse

from feedback.models import ApplicationStatus, Cohort, SurveySubmission
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
