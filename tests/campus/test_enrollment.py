"""Enrolment: open, on approval, by invitation, capacity and waiting list, withdrawal, emails."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from campus import services
from campus.models import (
    Certificate,
    Cohort,
    Enrollment,
    EnrollmentPolicy,
    EnrollmentStatus,
    Invitation,
)
from tests.campus.conftest import enroll, make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(campus, course_teacher):
    course, _lessons = make_course(campus, teachers=[course_teacher])
    return course


def _set(course, **fields):
    for name, value in fields.items():
        setattr(course, name, value)
    course.save()
    return course


def test_an_open_course_enrols_at_once_in_the_current_cohort(
    course, member, django_capture_on_commit_callbacks
):
    Cohort.objects.create(course=course, name="Automne", starts_on="2026-09-01")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.enrollment_request(user=member, course=course)

    assert enrollment.status == EnrollmentStatus.ACTIVE
    assert enrollment.cohort.name == "Automne"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert course.title in mail.outbox[0].subject


def test_an_approval_course_waits_for_a_teacher_who_is_told(
    course, member, course_teacher, django_capture_on_commit_callbacks
):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.enrollment_request(user=member, course=course)
        assert enrollment.status == EnrollmentStatus.PENDING
        services.enrollment_approve(enrollment=enrollment)

    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.ACTIVE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member.email, course_teacher.email, member.email]
    )


def test_a_declined_request_is_told_and_may_ask_again(
    course, member, django_capture_on_commit_callbacks
):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    enrollment = services.enrollment_request(user=member, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_decline(enrollment=enrollment)
    assert len(mail.outbox) == 1

    again = services.enrollment_request(user=member, course=course)

    assert again.pk == enrollment.pk
    assert again.status == EnrollmentStatus.PENDING


def test_an_invitation_only_course_refuses_self_enrolment(course, member):
    _set(course, enrollment_policy=EnrollmentPolicy.INVITATION)

    with pytest.raises(services.EnrollmentError, match="invitation"):
        services.enrollment_request(user=member, course=course)


def test_an_invitation_link_enrols_the_invited_address_only(
    course, course_teacher, django_capture_on_commit_callbacks
):
    _set(course, enrollment_policy=EnrollmentPolicy.INVITATION)
    invited = UserFactory(email="invitee@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            course=course, email="Invitee@example.org", invited_by=course_teacher
        )
    assert invitation.get_absolute_url() in mail.outbox[0].body

    with pytest.raises(services.EnrollmentError, match="autre adresse"):
        services.invitation_accept(invitation=invitation, user=UserFactory())
    enrollment = services.invitation_accept(invitation=invitation, user=invited)

    assert enrollment.status == EnrollmentStatus.ACTIVE
    with pytest.raises(services.EnrollmentError, match="déjà été utilisée"):
        services.invitation_accept(invitation=invitation, user=invited)


def test_a_full_course_waitlists_and_promotes_when_a_place_frees(
    course, django_capture_on_commit_callbacks
):
    _set(course, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    taken = services.enrollment_request(user=first, course=course)
    waiting = services.enrollment_request(user=second, course=course)
    later = services.enrollment_request(user=third, course=course)
    assert [taken.status, waiting.status, later.status] == ["active", "waitlisted", "waitlisted"]

    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_withdraw(enrollment=taken)

    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "withdrawn", second.pk: "active", third.pk: "waitlisted"}
    assert {m.to[0] for m in mail.outbox} == {first.email, second.email}


def test_enrolling_twice_keeps_one_enrollment(course, member):
    services.enrollment_request(user=member, course=course)
    services.enrollment_request(user=member, course=course)

    assert Enrollment.objects.filter(user=member).count() == 1


def test_the_enrol_button_works_without_javascript(client, course, member):
    client.force_login(member)

    response = client.post(reverse("campus:enroll", args=[course.pk]), follow=True)

    assert response.redirect_chain[-1][0] == course.url
    assert Enrollment.objects.get(user=member).status == EnrollmentStatus.ACTIVE
    assert "campus:withdraw" not in response.content.decode()


def test_a_teacher_invites_several_addresses_and_bad_ones_are_named(client, course, course_teacher):
    client.force_login(course_teacher)
    url = reverse("campus:invite", args=[course.pk])

    bad = client.post(url, {"emails": "a@example.org\nnot-an-address"})
    assert bad.status_code == 200
    assert "not-an-address" in bad.content.decode()
    assert not Invitation.objects.exists()

    client.post(url, {"emails": "a@example.org\nb@example.org, a@example.org"})
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]


def test_a_teacher_approves_from_the_roster(client, course, course_teacher, member):
    pending = enroll(member, course, status=EnrollmentStatus.PENDING)
    client.force_login(course_teacher)

    client.post(reverse("campus:approve", args=[pending.pk]))

    assert Enrollment.objects.get(pk=pending.pk).status == EnrollmentStatus.ACTIVE


def test_raising_the_capacity_admits_the_waiting_list_in_order(
    course, django_capture_on_commit_callbacks
):
    _set(course, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for user in (first, second, third):
        services.enrollment_request(user=user, course=course)
    mail.outbox.clear()

    course.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()  # what the editor's "Publish" does

    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "active", second.pk: "active", third.pk: "waitlisted"}
    assert [message.to for message in mail.outbox] == [[second.email]]


# --- Emails: absolute links, each in its recipient's language ------------------------------


def _only(outbox, address):
    [message] = [message for message in outbox if message.to == [address]]
    return message


def test_the_certificate_email_has_an_absolute_link_in_the_student_language(
    course, django_capture_on_commit_callbacks
):
    student = UserFactory(preferred_language="en")
    enroll(student, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.lessons():
            services.lesson_complete(user=student, lesson=lesson, course=course, reason="explicit")

    certificate = Certificate.objects.get(user=student)
    message = _only(mail.outbox, student.email)
    assert message.subject == f"[Campus] Your certificate for “{course.title}”"
    assert "Congratulations, you completed the course." in message.body
    assert f"http://testserver/en/campus/certificates/{certificate.code}/" in message.body


def test_a_promotion_on_publish_is_written_to_the_student_with_an_absolute_link(
    course, django_capture_on_commit_callbacks
):
    _set(course, capacity=1)
    first = UserFactory()
    french, english = UserFactory(preferred_language="fr"), UserFactory(preferred_language="en")
    for user in (first, french, english):
        services.enrollment_request(user=user, course=course)
    mail.outbox.clear()

    course.capacity = 3
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()  # published by an editor who reads English

    to_french, to_english = _only(mail.outbox, french.email), _only(mail.outbox, english.email)
    assert to_french.subject == f"[Campus] Bienvenue dans « {course.title} »"
    assert to_french.body.startswith("Bonjour,")
    assert to_english.subject == f"[Campus] Welcome to “{course.title}”"
    assert to_english.body.startswith("Hello,")
    assert f"\nhttp://testserver{urlparse(course.url).path}\n" in to_french.body


def test_teachers_read_a_request_in_their_own_language(
    course, course_teacher, django_capture_on_commit_callbacks
):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    course_teacher.preferred_language = "fr"
    course_teacher.save()
    student = UserFactory(preferred_language="en", display_name="Łukasz")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.enrollment_request(user=student, course=course)

    to_teacher = _only(mail.outbox, course_teacher.email)
    assert to_teacher.subject == f"[Campus] Un élève demande à rejoindre « {course.title} »"
    assert "Łukasz" in to_teacher.body
    assert _only(mail.outbox, student.email).subject.startswith("[Campus] Your request")


def test_an_invitation_is_written_in_the_language_of_the_account_with_that_address(
    course, course_teacher, django_capture_on_commit_callbacks
):
    UserFactory(email="reader@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        known = services.invitation_send(
            course=course, email="Reader@example.org", invited_by=course_teacher
        )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(course=course, email="new@example.org", invited_by=course_teacher)

    to_known = _only(mail.outbox, "Reader@example.org")
    assert to_known.subject == f"[Campus] You are invited to “{course.title}”"
    assert f"http://testserver/en/campus/invitations/{known.token}/" in to_known.body
    # No account yet: the site's language, whatever the sender's.
    assert _only(mail.outbox, "new@example.org").subject.startswith("[Campus] Vous êtes invité")
