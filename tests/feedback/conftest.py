"""Fixtures of the beta programme: people in every situation, pages of every section."""

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from accounts.roles import Role
from core.models import StandardPage
from feedback.models import (
    ApplicationStatus,
    Cohort,
    PhaseSettings,
    ProfileKind,
    SurveyFormField,
    SurveyPage,
    SurveySubmission,
    VolunteerApplication,
)
from tests.factories import UserFactory


def make_application(user, *, status=ApplicationStatus.PENDING, cohort=None):
    return VolunteerApplication.objects.create(
        user=user,
        profile=ProfileKind.STUDENT,
        institution="CRR de Lyon",
        consent_given_at=timezone.now(),
        status=status,
        cohort=cohort,
    )


@pytest.fixture
def cohort(db):
    return Cohort.objects.create(name="Cohorte 1")


@pytest.fixture
def admitted(db, cohort):
    """A volunteer admitted into `cohort`: the Beta volunteers group and an admitted application."""
    user = UserFactory(roles=[Role.BETA_VOLUNTEERS])
    make_application(user, status=ApplicationStatus.ADMITTED, cohort=cohort)
    return user


@pytest.fixture
def applicant(db):
    """A member who applied and is still waiting for review."""
    user = UserFactory()
    make_application(user)
    return user


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def phases(site):
    return PhaseSettings.for_site(site)


@pytest.fixture
def section_page(db, monkeypatch):
    """Return a function making a live page whose class belongs to `section` (a test double).

    Campus and hub pages declare `site_section`; a StandardPage with the attribute patched in
    stands for them, so the gate is tested without importing those apps.
    """

    def make(section, slug=None, title=None):
        monkeypatch.setattr(StandardPage, "site_section", section, raising=False)
        root = Page.objects.get(depth=2)
        page = StandardPage(title=title or f"Page {section}", slug=slug or f"page-{section}")
        root.add_child(instance=page)
        return page

    return make


@pytest.fixture
def survey(cohort):
    """A live survey addressed to `cohort`, with one required question ("note")."""
    page = SurveyPage(title="Votre avis", slug="votre-avis", cohort=cohort)
    Page.objects.get(depth=2).add_child(instance=page)
    SurveyFormField.objects.create(
        page=page, sort_order=0, label="Note", field_type="singleline", required=True
    )
    return page


def make_answer(survey, user, note="Très bien"):
    return SurveySubmission.objects.create(page=survey, user=user, form_data={"note": note})
