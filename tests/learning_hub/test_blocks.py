"""The resource card that the campus embeds in lessons."""

import pytest
from django.test import RequestFactory

from learning_hub.blocks import ResourceBlock

pytestmark = pytest.mark.django_db


def test_the_resource_block_shows_a_card_that_links_to_the_resource(make_resource):
    page = make_resource(title="Menuet annoté", resource_type="score", licence="cc0")
    block = ResourceBlock()
    value = block.to_python({"resource": page.pk, "note": "Travaillez la main gauche."})

    html = block.render(value, context={"request": RequestFactory().get("/")})

    assert page.url in html
    assert "Menuet annoté" in html
    assert "Travaillez la main gauche." in html
    assert "CC0 1.0" in html


def test_an_unpublished_resource_is_not_shown(make_resource):
    page = make_resource(title="Retirée")
    page.unpublish()
    block = ResourceBlock()
    value = block.to_python({"resource": page.pk, "note": ""})

    assert "Retirée" not in block.render(value)
