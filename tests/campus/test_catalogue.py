"""The catalogue's filters: each narrows the list, several together must all hold."""

from datetime import date

import pytest

from core.models import Instrument
from tests.campus.conftest import make_course

pytestmark = pytest.mark.django_db


def _instrument(slug, name):
    instrument, _created = Instrument.objects.get_or_create(
        slug=slug, defaults={"name_fr": name, "name_en": f"{name} (en)"}
    )
    return instrument


@pytest.fixture
def catalogue(campus):
    violin = _instrument("viole-de-gambe-test", "Viole de gambe test")
    piano = _instrument("clavecin-test", "Clavecin test")
    cohort = {"format": "cohort", "starts_on": date(2027, 1, 11)}
    courses = {
        "A": {"discipline": violin, "level": "beginner", "language": "fr"},
        "B": {"discipline": violin, "level": "advanced", "language": "en", **cohort},
        "C": {"discipline": piano, "level": "beginner", "language": "en", **cohort},
        "D": {"discipline": None, "level": "intermediate", "language": "fr"},
    }
    for title, fields in courses.items():
        level = fields.pop("level")
        course, _lessons = make_course(campus, title=f"Cours {title}", lessons=0, **fields)
        if level != course.level:
            course.level = level
            course.save_revision().publish()
    return campus


def _listed(client, catalogue, **filters):
    response = client.get(catalogue.url, filters)
    assert response.status_code == 200
    titles = {course.title for course in response.context["page_obj"].object_list}
    page = response.content.decode()
    assert all(f">{title}</a>" in page for title in titles)
    return {title.removeprefix("Cours ") for title in titles}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"A", "B", "C", "D"}),
        ({"discipline": "viole-de-gambe-test"}, {"A", "B"}),
        ({"discipline": "clavecin-test"}, {"C"}),
        ({"level": "beginner"}, {"A", "C"}),
        ({"level": "intermediate"}, {"D"}),
        ({"language": "en"}, {"B", "C"}),
        ({"language": "fr"}, {"A", "D"}),
        ({"format": "cohort"}, {"B", "C"}),
        ({"format": "self_paced"}, {"A", "D"}),
    ],
)
def test_each_filter_narrows_the_catalogue(client, catalogue, filters, expected):
    assert _listed(client, catalogue, **filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"discipline": "viole-de-gambe-test", "level": "beginner"}, {"A"}),
        ({"discipline": "viole-de-gambe-test", "format": "cohort"}, {"B"}),
        ({"language": "en", "format": "cohort", "level": "beginner"}, {"C"}),
        ({"language": "fr", "format": "self_paced", "level": "intermediate"}, {"D"}),
        ({"discipline": "clavecin-test", "level": "advanced"}, set()),
        ({"language": "fr", "format": "cohort"}, set()),
    ],
)
def test_combined_filters_must_all_hold(client, catalogue, filters, expected):
    assert _listed(client, catalogue, **filters) == expected


def test_unknown_filter_values_are_ignored(client, catalogue):
    assert _listed(client, catalogue, level="expert", format="x", language="de") == {
        "A",
        "B",
        "C",
        "D",
    }


def test_the_form_keeps_the_chosen_filters_and_lists_used_disciplines(client, catalogue):
    response = client.get(catalogue.url, {"level": "advanced", "language": "en"})

    page = response.content.decode()
    assert '<option value="advanced" selected>' in page
    assert '<option value="en" selected>' in page
    assert {d.slug for d in response.context["disciplines"]} == {
        "viole-de-gambe-test",
        "clavecin-test",
    }
    assert "1 cours" in page


def test_no_course_matching_says_so(client, catalogue):
    response = client.get(catalogue.url, {"language": "fr", "format": "cohort"})

    assert response.context["page_obj"].paginator.count == 0
    assert "0 cours" in response.content.decode()
