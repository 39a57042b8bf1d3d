"""The demo campus loads once, links from the menu and enrols the demo student."""

import pytest

from accounts.models import User
from campus.demo_content import load_campus_demo
from campus.models import CampusIndexPage, CoursePage, Enrollment, LessonPage
from core.models import NavigationSettings


@pytest.mark.django_db(transaction=True)
def test_the_demo_campus_is_created_once(demo_site):
    first = load_campus_demo()
    load_campus_demo()

    index = CampusIndexPage.objects.get()
    assert "2" in first[0]
    assert CoursePage.objects.live().count() == 2
    kinds = {block.block_type for lesson in LessonPage.objects.all() for block in lesson.body}
    assert {"quiz", "assignment", "paragraph"} <= kinds
    assert Enrollment.objects.get(user__email="etudiant@example.org").status == "active"
    assert index.get_workflow().name == "Campus course review"
    navigation = NavigationSettings.for_site(index.get_site())
    linked = [block.value["page"].pk for block in navigation.header_links if block.value["page"]]
    assert index.pk in linked


@pytest.mark.django_db(transaction=True)
def test_every_demo_page_opens_for_the_demo_student(demo_site, client):
    load_campus_demo()
    client.force_login(User.objects.get(email="etudiant@example.org"))
    course = CoursePage.objects.get(slug="violon-premiers-pas")

    pages = [course.get_parent(), course, *course.lessons()]
    statuses = {page.title: client.get(page.url).status_code for page in pages}

    assert set(statuses.values()) == {200}, statuses
