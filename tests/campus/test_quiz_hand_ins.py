"""Quiz hand-ins sent twice (a double click, two tabs): graded once, within the limit."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

from campus import grading, services
from campus.models import QuizAttempt
from tests.campus.samples import RIGHT_ANSWERS

WRONG = {"q-single": ["1"]}


def _quiz_url(course_setup):
    return reverse("campus:quiz_submit", args=[course_setup["lessons"][1].pk, "quiz-1"])


def _submit(course_setup, student, number, answers=WRONG):
    return services.quiz_submit(
        user=student,
        lesson=course_setup["lessons"][1],
        course=course_setup["course"],
        block_id="quiz-1",
        answers=answers,
        number=number,
    )


def _at_once(*calls):
    """Run `calls` in threads released together; return what each returned or raised.

    Grading is slowed down meanwhile, so the second hand-in arrives while the first is
    still being graded.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)
    real_grade = grading.grade

    def slow_grade(quiz, answers):
        threading.Event().wait(0.3)
        return real_grade(quiz, answers)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 — the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    with mock.patch("campus.services.grading.grade", side_effect=slow_grade):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return outcomes


# Committed transactions, so that each thread sees the course; the demo site gives a site
# root to a database that an earlier transactional test emptied.
@pytest.mark.django_db(transaction=True)
def test_the_same_attempt_handed_in_twice_at_once_counts_once(demo_site, course_setup, student):
    outcomes = _at_once(*[lambda: _submit(course_setup, student, 1)] * 2)

    [attempt] = QuizAttempt.objects.filter(user=student)
    assert attempt.number == 1
    [graded] = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    [repeated] = [outcome for outcome in outcomes if not isinstance(outcome, tuple)]
    assert graded[0].pk == attempt.pk
    assert isinstance(repeated, services.QuizAlreadyHandedIn), repeated
    assert repeated.attempt.pk == attempt.pk
    assert repeated.result.score == attempt.score == 0


@pytest.mark.django_db(transaction=True)
def test_hand_ins_sent_at_once_never_exceed_the_attempts_limit(demo_site, course_setup, student):
    _submit(course_setup, student, 1)
    _submit(course_setup, student, 2)

    outcomes = _at_once(*[lambda: _submit(course_setup, student, None)] * 2)

    assert QuizAttempt.objects.filter(user=student).count() == 3  # the quiz allows 3
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert [type(error) for error in refused] == [services.QuizError], refused
    assert str(refused[0]) == "Vous avez utilisé toutes vos tentatives pour ce quiz."


@pytest.mark.django_db(transaction=True)
def test_without_row_locks_the_attempt_number_still_decides(demo_site, course_setup, student):
    """As on SQLite, which has no row locks: the unique attempt number refuses the second."""
    with mock.patch("campus.services._lock_student"):
        outcomes = _at_once(*[lambda: _submit(course_setup, student, 1)] * 2)

    [attempt] = QuizAttempt.objects.filter(user=student)
    repeated = [outcome for outcome in outcomes if not isinstance(outcome, tuple)]
    assert [type(error) for error in repeated] == [services.QuizAlreadyHandedIn], repeated
    assert repeated[0].attempt.pk == attempt.pk


@pytest.mark.django_db
def test_a_second_hand_in_of_a_graded_attempt_shows_its_result(client, course_setup, student):
    client.force_login(student)
    client.post(_quiz_url(course_setup), {**RIGHT_ANSWERS, "attempt": "1"})

    response = client.post(
        _quiz_url(course_setup), {"q-q-single": "1", "attempt": "1"}, follow=True
    )

    assert response.status_code == 200
    [attempt] = QuizAttempt.objects.filter(user=student)
    assert (attempt.number, attempt.score) == (1, 100)
    *_earlier, message = [str(message) for message in response.context["messages"]]
    assert message == ("Cette tentative a déjà été remise ; en voici le résultat : 100 %, réussie.")


@pytest.mark.django_db
def test_a_repeated_last_attempt_shows_its_result_not_the_limit(client, course_setup, student):
    client.force_login(student)
    for number in ("1", "2", "3"):
        client.post(_quiz_url(course_setup), {"q-q-single": "1", "attempt": number})

    response = client.post(_quiz_url(course_setup), {**RIGHT_ANSWERS, "attempt": "3"}, follow=True)

    assert QuizAttempt.objects.filter(user=student).count() == 3
    *_earlier, message = [str(message) for message in response.context["messages"]]
    assert message.startswith("Cette tentative a déjà été remise")
    assert "pas encore réussie" in message


@pytest.mark.django_db
def test_the_quiz_form_hands_in_the_next_attempt_number(client, course_setup, student):
    lesson = course_setup["lessons"][1]
    client.force_login(student)

    before = client.get(lesson.url).content.decode()
    client.post(_quiz_url(course_setup), {"q-q-single": "1", "attempt": "1"})
    after = client.get(lesson.url).content.decode()

    assert '<input type="hidden" name="attempt" value="1">' in before
    assert '<input type="hidden" name="attempt" value="2">' in after


@pytest.mark.django_db
def test_attempts_are_numbered_in_order(course_setup, student):
    numbers = [_submit(course_setup, student, None)[0].number for _attempt in range(3)]

    assert numbers == [1, 2, 3]
    with pytest.raises(services.QuizError):
        _submit(course_setup, student, None)


@pytest.mark.django_db
def test_the_data_export_numbers_the_attempts(course_setup, student):
    from campus import personal_data

    _submit(course_setup, student, None)
    _submit(course_setup, student, None, answers={"q-single": ["0"]})

    exported = personal_data.export(student)["quiz_attempts"]
    assert [(row["number"], row["score"]) for row in exported] == [(1, 0), (2, 25)]
