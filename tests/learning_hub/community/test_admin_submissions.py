"""A resource written in the admin and submitted to moderation is a contribution like any other."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from learning_hub.community.models import Contribution, ContributionStatus
from learning_hub.models import ResourcePage
from tests.learning_hub.community.test_contributions import subjects_to, workflow_action


def admin_form(**overrides):
    fields = {
        "title": "Accords de septième",
        "slug": "accords-de-septieme",
        "summary": "Les quatre accords de septième au piano.",
        "body": streamfield([("paragraph", rich_text("<p>Jouez-les dans tous les tons.</p>"))]),
        "resource_type": "exercise",
        "discipline": "music",
        "level": "intermediate",
        "language": "fr",
        "licence": "cc-by",
        "authors": inline_formset([{"name": "Paul Girard", "role": ""}]),
        "works": inline_formset([]),
        "sources": inline_formset([]),
        **overrides,
    }
    return nested_form_data(fields)


@pytest.fixture
def submitted(client, teacher, hub, django_capture_on_commit_callbacks):
    client.force_login(teacher)
    url = reverse("wagtailadmin_pages:add", args=["learning_hub", "resourcepage", hub.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**admin_form(), "action-submit": "Submit"})
    assert response.status_code == 302, response.context["form"].errors
    return ResourcePage.objects.get(slug="accords-de-septieme")


def test_a_resource_submitted_from_the_admin_is_a_contribution_of_its_author(
    client, submitted, teacher
):
    contribution = Contribution.objects.get(page=submitted)
    assert contribution.contributor == teacher
    assert contribution.status == ContributionStatus.IN_MODERATION
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Votre proposition « Accords de septième » est en modération" in subjects_to(teacher)
    listing = client.get(reverse("hub_community:my_contributions")).content.decode()
    assert "Accords de septième" in listing
    assert "En modération" in listing


def test_the_admin_author_hears_of_changes_requested_resubmits_in_the_admin_and_is_published(
    client, submitted, teacher, moderator_user, django_capture_on_commit_callbacks
):
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(
        moderator_client, django_capture_on_commit_callbacks, submitted, "reject",
        "Ajoutez les renversements.",
    )  # fmt: skip
    contribution = Contribution.objects.get(page=submitted)
    assert contribution.status == ContributionStatus.CHANGES_REQUESTED
    assert contribution.message == "Ajoutez les renversements."
    assert "Modifications demandées sur votre proposition « Accords de septième »" in subjects_to(
        teacher
    )
    listing = client.get(reverse("hub_community:my_contributions")).content.decode()
    # Its author edits it where it was written, which keeps all its blocks.
    assert reverse("wagtailadmin_pages:edit", args=[submitted.pk]) in listing
    assert reverse("hub_community:contribution_edit", args=[contribution.pk]) not in listing

    edit_url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url, {**admin_form(title="Accords de septième et renversements"),
                       "action-submit": "Submit"},
        )  # fmt: skip
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.IN_MODERATION
    assert Contribution.objects.count() == 1

    submitted.refresh_from_db()
    workflow_action(moderator_client, django_capture_on_commit_callbacks, submitted, "approve")
    contribution.refresh_from_db()
    submitted.refresh_from_db()
    assert submitted.live
    assert contribution.status == ContributionStatus.PUBLISHED
    assert "Votre ressource « Accords de septième et renversements » est publiée" in subjects_to(
        teacher
    )


def test_the_admin_author_hears_of_a_rejection(
    client, submitted, teacher, moderator_user, django_capture_on_commit_callbacks
):
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(
        moderator_client, django_capture_on_commit_callbacks, submitted, "decline",
        "Cette ressource existe déjà.",
    )  # fmt: skip
    contribution = Contribution.objects.get(page=submitted)
    assert contribution.status == ContributionStatus.REJECTED
    assert mail.outbox[-1].to == [teacher.email]
    assert "Cette ressource existe déjà." in mail.outbox[-1].body


def test_a_draft_saved_in_the_admin_is_not_a_contribution(client, teacher, hub):
    client.force_login(teacher)
    url = reverse("wagtailadmin_pages:add", args=["learning_hub", "resourcepage", hub.pk])
    response = client.post(url, admin_form())
    assert response.status_code == 302
    assert ResourcePage.objects.filter(slug="accords-de-septieme").exists()
    assert not Contribution.objects.exists()


def test_an_edit_of_a_published_resource_nobody_proposed_is_not_a_contribution(
    client, resource, moderator_user, django_capture_on_commit_callbacks
):
    from wagtail.models import Workflow

    with django_capture_on_commit_callbacks(execute=True):
        Workflow.objects.get(name="Hub contributions").start(resource, moderator_user)
    assert resource.current_workflow_state is not None
    assert not Contribution.objects.exists()


def test_a_proposal_from_the_site_is_recorded_and_announced_once(
    client, member, hub, django_capture_on_commit_callbacks
):
    from tests.learning_hub.community.test_contributions import propose

    client.force_login(member)
    propose(client, django_capture_on_commit_callbacks)
    assert Contribution.objects.filter(contributor=member).count() == 1
    assert subjects_to(member) == ["Votre proposition « Études de vibrato » est en modération"]
