"""Fixtures of core's tests: the demo site (French home, English translation, settings)."""

from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from core.demo_content import load_core_demo
from core.models import HomePage, StandardPage


@pytest.fixture
def demo_pages(db):
    """Load core's demo content; return its pages by language."""
    load_core_demo()
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    statement = StandardPage.objects.get(locale=french, slug="accessibilite")
    legal = StandardPage.objects.get(locale=french, slug="mentions-legales")
    return SimpleNamespace(
        home=HomePage.objects.get(locale=french),
        home_en=HomePage.objects.get(locale=english),
        statement=statement,
        statement_en=statement.get_translation(english),
        legal=legal,
        legal_en=legal.get_translation(english),
    )
