"""Progress: completion by hand, by quiz, by watching; forged claims refused; time traces."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from campus import services, watching
from campus.models import Certificate, LessonProgress, QuizAttempt, TimeTrace
from tests.campus.samples import RIGHT_ANSWERS

pytestmark = pytest.mark.django_db


def _done(user, lesson):
    progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    return bool(progress and progress.completed_at)


def _quiz_url(course_setup):
    return reverse("campus:quiz_submit", args=[course_setup["lessons"][1].pk, "quiz-1"])


def test_a_text_lesson_is_completed_with_the_button(client, course_setup, student):
    lesson = course_setup["lessons"][0]
    client.force_login(student)

    client.post(reverse("campus:complete", args=[lesson.pk]))

    assert _done(student, lesson)


def test_a_forged_completion_of_a_quiz_lesson_is_refused(client, course_setup, student):
    lesson = course_setup["lessons"][1]
    client.force_login(student)

    response = client.post(reverse("campus:complete", args=[lesson.pk]))

    assert response.status_code == 400
    assert not _done(student, lesson)


def test_a_forged_completion_of_a_recording_lesson_is_refused(client, course_setup, student):
    lesson = course_setup["lessons"][2]
    client.force_login(student)

    assert client.post(reverse("campus:complete", args=[lesson.pk])).status_code == 400
    assert not _done(student, lesson)


def test_someone_not_enrolled_cannot_record_progress(client, course_setup, member):
    lesson = course_setup["lessons"][0]  # a free preview: readable, but not theirs to complete
    client.force_login(member)

    assert client.post(reverse("campus:complete", args=[lesson.pk])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_passing_the_quiz_completes_the_lesson(client, course_setup, student):
    client.force_login(student)

    response = client.post(_quiz_url(course_setup), RIGHT_ANSWERS, follow=True)

    assert _done(student, course_setup["lessons"][1])
    attempt = QuizAttempt.objects.get(user=student)
    assert (attempt.score, attempt.passed) == (100, True)
    assert "100" in response.content.decode()


def test_a_forged_quiz_pass_is_refused(client, course_setup, student):
    client.force_login(student)

    client.post(
        _quiz_url(course_setup),
        {"q-q-single": "1", "passed": "true", "score": "100", "q-q-tf": "false"},
    )

    attempt = QuizAttempt.objects.get(user=student)
    assert (attempt.score, attempt.passed) == (0, False)
    assert not _done(student, course_setup["lessons"][1])


def test_the_attempts_limit_is_enforced(client, course_setup, student):
    client.force_login(student)
    for _attempt in range(3):
        client.post(_quiz_url(course_setup), {"q-q-single": "1"})

    response = client.post(_quiz_url(course_setup), RIGHT_ANSWERS, follow=True)

    assert QuizAttempt.objects.filter(user=student).count() == 3
    assert not _done(student, course_setup["lessons"][1])
    assert "attempt" in response.content.decode() or "tentative" in response.content.decode()


def test_the_lesson_shows_the_feedback_of_the_last_attempt(client, course_setup, student):
    client.force_login(student)

    response = client.post(_quiz_url(course_setup), {"q-q-single": "1"}, follow=True)

    assert "Non, écoutez encore." in response.content.decode()


def _report(client, course_setup, position):
    lesson, recording = course_setup["lessons"][2], course_setup["recording"]
    return client.post(
        reverse("campus:recording_progress", args=[lesson.pk, recording.uuid]),
        json.dumps({"position": position, "watched_ratio": 1}),
        content_type="application/json",
    )


class Clock:
    """Stand in for timezone.now() in campus.services, moved by hand."""

    def __init__(self):
        self.now = timezone.now()

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    clock = Clock()
    with mock.patch("campus.services.timezone.now", side_effect=lambda: clock.now):
        yield clock


def test_a_single_claim_of_watching_everything_is_refused(client, course_setup, student, clock):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)

    clock.advance(1)
    state = _report(client, course_setup, 10).json()

    assert state["completed"] is False
    assert state["watched"] == 0
    assert not _done(student, course_setup["lessons"][2])


def test_watching_90_percent_in_real_time_completes_the_lesson(
    client, course_setup, student, clock
):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)
    states = []
    for position in (3, 6, 9.2):
        clock.advance(3)
        states.append(_report(client, course_setup, position).json())

    assert [s["completed"] for s in states] == [False, False, True]
    assert _done(student, course_setup["lessons"][2])


def test_seeking_ahead_credits_nothing(client, course_setup, student, clock):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)
    clock.advance(2)
    _report(client, course_setup, 2)
    clock.advance(2)
    state = _report(client, course_setup, 9.5).json()

    assert state["watched"] == 2
    assert not state["completed"]


def test_leaving_the_lesson_open_then_skipping_ahead_credits_nothing(
    client, course_setup, student, clock
):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)

    clock.advance(600)  # ten minutes with the page open, then a jump to the end
    state = _report(client, course_setup, 9.5).json()

    assert state["watched"] == 0
    assert not _done(student, course_setup["lessons"][2])


def test_a_long_pause_then_a_skip_credits_only_what_was_played(
    client, course_setup, student, clock
):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)
    clock.advance(2)
    _report(client, course_setup, 2)

    clock.advance(600)  # paused (or the report forged) ten minutes later
    state = _report(client, course_setup, 9.5).json()

    assert state["watched"] == 2
    assert not state["completed"]


def test_playback_reported_at_the_player_interval_is_credited(client, course_setup, student, clock):
    client.force_login(student)
    client.get(course_setup["lessons"][2].url)
    clock.advance(watching.REPORT_INTERVAL)

    state = _report(client, course_setup, 9.5).json()

    assert state["watched"] == 9.5
    assert state["completed"]


def test_a_new_visit_starts_the_player_again_from_the_beginning(
    client, course_setup, student, clock
):
    client.force_login(student)
    lesson = course_setup["lessons"][2]
    client.get(lesson.url)
    clock.advance(1)
    _report(client, course_setup, 5)  # a seek to 5 s: nothing credited
    clock.advance(3)
    assert _report(client, course_setup, 8).json()["watched"] == 3

    clock.advance(3600)
    client.get(lesson.url)  # the next day, a new player starts at 0
    clock.advance(3)
    state = _report(client, course_setup, 3).json()

    assert state["watched"] == 6


@pytest.mark.parametrize(
    ("gap", "credited"),
    [(watching.MAX_GAP, True), (watching.MAX_GAP + 1, False)],
)
def test_only_reports_close_in_time_make_continuous_playback(gap, credited):
    previous = watching.Report(position=100, at=1000)
    current = watching.Report(position=100 + gap, at=1000 + gap)

    assert (watching.credit(previous, current) is not None) is credited


def test_a_report_for_a_recording_not_in_the_lesson_is_refused(client, course_setup, student):
    client.force_login(student)
    lesson = course_setup["lessons"][0]

    response = client.post(
        reverse("campus:recording_progress", args=[lesson.pk, course_setup["recording"].uuid]),
        json.dumps({"position": 5}),
        content_type="application/json",
    )

    assert response.status_code == 400


def test_a_report_without_a_position_says_what_is_missing(client, course_setup, student):
    client.force_login(student)
    lesson, recording = course_setup["lessons"][2], course_setup["recording"]

    response = client.post(
        reverse("campus:recording_progress", args=[lesson.pk, recording.uuid]),
        "not json",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "position" in response.json()["error"]


def test_pings_trace_time_capped_and_split_after_an_absence(client, course_setup, student, clock):
    lesson = course_setup["lessons"][0]
    client.force_login(student)
    url = reverse("campus:ping", args=[lesson.pk])
    client.post(url)
    clock.advance(30)
    client.post(url)
    clock.advance(30)
    client.post(url)
    clock.advance(3600)  # the tab was hidden: no pings; the next one starts a new trace
    client.post(url)

    traces = list(TimeTrace.objects.filter(user=student).values_list("seconds", flat=True))
    assert traces == [60, 0]
    assert LessonProgress.objects.get(user=student, lesson=lesson).seconds_spent == 60


def test_pings_from_someone_not_enrolled_are_refused(client, course_setup, member):
    client.force_login(member)

    response = client.post(reverse("campus:ping", args=[course_setup["lessons"][0].pk]))

    assert response.status_code == 403


def test_completing_every_lesson_issues_a_certificate_with_traces(course_setup, student):
    course = course_setup["course"]
    services.time_ping(user=student, lesson=course_setup["lessons"][0], course=course)
    for lesson in course_setup["lessons"]:
        services.lesson_complete(user=student, lesson=lesson, course=course, reason="explicit")

    certificate = Certificate.objects.get(user=student, course=course)
    assert certificate.lessons_completed == 3
    assert len(certificate.code) == 14


def test_the_course_page_shows_progress_and_where_to_continue(client, course_setup, student):
    lessons = course_setup["lessons"]
    course = course_setup["course"]
    services.lesson_complete(user=student, lesson=lessons[0], course=course, reason="explicit")
    client.force_login(student)

    response = client.get(course.url)

    assert response.context["plan"].percent == 33
    assert response.context["continue_lesson"].page.pk == lessons[1].pk
    assert lessons[1].title in response.content.decode()


def test_too_many_pings_are_answered_with_a_clear_429(client, course_setup, student):
    client.force_login(student)
    url = reverse("campus:ping", args=[course_setup["lessons"][0].pk])
    statuses = [client.post(url).status_code for _ping in range(7)]

    assert statuses == [200] * 6 + [429]
    assert client.post(url).json()["error"]
