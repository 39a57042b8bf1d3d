"""Enrolment: open, on approval, by invitation, capacity and waiting list, withdrawal, emails."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from campus import services
from campus.models import (
    Certificate,
    Cohort,
    CourseFormat,
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


# --- Cohorts -------------------------------------------------------------------------------


def _cohorts(course):
    today = timezone.localdate()
    return {
        "ongoing": Cohort.objects.create(
            course=course, name="Permanente", starts_on=today - timedelta(days=400)
        ),
        "next": Cohort.objects.create(
            course=course,
            name="Printemps",
            starts_on=today + timedelta(days=20),
            ends_on=today + timedelta(days=120),
        ),
        "later": Cohort.objects.create(
            course=course, name="Automne", starts_on=today + timedelta(days=200)
        ),
        "ended": Cohort.objects.create(
            course=course,
            name="Passée",
            starts_on=today - timedelta(days=300),
            ends_on=today - timedelta(days=1),
        ),
    }


def test_a_newcomer_joins_the_next_cohort_rather_than_one_begun_long_ago(course, member):
    cohorts = _cohorts(course)

    enrollment = services.enrollment_request(user=member, course=course)

    assert enrollment.cohort == cohorts["next"]
    assert services.open_cohorts(course) == [cohorts[n] for n in ("next", "later", "ongoing")]


def test_a_student_chooses_an_open_cohort_when_enrolling(client, course, member):
    _set(course, format=CourseFormat.COHORT, starts_on=timezone.localdate())
    cohorts = _cohorts(course)
    client.force_login(member)

    page = client.get(course.url).content.decode()
    client.post(reverse("campus:enroll", args=[course.pk]), {"cohort": cohorts["later"].pk})

    assert '<select name="cohort"' in page
    assert "Passée" not in page.split('<select name="cohort"')[1].split("</select>")[0]
    assert Enrollment.objects.get(user=member).cohort == cohorts["later"]


def test_a_self_paced_course_offers_no_choice_of_cohort(client, course, member):
    _cohorts(course)
    client.force_login(member)

    assert '<select name="cohort"' not in client.get(course.url).content.decode()


def test_an_ended_cohort_cannot_be_chosen(client, course, member):
    _set(course, format=CourseFormat.COHORT, starts_on=timezone.localdate())
    cohorts = _cohorts(course)
    client.force_login(member)

    response = client.post(
        reverse("campus:enroll", args=[course.pk]), {"cohort": cohorts["ended"].pk}, follow=True
    )

    assert not Enrollment.objects.filter(user=member).exists()
    assert "Choisissez une des promotions ouvertes du cours." in response.content.decode()
    with pytest.raises(services.EnrollmentError, match="plus ouverte"):
        services.enrollment_request(user=member, course=course, cohort=cohorts["ended"])


def test_a_request_keeps_the_chosen_cohort_until_it_is_approved(course, member):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    cohorts = _cohorts(course)

    pending = services.enrollment_request(user=member, course=course, cohort=cohorts["later"])
    admitted = services.enrollment_approve(enrollment=pending)

    assert Enrollment.objects.get(pk=admitted.pk).cohort == cohorts["later"]


def test_a_teacher_moves_a_student_to_another_cohort_from_the_roster(
    client, course, course_teacher, member, django_capture_on_commit_callbacks
):
    cohorts = _cohorts(course)
    enrollment = services.enrollment_request(user=member, course=course)
    client.force_login(course_teacher)
    roster = client.get(reverse("campus:roster", args=[course.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("campus:cohort_change", args=[enrollment.pk]),
            {"cohort": cohorts["ongoing"].pk},
        )

    assert f'action="{reverse("campus:cohort_change", args=[enrollment.pk])}"' in roster
    assert Enrollment.objects.get(pk=enrollment.pk).cohort == cohorts["ongoing"]
    assert "Permanente" in _only(mail.outbox, member.email).body


def test_a_student_cannot_be_moved_to_a_cohort_of_another_course(
    client, campus, course, course_teacher, member
):
    enrollment = services.enrollment_request(user=member, course=course)
    other, _lessons = make_course(campus, title="Autre", teachers=[course_teacher])
    foreign = Cohort.objects.create(course=other, name="Ailleurs", starts_on="2026-01-01")
    client.force_login(course_teacher)

    response = client.post(
        reverse("campus:cohort_change", args=[enrollment.pk]), {"cohort": foreign.pk}, follow=True
    )

    assert Enrollment.objects.get(pk=enrollment.pk).cohort is None
    assert "Choisissez une des promotions du cours." in response.content.decode()


def _withdraw(client, course):
    return client.post(reverse("campus:withdraw", args=[course.pk]), follow=True)


def _last_message(response):
    return [str(message) for message in response.context["messages"]][-1]


def test_a_student_cancels_their_pending_request_without_an_email(
    client, course, member, django_capture_on_commit_callbacks
):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    services.enrollment_request(user=member, course=course)
    client.force_login(member)
    mail.outbox.clear()
    page = client.get(course.url).content.decode()
    assert reverse("campus:withdraw", args=[course.pk]) in page
    assert "Annuler ma demande" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, course)

    assert Enrollment.objects.get(user=member).status == EnrollmentStatus.WITHDRAWN
    assert _last_message(response) == "Votre demande d'inscription au cours est annulée."
    assert mail.outbox == []
    assert "Demander à rejoindre le cours" in response.content.decode()


def test_a_teacher_can_no_longer_approve_a_cancelled_request(course, member):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    enrollment = services.enrollment_request(user=member, course=course)
    services.enrollment_withdraw(enrollment=enrollment)

    with pytest.raises(services.EnrollmentError, match="déjà reçu une réponse"):
        services.enrollment_approve(enrollment=enrollment)


def test_a_student_leaves_the_waiting_list_without_an_email_or_freeing_a_place(
    client, course, member, django_capture_on_commit_callbacks
):
    _set(course, capacity=1)
    holder, later = UserFactory(), UserFactory()
    services.enrollment_request(user=holder, course=course)
    services.enrollment_request(user=member, course=course)
    services.enrollment_request(user=later, course=course)
    client.force_login(member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, course)

    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses == {holder.pk: "active", member.pk: "withdrawn", later.pk: "waitlisted"}
    assert _last_message(response) == "Vous avez quitté la liste d'attente."
    assert mail.outbox == []


def test_leaving_an_active_course_still_confirms_by_email(
    client, course, member, django_capture_on_commit_callbacks
):
    services.enrollment_request(user=member, course=course)
    client.force_login(member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, course)

    assert _last_message(response) == "Vous avez quitté le cours. Votre progression est conservée."
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_withdrawing_a_declined_request_changes_nothing(course, member):
    _set(course, enrollment_policy=EnrollmentPolicy.APPROVAL)
    enrollment = services.enrollment_request(user=member, course=course)
    services.enrollment_decline(enrollment=enrollment)

    services.enrollment_withdraw(enrollment=enrollment)

    assert Enrollment.objects.get(user=member).status == EnrollmentStatus.DECLINED
