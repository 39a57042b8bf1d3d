"""The community include costs the same number of queries with 2 or 40 comments."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from learning_hub.community.models import Collection
from learning_hub.community.services import comment_add
from tests.factories import UserFactory

INCLUDE = Template('{% include "hub_community/includes/resource_community.html" %}')


def render_queries(rf, page, user):
    request = rf.get(page.url)
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        html = INCLUDE.render(Context({"page": page, "request": request, "user": user}))
    return len(queries), html


def add_comments(page, count):
    for number in range(count):
        top = comment_add(page=page, author=UserFactory(), body=f"Commentaire {number}")
        comment_add(page=page, author=UserFactory(), body=f"Réponse {number}", parent=top)


def test_query_count_does_not_grow_with_comments(rf, member, make_resource):
    few, many = make_resource("Peu"), make_resource("Beaucoup")
    add_comments(few, 1)
    add_comments(many, 20)
    Collection.objects.create(owner=member, title="Mes favoris")
    # A fresh user each time: the verified-email answer is cached on the instance.
    few_count, _html = render_queries(rf, few, User.objects.get(pk=member.pk))
    many_count, html = render_queries(rf, many, User.objects.get(pk=member.pk))
    assert "Réponse 19" in html
    assert many_count == few_count
    assert many_count <= 6


def test_a_visitor_costs_two_queries(rf, resource):
    from django.contrib.auth.models import AnonymousUser

    add_comments(resource, 5)
    count, html = render_queries(rf, resource, AnonymousUser())
    assert count <= 2
    assert "Connectez-vous" in html
