"""Redis stopped: a student still reads lessons and their time is still traced."""

import pytest
from django.urls import reverse

from campus.models import TimeTrace
from tests.outages import cache_down

pytestmark = pytest.mark.django_db


def test_a_student_reads_a_lesson_while_the_cache_is_down(client, course_setup, student):
    lesson = course_setup["lessons"][0]
    client.force_login(student)

    with cache_down():
        response = client.get(lesson.url)

    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_rate_limited_actions_go_through_while_their_counter_is_down(client, course_setup, student):
    # The limits count in the cache: without it they let requests through rather than
    # refuse them all as "too many" (RATELIMIT_FAIL_OPEN, docs/reliability.md).
    lesson = course_setup["lessons"][0]
    client.force_login(student)

    with cache_down():
        response = client.post(reverse("campus:ping", args=[lesson.pk]))

    assert response.status_code == 200, response.content
    assert TimeTrace.objects.filter(user=student, lesson=lesson).exists()
