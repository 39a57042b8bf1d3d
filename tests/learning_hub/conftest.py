"""Hub fixtures: the site shell, a hub home and a factory of resources."""

import itertools

import pytest
from django.utils import timezone

from core.demo_content import load_core_demo
from core.models import HomePage, Instrument
from learning_hub.models import HubIndexPage, ResourceAuthor, ResourcePage, ResourceSource


@pytest.fixture
def site_home(db):
    load_core_demo()
    return HomePage.objects.get(locale__language_code="fr", depth=2)


@pytest.fixture
def hub(site_home):
    hub = site_home.add_child(instance=HubIndexPage(title="Ressources", slug="ressources"))
    hub.save_revision().publish()
    return HubIndexPage.objects.get(pk=hub.pk)


@pytest.fixture
def violin(site_home):
    return Instrument.objects.get(slug="violon")


@pytest.fixture
def piano(site_home):
    return Instrument.objects.get(slug="piano")


@pytest.fixture
def make_resource(hub):
    """Return a function that adds a resource to the hub, published through a revision.

    `quick=True` makes it live without a revision (for the hundreds of the query tests).
    """
    numbers = itertools.count(1)

    def make(*, live=True, quick=False, instruments=(), authors=("Claire Martin",),
             sources=(), **fields):  # fmt: skip
        number = next(numbers)
        values = {
            "title": f"Ressource {number}",
            "slug": f"ressource-{number}",
            "resource_type": "tutorial",
            "discipline": "music",
            "level": "beginner",
            "language": "fr",
            "licence": "cc-by",
            "summary": "Un résumé de la ressource.",
            **fields,
        }
        page = ResourcePage(**values, live=quick and live)
        if quick and live:
            page.first_published_at = page.last_published_at = timezone.now()
        page.instruments = list(instruments)
        page.authors = [ResourceAuthor(name=name) for name in authors]
        page.sources = [ResourceSource(source=source) for source in sources]
        hub.add_child(instance=page)
        if live and not quick:
            page.save_revision().publish()
        elif not live:
            page.save_revision()
        return ResourcePage.objects.get(pk=page.pk)

    return make
