"""Files of a proposal download only for its uploader and reviewers until it is published."""

import pytest
from wagtail.documents import get_document_model

from learning_hub.community.models import Contribution
from learning_hub.community.quarantine import (
    HUB_COLLECTION,
    PROPOSALS_COLLECTION,
    may_download,
    quarantine_pending_proposals,
    release_documents,
)
from learning_hub.models import ResourcePage
from tests.factories import UserFactory
from tests.learning_hub.community.test_contributions import PDF, propose, workflow_action


@pytest.fixture
def proposed(client, member, hub, django_capture_on_commit_callbacks):
    client.force_login(member)
    response = propose(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return Contribution.objects.get(contributor=member)


@pytest.fixture
def score(proposed):
    return get_document_model().objects.get(uploaded_by_user=proposed.contributor)


def download(client, user, document):
    if user is not None:
        client.force_login(user)
    response = client.get(document.url)
    client.logout()
    return response


def test_a_proposals_file_waits_in_the_proposals_collection_under_the_root(score):
    assert score.collection.name == PROPOSALS_COLLECTION
    assert score.collection.get_parent().is_root()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("other member", 404), ("uploader", 200), ("moderator", 200),
     ("staff", 200), ("superuser", 200)],
)  # fmt: skip
def test_before_publication_only_the_uploader_and_reviewers_download_the_file(
    client, score, member, moderator_user, staff, superuser, who, status
):
    user = {
        "anonymous": None,
        "other member": UserFactory(),
        "uploader": member,
        "moderator": moderator_user,
        "staff": staff,
        "superuser": superuser,
    }[who]
    response = download(client, user, score)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF


def test_anonymous_download_is_404_before_approval_and_200_after_publication(
    client, proposed, score, moderator_user, django_capture_on_commit_callbacks
):
    assert download(client, None, score).status_code == 404
    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(moderator_client, django_capture_on_commit_callbacks, page, "approve")
    page.refresh_from_db()
    assert page.live
    score.refresh_from_db()
    assert score.collection.name == HUB_COLLECTION
    assert score.collection.get_parent().is_root()
    response = download(client, None, score)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_rejected_proposals_file_stays_in_quarantine(
    client, proposed, score, moderator_user, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(
        moderator_client, django_capture_on_commit_callbacks, page, "decline", "Pas libre."
    )
    score.refresh_from_db()
    assert score.collection.name == PROPOSALS_COLLECTION
    assert download(client, None, score).status_code == 404
    assert download(client, proposed.contributor, score).status_code == 200


def test_a_request_for_changes_keeps_the_file_in_quarantine(
    client, proposed, score, moderator_user, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(
        moderator_client, django_capture_on_commit_callbacks, page, "reject", "Un doigté."
    )
    assert download(client, None, score).status_code == 404


def test_the_rule_does_not_govern_other_documents(member, hub):
    from django.core.files.base import ContentFile

    from core.demo_content import root_collection

    document = get_document_model().objects.create(
        title="Programme", file=ContentFile(PDF, name="programme.pdf"),
        collection=root_collection(),
    )  # fmt: skip
    assert may_download(member, document) is None


def test_publishing_a_page_without_quarantined_files_moves_nothing(make_resource):
    assert release_documents(make_resource()) == 0


def test_someone_elses_file_picked_for_a_published_page_stays_in_quarantine(
    client, hub, score, staff
):
    page = ResourcePage(
        title="Recueil", slug="recueil", resource_type="score", summary="Un recueil.",
        level="beginner", licence="cc-by", owner=staff,
        body=[{"type": "document", "value": {"document": score.pk, "label": ""}}],
    )  # fmt: skip
    hub.add_child(instance=page)
    page.save_revision(user=staff).publish()
    score.refresh_from_db()
    assert score.collection.name == PROPOSALS_COLLECTION
    assert download(client, None, score).status_code == 404


def test_files_of_proposals_attached_before_the_quarantine_are_moved_into_it(
    client, proposed, score, moderator_user, django_capture_on_commit_callbacks
):
    from django.apps import apps

    from accounts.signal_handlers import _last_app_label
    from core.demo_content import root_collection
    from learning_hub.community.signal_handlers import moderation_after_migrate

    score.collection = root_collection()
    score.save()
    assert download(client, None, score).status_code == 200
    moderation_after_migrate(sender=None, app_config=apps.get_app_config(_last_app_label()))
    score.refresh_from_db()
    assert score.collection.name == PROPOSALS_COLLECTION
    assert download(client, None, score).status_code == 404
    assert quarantine_pending_proposals() == 0  # idempotent

    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    workflow_action(moderator_client, django_capture_on_commit_callbacks, page, "approve")
    score.refresh_from_db()
    score.collection = root_collection()
    score.save()
    assert quarantine_pending_proposals() == 0  # a published resource's files stay free
