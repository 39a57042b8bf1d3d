"""Finding resources: text, facets with counts, sort orders, pages, empty results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning_hub.search import RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(make_resource, violin, piano):
    return {
        "scales": make_resource(title="Gammes au piano", resource_type="tutorial",
                                instruments=[piano], level="beginner", licence="cc-by"),
        "minuet": make_resource(title="Menuet annoté", resource_type="score",
                                instruments=[piano], level="intermediate", licence="cc0",
                                summary="Partition de Petzold, doigtés du piano."),
        "bowing": make_resource(title="Le détaché", resource_type="exercise",
                                instruments=[violin], level="beginner", licence="cc-by-sa",
                                language="en", useful_count=0),
        "dance": make_resource(title="Barre au sol", resource_type="lesson-plan",
                               discipline="dance", level="discovery", licence="cc-by"),
    }  # fmt: skip


def _search(client, hub, **params):
    response = client.get(f"{hub.url}search/", params)
    assert response.status_code == 200
    return response.context["outcome"]


def _titles(outcome):
    return [resource.title for resource in outcome.results]


def _counts(outcome, param):
    facet = next(facet for facet in outcome.facets if facet.param == param)
    return {option.value: option.count for option in facet.options}


def test_a_text_query_finds_titles_summaries_and_instruments(client, hub, library):
    assert _titles(_search(client, hub, q="menuet")) == ["Menuet annoté"]
    assert sorted(_titles(_search(client, hub, q="piano"))) == ["Gammes au piano", "Menuet annoté"]
    assert _titles(_search(client, hub, q="violon")) == ["Le détaché"]


def test_facets_count_the_matching_resources(client, hub, library):
    outcome = _search(client, hub)

    assert outcome.count == 4
    assert _counts(outcome, "type") == {"tutorial": 1, "score": 1, "exercise": 1, "lesson-plan": 1}
    assert _counts(outcome, "instrument") == {"piano": 2, "violon": 1}
    assert _counts(outcome, "level") == {"discovery": 1, "beginner": 2, "intermediate": 1}
    assert _counts(outcome, "discipline") == {"music": 3, "dance": 1}
    assert _counts(outcome, "language") == {"fr": 3, "en": 1}
    assert _counts(outcome, "licence") == {"cc0": 1, "cc-by": 2, "cc-by-sa": 1}


def test_filters_combine_or_within_a_facet_and_and_across(client, hub, library):
    outcome = _search(client, hub, type=["tutorial", "exercise"], level="beginner", sort="newest")
    assert sorted(_titles(outcome)) == ["Gammes au piano", "Le détaché"]

    outcome = _search(client, hub, type=["tutorial", "exercise"], instrument="violon")
    assert _titles(outcome) == ["Le détaché"]
    # A facet's own counts ignore its selection, so the other choices stay visible.
    assert _counts(outcome, "instrument") == {"piano": 1, "violon": 1}
    assert _counts(outcome, "type") == {"tutorial": 0, "exercise": 1}  # chosen ones stay


def test_facets_apply_to_a_text_query(client, hub, library):
    outcome = _search(client, hub, q="piano", type="score")

    assert _titles(outcome) == ["Menuet annoté"]
    assert _counts(outcome, "type") == {"tutorial": 1, "score": 1}
    assert _counts(outcome, "level") == {"intermediate": 1}


def test_unknown_filter_values_are_ignored(client, hub, library):
    outcome = _search(client, hub, type="kazoo", instrument="nope", sort="sideways", page="x")

    assert outcome.count == 4
    assert outcome.criteria.selected == {}
    assert outcome.criteria.sort == "newest"


def test_an_instrument_without_resources_asked_by_a_link_stays_chosen_with_no_result(
    client, hub, library
):
    outcome = _search(client, hub, instrument="flute")

    assert outcome.criteria.selected == {"instrument": ("flute",)}
    assert outcome.count == 0
    assert _counts(outcome, "instrument") == {"piano": 2, "violon": 1, "flute": 0}


def test_sort_newest_and_most_useful(client, hub, library):
    from learning_hub.models import ResourcePage

    ResourcePage.objects.filter(pk=library["bowing"].pk).update(useful_count=7)
    ResourcePage.objects.filter(pk=library["scales"].pk).update(useful_count=3)

    assert _titles(_search(client, hub, sort="newest")) == [
        "Barre au sol", "Le détaché", "Menuet annoté", "Gammes au piano"]  # fmt: skip
    assert _titles(_search(client, hub, sort="useful"))[:2] == ["Le détaché", "Gammes au piano"]
    assert _titles(_search(client, hub, q="piano", sort="useful")) == [
        "Gammes au piano", "Menuet annoté"]  # fmt: skip


def test_relevance_is_offered_only_for_a_text_query(client, hub, library):
    assert _search(client, hub).criteria.sort == "newest"
    assert _search(client, hub, q="piano").criteria.sort == "relevance"
    assert _search(client, hub, sort="relevance").criteria.sort == "newest"


def test_results_come_in_pages(client, hub, make_resource):
    for number in range(RESULTS_PER_PAGE + 3):
        make_resource(title=f"Étude {number:02d}", quick=True)

    first = _search(client, hub)
    last = _search(client, hub, page=2)
    beyond = _search(client, hub, page=99)

    assert len(first.results) == RESULTS_PER_PAGE
    assert len(last.results) == 3
    assert beyond.results.number == 2
    html = client.get(f"{hub.url}search/", {"level": "beginner"}).content.decode()
    assert "level=beginner&amp;page=2" in html


def test_an_empty_result_says_what_to_try(client, hub, library):
    response = client.get(f"{hub.url}search/", {"q": "zzzz", "type": "score"})

    html = response.content.decode()
    assert response.context["outcome"].count == 0
    assert "Remove a filter" in html or "Retirez un filtre" in html
    assert "?q=zzzz" in html  # the same words without any filter


def test_the_form_works_without_javascript(client, hub, library):
    html = client.get(f"{hub.url}search/").content.decode()

    assert '<form method="get"' in html
    assert 'name="type" value="score"' in html
    assert '<label for="facet-type-score">' in html
    assert 'type="submit"' in html


def _full_text_queries(context):
    return [query["sql"] for query in context if "indexentry" in query["sql"].lower()]


def test_a_text_search_costs_one_full_text_query(client, hub, library):
    """Results, their count and the six facets come from the ids of ONE full-text query."""
    params = {"q": "piano", "type": ["tutorial", "score"], "level": "beginner", "sort": "useful"}
    with CaptureQueriesContext(connection) as context:
        outcome = _search(client, hub, **params)

    assert _titles(outcome) == ["Gammes au piano"]
    assert _counts(outcome, "level") == {"beginner": 1, "intermediate": 1}
    assert len(_full_text_queries(context)) == 1, _full_text_queries(context)


def test_other_pages_filters_and_orders_of_the_same_words_cost_no_full_text_query(
    client, hub, make_resource
):
    for number in range(RESULTS_PER_PAGE + 2):
        make_resource(title=f"Gammes {number:02d}", quick=True, level="beginner")
    _search(client, hub, q="gammes")

    with CaptureQueriesContext(connection) as context:
        second = _search(client, hub, q="Gammes", page="2")
        filtered = _search(client, hub, q="gammes", level="advanced", sort="newest")

    assert len(second.results) == 2
    assert filtered.count == 0
    assert _counts(filtered, "level") == {"beginner": RESULTS_PER_PAGE + 2, "advanced": 0}
    assert _full_text_queries(context) == []


def test_a_published_resource_is_found_by_the_words_searched_before(client, hub, make_resource):
    make_resource(title="Menuet en sol")
    assert _search(client, hub, q="menuet").count == 1

    make_resource(title="Menuet en ré")

    assert _search(client, hub, q="menuet", page="1").count == 2


def test_a_text_search_without_matches_still_shows_the_chosen_filters(client, hub, library):
    outcome = _search(client, hub, q="introuvable", level="beginner")

    assert outcome.count == 0
    assert _counts(outcome, "level") == {"beginner": 0}
    assert _counts(outcome, "type") == {}
