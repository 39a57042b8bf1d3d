"""One permission table for the whole site: every URL pattern × every role → the answer.

The table is tests/permission_table/table.py; the objects its URLs name are built by
tests/permission_table/world.py. A URL pattern that no row and no prefix rule covers fails
the test, and so does a row whose URL pattern no longer exists.
"""

from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.campus.conftest import campus, home  # noqa: F401  (fixtures)
from tests.permission_table import world as world_module
from tests.permission_table.table import ADMIN_HOME, EXPECT, LOGIN, PREFIX_RULES, REFUSED, ROWS
from tests.permission_table.world import ROLES, make_person

pytestmark = pytest.mark.django_db


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _checks():
    """Yield (name, method, URL maker, data) for every row and every sample of a rule."""
    for row in ROWS:
        yield row.name, row.method, row.url, row.data
    for rule in PREFIX_RULES:
        for name, url in rule.urls():
            yield name, "get", url, {}


def _covered(route):
    return any(route == row.route for row in ROWS) or any(
        route.startswith(rule.prefix) for rule in PREFIX_RULES
    )


def test_every_url_pattern_has_a_row_or_a_prefix_rule():
    routes = set(_routes(get_resolver().url_patterns))

    assert sorted(r for r in routes if not _covered(r)) == [], "add a row to the table"
    assert sorted({row.route for row in ROWS} - routes) == [], "this URL no longer exists"
    unused = [p.prefix for p in PREFIX_RULES if not any(r.startswith(p.prefix) for r in routes)]
    assert unused == [], "no URL left under this prefix"


def test_every_row_and_sample_has_one_answer_per_role():
    names = [name for name, *_rest in _checks()]

    assert len(names) == len(set(names)), "two rows have the same name: give one a label"
    assert set(names) == set(EXPECT)
    assert {len(answers) for answers in EXPECT.values()} == {len(ROLES)}


@pytest.fixture
def world(home, campus):  # noqa: F811
    return world_module.build(home, campus)


def _outcome(response):
    if response.status_code == 302:
        path = urlparse(response["Location"]).path
        if path.startswith((reverse("account_login"), reverse("wagtailadmin_login"))):
            return LOGIN
        if path == reverse("wagtailadmin_home"):
            return ADMIN_HOME
    return response.status_code


def _answer(client, user, method, url, data=None):
    """Return what `user` gets for `url`; whatever the request changed is rolled back."""
    client.logout()
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        response = getattr(client, method)(url, **(data or {}))
        transaction.set_rollback(True)
    return _outcome(response)


def _agrees(expected, outcome):
    if expected == REFUSED:
        return outcome in (403, 404, 405, LOGIN, ADMIN_HOME)
    return expected == outcome


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_answer_of_the_table(world, role):
    user, client, column = world["people"][role], Client(), ROLES.index(role)
    wrong = []
    for name, method, url, data in _checks():
        address = url(world)
        outcome = _answer(client, user, method, address, data)
        if not _agrees(EXPECT[name][column], outcome):
            wrong.append((name, method, address, EXPECT[name][column], outcome))

    assert wrong == []


OWNED = [row for row in ROWS if row.owner]


def test_the_owner_of_each_object_may_open_it():
    """A row with an owner is only worth its twin test if the owner is let in."""
    owners = {row.name: EXPECT[row.name][ROLES.index(row.owner)] for row in OWNED}

    assert {name: answer for name, answer in owners.items() if _agrees(REFUSED, answer)} == {}


def test_another_person_in_the_same_role_is_refused_what_is_not_theirs(world):
    """Someone with the owner's roles (a student of the same course, another teacher, another
    member…) is refused the submission, upload, collection or feedback that is not theirs."""
    client, wrong = Client(), []
    for row in OWNED:
        twin = make_person(row.owner, world["course_a"], world["course_b"])
        outcome = _answer(client, twin, row.method, row.url(world), row.data)
        # An empty POST may be turned down as malformed before ownership is looked at.
        if not (_agrees(REFUSED, outcome) or (outcome == 400 and row.method != "get")):
            wrong.append((row.name, outcome))

    assert wrong == []
