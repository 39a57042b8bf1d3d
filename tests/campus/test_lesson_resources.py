"""Lessons embed resources of the Learning Hub as cards that link to them."""

import pytest

from tests.campus.conftest import enroll, make_course
from tests.learning_hub import conftest as hub_fixtures

# The hub's fixtures: a hub home under the site and a factory of resources.
site_home = hub_fixtures.site_home
hub = hub_fixtures.hub
make_resource = hub_fixtures.make_resource

pytestmark = pytest.mark.django_db


def test_a_lesson_shows_a_hub_resource_as_a_card_linking_to_it(
    client,
    make_resource,
    campus,
    member,
):
    resource = make_resource(title="Gammes en tierces", licence="cc-by-sa")
    course, lessons = make_course(campus, lessons=1)
    lesson = lessons[0]
    lesson.body = [
        {"type": "resource", "value": {"resource": resource.pk, "note": "Lentement."}},
    ]
    lesson.save_revision().publish()
    enroll(member, course)
    client.force_login(member)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert "Gammes en tierces" in response.text
    assert f'href="{resource.url}"' in response.text
    assert "Lentement." in response.text


def test_an_unpublished_resource_is_left_out_of_the_lesson(
    client,
    make_resource,
    campus,
    member,
):
    resource = make_resource(title="Brouillon caché")
    resource.unpublish()
    course, lessons = make_course(campus, lessons=1)
    lesson = lessons[0]
    lesson.body = [{"type": "resource", "value": {"resource": resource.pk, "note": ""}}]
    lesson.save_revision().publish()
    enroll(member, course)
    client.force_login(member)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert "Brouillon caché" not in response.text
