"""Applying to the test phase, consent, review in the admin, withdrawal."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.roles import Role
from core.models import Instrument
from feedback.models import (
    ApplicationStatus,
    ConsentWithdrawal,
    Feedback,
    FeedbackKind,
    SurveySubmission,
    VolunteerApplication,
)
from tests.factories import UserFactory

from .conftest import make_answer, make_application

pytestmark = pytest.mark.django_db

APPLY = {
    "profile": "teacher",
    "institution": "Conservatoire de Nantes",
    "devices": ["computer", "headset"],
    "availability": "Le lundi soir",
    "consent": "on",
}


def _groups(user):
    return set(user.groups.values_list("name", flat=True))


def test_a_visitor_is_invited_to_create_an_account_before_applying(client):
    response = client.get(reverse("feedback:apply"))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_signup") in html
    assert 'name="consent"' not in html


def test_a_member_applies_and_the_date_of_their_consent_is_recorded(
    client, member, django_capture_on_commit_callbacks
):
    violin = Instrument.objects.create(name_fr="Violon", name_en="Violin", slug="violon")
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:apply"), {**APPLY, "instruments": [violin.pk]})

    assert response.status_code == 302
    application = VolunteerApplication.objects.get(user=member)
    assert application.status == ApplicationStatus.PENDING
    assert application.consent_given_at is not None
    assert application.devices == ["computer", "headset"]
    assert list(application.instruments.all()) == [violin]
    assert Role.BETA_VOLUNTEERS not in _groups(member)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_an_application_without_consent_is_refused_with_a_message(client, member):
    client.force_login(member)

    response = client.post(reverse("feedback:apply"), {**APPLY, "consent": ""})

    assert response.status_code == 400
    assert "nous avons besoin de votre consentement" in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_an_application_with_an_unknown_profile_is_refused(client, member):
    client.force_login(member)

    response = client.post(reverse("feedback:apply"), {**APPLY, "profile": "robot"})

    assert response.status_code == 400
    assert not VolunteerApplication.objects.exists()


def test_the_member_reads_their_application_and_consent_date(client, applicant):
    client.force_login(applicant)

    response = client.get(reverse("feedback:application"))

    html = response.content.decode()
    assert "En attente d’examen" in html
    assert "Consentement donné le" in html
    assert reverse("feedback:withdraw") in html


def test_withdrawing_consent_deletes_the_application_and_anonymises_the_feedback(client, admitted):
    item = Feedback.objects.create(
        author=admitted, kind=FeedbackKind.BUG, message="Le son coupe", user_agent="Firefox"
    )
    item.screenshot.save("shot.png", ContentFile(b"png"), save=True)
    screenshot = item.screenshot.name
    client.force_login(admitted)

    response = client.post(reverse("feedback:withdraw"))

    assert response.status_code == 302
    assert not VolunteerApplication.objects.filter(user=admitted).exists()
    assert Role.BETA_VOLUNTEERS not in _groups(admitted)
    item.refresh_from_db()
    assert (item.author, item.user_agent, item.screenshot.name) == (None, "", "")
    assert item.message == "Le son coupe"  # the team keeps what was said, without who said it
    assert not default_storage.exists(screenshot)


def test_updating_the_application_keeps_the_date_of_the_first_consent(client, applicant):
    application = applicant.volunteer_application
    first_consent = application.consent_given_at
    client.force_login(applicant)

    response = client.post(reverse("feedback:apply"), {**APPLY, "institution": "CNSM de Lyon"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.institution == "CNSM de Lyon"
    assert application.consent_given_at == first_consent
    assert application.answers_updated_at > first_consent
    html = client.get(reverse("feedback:application")).content.decode()
    assert "Réponses mises à jour le" in html


def test_withdrawing_deletes_the_survey_answers_and_keeps_only_the_date_and_stage(
    client, admitted, survey, staff
):
    make_answer(survey, admitted)
    client.force_login(admitted)

    client.post(reverse("feedback:withdraw"))

    assert not SurveySubmission.objects.exists()
    withdrawal = ConsentWithdrawal.objects.get()
    assert withdrawal.status == ApplicationStatus.ADMITTED
    assert withdrawal.withdrawn_at is not None
    kept = {field.name for field in ConsentWithdrawal._meta.get_fields()}
    assert kept == {"id", "withdrawn_at", "status"}  # nothing that leads back to the person
    client.force_login(staff)
    summary = client.get("/admin/beta/summary/").content.decode()
    assert "1 bénévole ou candidat a retiré son consentement." in summary


def test_withdrawing_without_an_application_records_no_withdrawal(client, member):
    client.force_login(member)

    client.post(reverse("feedback:withdraw"))

    assert not ConsentWithdrawal.objects.exists()


def test_withdrawal_needs_a_post(client, admitted):
    client.force_login(admitted)

    assert client.get(reverse("feedback:withdraw")).status_code == 405
    assert VolunteerApplication.objects.filter(user=admitted).exists()


def _edit_url(application):
    return reverse("beta_applications:edit", args=[application.pk])


def test_staff_admit_an_applicant_into_a_cohort_and_an_invitation_is_sent(
    client, staff, applicant, cohort, django_capture_on_commit_callbacks
):
    application = applicant.volunteer_application
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(application), {"status": "admitted", "cohort": cohort.pk})

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.cohort, application.reviewed_by) == (
        ApplicationStatus.ADMITTED,
        cohort,
        staff,
    )
    assert application.invited_at is not None
    assert Role.BETA_VOLUNTEERS in _groups(applicant)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert "Cohorte 1" in mail.outbox[0].body
    assert "http://testserver/accounts/login/?next=%2Fbeta%2Fmy-application%2F" in (
        mail.outbox[0].body
    )


def test_the_waiting_list_keeps_the_application_without_admitting(
    client, staff, applicant, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _edit_url(applicant.volunteer_application), {"status": "waiting_list", "cohort": ""}
        )

    assert VolunteerApplication.objects.get(user=applicant).status == ApplicationStatus.WAITING_LIST
    assert Role.BETA_VOLUNTEERS not in _groups(applicant)
    assert mail.outbox == []


def test_leaving_the_admitted_state_removes_the_group(client, staff, admitted):
    client.force_login(staff)

    client.post(_edit_url(admitted.volunteer_application), {"status": "declined", "cohort": ""})

    assert Role.BETA_VOLUNTEERS not in _groups(admitted)


def test_staff_export_the_applications_as_csv(client, staff, applicant, admitted):
    client.force_login(staff)

    response = client.get(reverse("beta_applications:index") + "?export=csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows[0]) == 12  # the headings
    assert {row[0] for row in rows[1:]} == {applicant.email, admitted.email}


def test_the_application_list_filters_the_waiting_list(client, staff, applicant, member):
    make_application(member, status=ApplicationStatus.WAITING_LIST)
    client.force_login(staff)

    response = client.get(reverse("beta_applications:index") + "?status=waiting_list")

    html = response.content.decode()
    assert member.public_name in html
    assert applicant.public_name not in html


@pytest.mark.parametrize("who", ["teacher", "moderator", "admitted"])
def test_only_staff_review_applications(
    client, request, who, applicant, cohort, django_capture_on_commit_callbacks
):
    application = applicant.volunteer_application
    client.force_login(request.getfixturevalue(who))

    listing = client.get(reverse("beta_applications:index"))
    edit = client.get(_edit_url(application))
    with django_capture_on_commit_callbacks(execute=True):
        review = client.post(_edit_url(application), {"status": "admitted", "cohort": cohort.pk})

    assert listing.status_code in (302, 403)
    assert edit.status_code in (302, 403)
    assert review.status_code in (302, 403)
    application.refresh_from_db()
    assert (application.status, application.cohort, application.reviewed_by) == (
        ApplicationStatus.PENDING,
        None,
        None,
    )
    assert Role.BETA_VOLUNTEERS not in _groups(applicant)
    assert mail.outbox == []


def test_admitting_without_a_cohort_is_refused_with_a_message(
    client, staff, applicant, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _edit_url(applicant.volunteer_application), {"status": "admitted", "cohort": ""}
        )

    assert response.status_code == 200
    assert "Choisissez la cohorte dans laquelle admettre" in response.content.decode()
    assert VolunteerApplication.objects.get(user=applicant).status == ApplicationStatus.PENDING
    assert Role.BETA_VOLUNTEERS not in _groups(applicant)
    assert mail.outbox == []


def test_the_service_refuses_an_admission_without_a_cohort(staff, applicant):
    from feedback import services

    with pytest.raises(ValueError, match="choose one"):
        services.review_application(
            application=applicant.volunteer_application,
            status=ApplicationStatus.ADMITTED,
            cohort=None,
            user=staff,
        )


def _resend_url(application):
    return reverse("beta_applications:resend_invitation", args=[application.pk])


def test_staff_resend_the_invitation_of_an_admitted_volunteer(
    client, staff, admitted, applicant, django_capture_on_commit_callbacks
):
    application = admitted.volunteer_application
    client.force_login(staff)

    listing = client.get(reverse("beta_applications:index")).content.decode()
    edit = client.get(_edit_url(application)).content.decode()
    confirm = client.get(_resend_url(application))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(application))

    assert listing.count(_resend_url(application)) == 1
    assert _resend_url(applicant.volunteer_application) not in listing  # not admitted
    assert _resend_url(application) in edit
    assert confirm.status_code == 200
    assert admitted.email in confirm.content.decode()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[admitted.email]]
    assert "Cohorte 1" in mail.outbox[0].body
    application.refresh_from_db()
    assert application.invited_at is not None
    assert application.status == ApplicationStatus.ADMITTED


def test_an_invitation_is_not_resent_to_someone_not_admitted(
    client, staff, applicant, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_resend_url(applicant.volunteer_application), follow=True)

    assert "n’est pas admis" in response.content.decode()
    assert mail.outbox == []
    assert VolunteerApplication.objects.get(user=applicant).invited_at is None


def _bulk_admit_url(*applications):
    ids = "&".join(f"id={application.pk}" for application in applications)
    url = reverse("wagtail_bulk_action", args=["feedback", "volunteerapplication", "admit"])
    return f"{url}?{ids}&next=/admin/beta/applications/"


def test_staff_admit_the_selected_applications_into_a_cohort_at_once(
    client, staff, applicant, member, cohort, django_capture_on_commit_callbacks
):
    make_application(member, status=ApplicationStatus.WAITING_LIST)
    left_out = make_application(UserFactory())
    selected = [applicant.volunteer_application, member.volunteer_application]
    client.force_login(staff)

    listing = client.get(reverse("beta_applications:index")).content.decode()
    confirm = client.get(_bulk_admit_url(*selected))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_bulk_admit_url(*selected), {"cohort": cohort.pk})

    assert "data-bulk-action-checkbox" in listing
    assert "Admettre dans une cohorte" in listing
    assert confirm.status_code == 200
    assert applicant.public_name in confirm.content.decode()
    assert response.status_code == 302
    for application in selected:
        application.refresh_from_db()
        assert (application.status, application.cohort) == (ApplicationStatus.ADMITTED, cohort)
        assert Role.BETA_VOLUNTEERS in _groups(application.user)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([applicant.email, member.email])
    left_out.refresh_from_db()
    assert left_out.status == ApplicationStatus.PENDING


def test_the_bulk_admission_needs_a_cohort(client, staff, applicant):
    client.force_login(staff)

    response = client.post(_bulk_admit_url(applicant.volunteer_application), {"cohort": ""})

    assert response.status_code == 200
    assert (
        "Choisissez la cohorte dans laquelle admettre ces bénévoles." in response.content.decode()
    )
    assert VolunteerApplication.objects.get(user=applicant).status == ApplicationStatus.PENDING


@pytest.mark.parametrize("who", ["teacher", "moderator", "admitted"])
def test_only_staff_resend_invitations_and_admit_in_bulk(
    client, request, who, applicant, cohort, django_capture_on_commit_callbacks
):
    application = applicant.volunteer_application
    client.force_login(request.getfixturevalue(who))

    with django_capture_on_commit_callbacks(execute=True):
        bulk = client.post(_bulk_admit_url(application), {"cohort": cohort.pk})
        resend = client.post(_resend_url(application))

    assert bulk.status_code in (302, 403)
    assert resend.status_code in (302, 403)
    assert VolunteerApplication.objects.get(pk=application.pk).status == ApplicationStatus.PENDING
    assert mail.outbox == []
