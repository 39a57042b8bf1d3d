"""The account pages list the member's spaces that the sections registered."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MEMBER_SPACES = [
    "campus:student_dashboard",
    "hub_community:my_contributions",
    "hub_community:collections",
    "hub_community:bookmarks",
    "feedback:mine",
    "feedback:application",
]


def _spaces(client, url_name="accounts:profile"):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return {link.href: link for link in response.context["spaces"]}


def test_a_member_finds_the_spaces_of_every_section_in_their_account(client, member):
    client.force_login(member)

    spaces = _spaces(client)

    assert list(spaces) == [reverse(name) for name in MEMBER_SPACES]
    assert spaces[reverse("campus:student_dashboard")].text == "Mes cours"
    assert reverse("campus:student_dashboard") in client.get(reverse("accounts:profile")).text


def test_staff_find_the_teaching_dashboard_too(client, staff):
    client.force_login(staff)

    assert reverse("campus:teacher_dashboard") in _spaces(client)


def test_the_spaces_are_named_in_english_on_english_pages(client, member):
    client.force_login(member)

    response = client.get("/en" + reverse("accounts:profile"))

    assert "My courses" in [link.text for link in response.context["spaces"]]


def test_no_space_is_marked_current_on_another_account_page(client, member):
    client.force_login(member)

    spaces = _spaces(client, "accounts:data_export")

    assert not any(link.is_current for link in spaces.values())
