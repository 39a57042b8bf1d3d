"""Opening phases: who enters each section in each phase, and what the others see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from accounts.roles import Role
from feedback import services
from feedback.models import Phase, PhaseChange, PhaseSettings
from feedback.sections import Section
from studio.models import Visibility
from tests.core.test_search import _results
from tests.factories import UserFactory
from tests.studio import conftest as studio_fixtures

# The studio's fixtures: a real package made by the media engine, published per test.
spherical_package = studio_fixtures.spherical_package
make_recording = studio_fixtures.make_recording

REFUSAL_FR = "Cette partie de la plateforme ne vous est pas encore ouverte."
ROLES = ["visitor", "member", "volunteer", "applicant", "teacher", "moderator", "staff"]

ADMITTED = {
    Phase.CLOSED: {"staff"},
    Phase.INTERNAL: {"staff", "teacher"},
    Phase.BETA: {"staff", "teacher", "volunteer"},
    Phase.PUBLIC: set(ROLES),
}


@pytest.fixture
def people(member, admitted, applicant, teacher, moderator, staff):
    return {
        "visitor": None,
        "member": member,
        "volunteer": admitted,
        "applicant": applicant,
        "teacher": teacher,
        "moderator": moderator,
        "staff": staff,
    }


@pytest.fixture
def section_urls(settings, section_page):
    """Return {section: [URLs]}: a page of the section and a view of each of its namespaces."""
    settings.ROOT_URLCONF = "tests.feedback.urls"
    return {
        Section.CAMPUS: [
            section_page("campus").url,
            reverse("campus:page"),
            reverse("campus_assignments:page"),
        ],
        Section.HUB: [reverse("learning_hub:page"), reverse("hub_community:page")],
        Section.STUDIO: [reverse("studio:catalogue")],
    }


def _status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("section", list(Section))
def test_each_role_enters_a_section_only_in_the_phases_that_admit_it(
    client, phases, staff, people, section_urls, section, phase
):
    services.set_phase(settings=phases, section=section, phase=phase, user=staff)

    seen = {
        role: {_status(client, user, url) for url in section_urls[section]}
        for role, user in people.items()
    }

    expected = {role: {200} if role in ADMITTED[phase] else {403} for role in ROLES}
    assert seen == expected


def test_the_other_sections_stay_open_when_one_is_closed(client, phases, staff, section_urls):
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)

    assert client.get(section_urls[Section.CAMPUS][0]).status_code == 403
    assert client.get(section_urls[Section.HUB][0]).status_code == 200
    assert client.get(section_urls[Section.STUDIO][0]).status_code == 200
    assert client.get("/").status_code == 200  # the home page is outside every section
    assert client.get(reverse("feedback:apply")).status_code == 200  # so is this view


def test_a_refused_visitor_reads_the_phase_and_is_invited_to_volunteer(
    client, phases, staff, section_page
):
    page = section_page("campus")
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.BETA, user=staff)

    response = client.get(page.url)

    assert response.status_code == 403
    html = response.content.decode()
    assert "phase de test" in html
    assert reverse("feedback:apply") in html
    assert 'name="robots" content="noindex"' in html


def test_an_admitted_volunteer_refused_in_internal_phase_is_not_invited_again(
    client, phases, staff, admitted, section_page
):
    page = section_page("hub")
    services.set_phase(settings=phases, section=Section.HUB, phase=Phase.INTERNAL, user=staff)
    client.force_login(admitted)

    response = client.get(page.url)

    assert response.status_code == 403
    assert "pré-ouverture interne" in response.content.decode()
    assert reverse("feedback:apply") not in response.content.decode()


def test_media_and_json_answer_a_short_403(client, settings, phases, staff):
    settings.ROOT_URLCONF = "tests.feedback.urls"
    services.set_phase(settings=phases, section=Section.STUDIO, phase=Phase.CLOSED, user=staff)
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)

    playlist = client.get(
        reverse("studio_media:file", args=["6f1c0e9e-2f57-4d61-8d8e-7b0f4f3c1a10", "master.m3u8"])
    )
    api = client.get(reverse("campus:api"), headers={"accept": "application/json"})
    rest = client.get(reverse("campus:rest"))  # an API answers JSON whatever it is asked

    assert playlist.status_code == 403
    assert playlist["Content-Type"].startswith("text/plain")
    assert playlist.content.decode() == REFUSAL_FR
    assert api.status_code == 403
    assert api.json() == {"error": REFUSAL_FR}
    assert (rest.status_code, rest.json()) == (403, {"error": REFUSAL_FR})


def test_a_phase_change_takes_effect_at_once_and_is_recorded(
    client, phases, site, staff, section_page
):
    page = section_page("campus")
    assert client.get(page.url).status_code == 200

    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)
    assert client.get(page.url).status_code == 403
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.PUBLIC, user=staff)
    assert client.get(page.url).status_code == 200

    history = list(PhaseChange.objects.order_by("pk").values_list("old_phase", "new_phase"))
    assert history == [(Phase.PUBLIC, Phase.CLOSED), (Phase.CLOSED, Phase.PUBLIC)]
    assert set(PhaseChange.objects.values_list("changed_by", flat=True)) == {staff.pk}


def test_staff_change_a_phase_in_the_admin_and_it_applies_at_once_and_is_recorded(
    client, site, staff, section_page
):
    page = section_page("campus")
    assert client.get(page.url).status_code == 200  # the visitor enters (phases now cached)
    client.force_login(staff)
    url = reverse("wagtailsettings:edit", args=["feedback", "phasesettings", site.pk])

    response = client.post(
        url,
        {"campus_phase": "beta", "hub_phase": "public", "studio_phase": "internal"},
    )

    assert response.status_code == 302
    client.logout()
    assert client.get(page.url).status_code == 403  # the same visitor, refused at once
    changes = {
        (c.section, c.old_phase, c.new_phase, c.changed_by_id) for c in PhaseChange.objects.all()
    }
    assert changes == {
        ("campus", "public", "beta", staff.pk),
        ("studio", "public", "internal", staff.pk),
    }


def test_only_staff_change_the_phases(client, site, teacher):
    client.force_login(teacher)
    url = reverse("wagtailsettings:edit", args=["feedback", "phasesettings", site.pk])

    response = client.post(
        url, {"campus_phase": "closed", "hub_phase": "public", "studio_phase": "public"}
    )

    assert response.status_code in (302, 403)  # Wagtail sends a refused person home
    assert not PhaseChange.objects.exists()
    assert PhaseSettings.for_site(site).campus_phase == Phase.PUBLIC


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_the_phase_history_is_read_only_for_staff_and_superusers(client, site, request, role):
    user = request.getfixturevalue(role)
    services.set_phase(
        settings=PhaseSettings.for_site(site), section=Section.CAMPUS, phase=Phase.BETA, user=user
    )
    change = PhaseChange.objects.get()
    client.force_login(user)

    listing = client.get("/admin/beta/phase-history/")
    inspect = client.get(f"/admin/beta/phase-history/inspect/{change.pk}/")

    assert listing.status_code == inspect.status_code == 200
    assert change.get_new_phase_display() in listing.content.decode()
    for page in (listing, inspect):
        html = page.content.decode()
        for action in ("add", "edit", "delete"):
            assert f"/admin/beta/phase-history/{action}/" not in html
    assert client.get(f"/admin/beta/phase-history/edit/{change.pk}/").status_code == 404


def test_the_default_phase_of_every_section_is_public(phases):
    assert set(phases.phases().values()) == {Phase.PUBLIC}


def test_the_phases_are_read_once_per_request(client, phases, admitted, section_page):
    page = section_page("campus")
    client.force_login(admitted)  # the feedback button reads the phases too

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200

    reads = [q["sql"] for q in queries.captured_queries if "feedback_phasesettings" in q["sql"]]
    assert len(reads) == 1


def test_a_superuser_who_is_not_in_the_staff_group_still_enters(
    client, phases, staff, section_page
):
    page = section_page("campus")
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)
    client.force_login(UserFactory(is_superuser=True, is_staff=True, roles=[Role.TEACHERS]))

    assert client.get(page.url).status_code == 200


def test_a_studio_recording_and_its_playlist_follow_the_phase(
    client, phases, staff, admitted, member, make_recording
):
    recording = make_recording(owner=staff, visibility=Visibility.PUBLIC)
    urls = [
        reverse("studio:recording", args=[recording.uuid]),
        reverse("studio_media:file", args=[recording.uuid, "master.m3u8"]),
    ]
    services.set_phase(settings=phases, section=Section.STUDIO, phase=Phase.BETA, user=staff)

    client.force_login(member)
    assert [client.get(url).status_code for url in urls] == [403, 403]
    client.force_login(admitted)
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_assignment_uploads_follow_the_campus_phase_not_the_studio_one():
    from django.urls import resolve

    from feedback.sections import section_for_match

    upload = resolve(reverse("studio_media:upload_create", args=["assignment", "12-abc"]))
    unknown = resolve(reverse("studio_media:upload_create", args=["other", "1"]))
    recording = resolve(
        reverse("studio_media:file", args=["6f1c0e9e-2f57-4d61-8d8e-7b0f4f3c1a10", "a.m3u8"])
    )

    assert section_for_match(upload) == Section.CAMPUS
    assert section_for_match(unknown) is None
    assert section_for_match(recording) == Section.STUDIO


def test_the_phases_come_from_the_cache_until_they_change(client, phases, staff, section_page):
    page = section_page("campus")
    client.get(page.url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if "feedback_phasesettings" in q["sql"]]
    assert reads == []

    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)

    assert client.get(page.url).status_code == 403


def test_the_phases_are_read_without_the_cache_when_its_server_is_down(
    rf, phases, staff, site, monkeypatch
):
    from django.core.cache import cache

    from feedback.gating import phases_for

    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.CLOSED, user=staff)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("cache server down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "set", down)
    request = rf.get("/", HTTP_HOST=site.hostname)

    assert phases_for(request).phase_of(Section.CAMPUS) == Phase.CLOSED


# --- Search and sitemap ---------------------------------------------------------------------


@pytest.fixture
def findable(section_page, cohort):
    """Pages sharing the word "contrebasson": one of the campus, one outside every section,
    a survey for `cohort` and one for another cohort."""
    from feedback.models import Cohort, SurveyPage

    root = Page.objects.get(depth=2)
    pages = {
        "campus": section_page("campus", title="Contrebasson au campus"),
        "outside": root.add_child(instance=Page(title="Contrebasson libre", slug="libre")),
        "survey": root.add_child(
            instance=SurveyPage(title="Contrebasson sondage", slug="sondage", cohort=cohort)
        ),
        "other_survey": root.add_child(
            instance=SurveyPage(
                title="Contrebasson enquete",
                slug="enquete",
                cohort=Cohort.objects.create(name="Autre cohorte"),
            )
        ),
    }
    return {name: page.url for name, page in pages.items()}


def _found(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return set(_results(client.get("/search/", {"q": "contrebasson"}).content.decode()))


@pytest.mark.parametrize(
    ("phase", "role", "expected"),
    [
        (Phase.CLOSED, "visitor", {"outside"}),
        (Phase.CLOSED, "volunteer", {"outside", "survey"}),
        (Phase.CLOSED, "staff", {"campus", "outside", "survey", "other_survey"}),
        (Phase.BETA, "visitor", {"outside"}),
        (Phase.BETA, "member", {"outside"}),
        (Phase.BETA, "volunteer", {"campus", "outside", "survey"}),
        (Phase.BETA, "staff", {"campus", "outside", "survey", "other_survey"}),
        (Phase.PUBLIC, "visitor", {"campus", "outside"}),
    ],
)
def test_search_lists_neither_closed_sections_nor_surveys_addressed_to_others(
    client, phases, staff, people, findable, phase, role, expected
):
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=phase, user=staff)

    found = _found(client, people.get(role, staff))

    assert found == {findable[name] for name in expected}


def test_the_sitemap_lists_only_what_a_visitor_may_enter(client, phases, staff, findable):
    services.set_phase(settings=phases, section=Section.CAMPUS, phase=Phase.BETA, user=staff)

    sitemap = client.get("/sitemap.xml").content.decode()

    assert findable["outside"] in sitemap
    for hidden in ("campus", "survey", "other_survey"):
        assert findable[hidden] not in sitemap, hidden
