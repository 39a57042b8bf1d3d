"""Teachers author their own courses only; Staff approve publication through a workflow."""

import pytest
from django.contrib.auth.models import Group
from django.utils.html import escape
from wagtail.models import GroupPagePermission, WorkflowState

from accounts.roles import Role
from campus import authoring
from campus.models import CoursePage
from tests.campus.conftest import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(campus, course_teacher):
    mine, _lessons = make_course(campus, teachers=[course_teacher])
    theirs, _lessons = make_course(
        campus, title="Piano", teachers=[UserFactory(roles=[Role.TEACHERS])]
    )
    return mine, theirs


def test_publishing_a_course_gives_its_teachers_a_group_with_rights_on_it(courses, course_teacher):
    mine, _theirs = courses
    group = Group.objects.get(name=f"Course teachers #{mine.pk}")

    assert list(group.user_set.all()) == [course_teacher]
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=mine).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_removing_a_teacher_removes_them_from_the_group(courses, course_teacher):
    mine, _theirs = courses
    mine.teachers.set([])
    mine.save_revision().publish()

    assert not Group.objects.get(name=f"Course teachers #{mine.pk}").user_set.exists()


def test_a_teacher_edits_their_course_and_not_another(client, courses, course_teacher):
    mine, theirs = courses
    client.force_login(course_teacher)

    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    denied = client.get(f"/admin/pages/{theirs.pk}/edit/")
    assert (denied.status_code, denied.get("Location")) == (302, "/admin/")


def test_a_teacher_adds_modules_to_their_course_only(client, courses, course_teacher):
    mine, theirs = courses
    client.force_login(course_teacher)

    assert client.get(f"/admin/pages/add/campus/modulepage/{mine.pk}/").status_code == 200
    denied = client.get(f"/admin/pages/add/campus/modulepage/{theirs.pk}/")
    assert (denied.status_code, denied.get("Location")) == (302, "/admin/")


def test_a_teacher_creating_a_course_becomes_its_teacher(client, campus, course_teacher):
    client.force_login(course_teacher)

    response = client.post(
        f"/admin/pages/add/campus/coursepage/{campus.pk}/",
        {
            "title": "Chant choral",
            "slug": "chant-choral",
            "summary": "Chanter ensemble.",
            "level": "beginner",
            "language": "fr",
            "estimated_hours": "4",
            "format": "self_paced",
            "enrollment_policy": "open",
            "cohorts-TOTAL_FORMS": "0",
            "cohorts-INITIAL_FORMS": "0",
            "cohorts-MIN_NUM_FORMS": "0",
            "cohorts-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="chant-choral")
    assert list(course.teachers.all()) == [course_teacher]
    assert course_teacher.groups.filter(name=f"Course teachers #{course.pk}").exists()


def test_courses_are_published_through_a_review_that_staff_approve(courses, course_teacher):
    mine, _theirs = courses
    staff = UserFactory(roles=[Role.STAFF], is_staff=True)
    workflow = mine.get_workflow()
    assert workflow.name == authoring.WORKFLOW_NAME

    mine.title = "Violon baroque, deuxième édition"
    mine.save_revision(user=course_teacher)
    state = workflow.start(mine, course_teacher)
    task = state.current_task_state.task.specific
    assert [action[0] for action in task.get_actions(mine, course_teacher)] == []
    assert "approve" in [action[0] for action in task.get_actions(mine, staff)]

    task.on_action(state.current_task_state, staff, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert CoursePage.objects.get(pk=mine.pk).title == "Violon baroque, deuxième édition"


def test_the_setup_is_idempotent(campus):
    authoring.campus_setup_all()
    authoring.campus_setup_all()

    assert GroupPagePermission.objects.filter(page=campus, group__name=Role.TEACHERS).count() == 1
    assert authoring.course_review_workflow().workflow_tasks.count() == 1


def _course_form(user, data=None, instance=None):
    form_class = CoursePage.get_edit_handler().get_form_class()
    return form_class(data, instance=instance or CoursePage(), for_user=user)


def test_the_teachers_chooser_lists_only_teachers_and_staff(
    client, campus, course_teacher, staff, member, moderator, volunteer
):
    client.force_login(staff)

    response = client.get(f"/admin/pages/add/campus/coursepage/{campus.pk}/")

    listed = set(response.context["form"].fields["teachers"].queryset)
    assert listed == {course_teacher, staff}
    page = response.content.decode()
    assert escape(str(course_teacher)) in page
    assert escape(str(member)) not in page


def test_the_course_editor_refuses_a_teacher_outside_the_teachers_group(
    campus, staff, member, course_teacher
):
    fields = {"title": "Orgue", "slug": "orgue", "summary": "Un cours.", "level": "beginner",
              "language": "fr", "estimated_hours": "2", "format": "self_paced",
              "enrollment_policy": "open", "cohorts-TOTAL_FORMS": "0",
              "cohorts-INITIAL_FORMS": "0"}  # fmt: skip

    refused = _course_form(staff, {**fields, "teachers": [str(member.pk)]})
    accepted = _course_form(staff, {**fields, "teachers": [str(course_teacher.pk)]})

    assert not refused.is_valid()
    assert "teachers" in refused.errors
    assert accepted.is_valid(), accepted.errors


def test_a_teacher_who_left_the_group_stays_listed_on_their_course(courses, course_teacher):
    mine, _theirs = courses
    course_teacher.groups.clear()

    form = _course_form(course_teacher, instance=mine)

    assert course_teacher in set(form.fields["teachers"].queryset)
    assert form.fields["teachers"].queryset.count() == 2  # the other course's teacher too
