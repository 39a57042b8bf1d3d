"""A member proposes a resource; moderators request changes, approve or reject; emails follow."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState

from learning_hub.community.models import Contribution, ContributionStatus
from learning_hub.models import ResourcePage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proposal_data(**overrides):
    data = {
        "title": "Études de vibrato",
        "resource_type": "exercise",
        "summary": "Trois études progressives pour un vibrato souple.",
        "body_text": "Commencez lentement.\n\nPuis accélérez.",
        "discipline": "music",
        "level": "intermediate",
        "language": "fr",
        "licence": "cc-by-sa",
        "authors": "Claire Dupont",
        "works": "Popper: Étude n° 1",
    }
    data.update(overrides)
    return data


def propose(client, capture, **overrides):
    data = proposal_data(**overrides)
    data.setdefault("files", SimpleUploadedFile("etudes.pdf", PDF, "application/pdf"))
    with capture(execute=True):
        return client.post(reverse("hub_community:propose"), data)


def workflow_action(client, capture, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    with capture(execute=True):
        return client.post(url, {"comment": comment})


def subjects_to(user):
    return [message.subject for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def proposed(client, member, hub, django_capture_on_commit_callbacks):
    client.force_login(member)
    response = propose(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Contribution.objects.get(contributor=member)


def test_a_proposal_becomes_a_draft_in_moderation_owned_by_its_contributor(proposed, member, hub):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    assert proposed.status == ContributionStatus.IN_MODERATION
    assert page.owner == member
    assert not page.live
    assert page.get_parent().pk == hub.pk
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert [author.name for author in page.authors.all()] == ["Claire Dupont"]
    latest = page.get_latest_revision_as_object()
    assert [block.block_type for block in latest.body] == ["paragraph", "paragraph", "document"]
    assert latest.body[2].value["document"].file.read() == PDF
    assert len(subjects_to(member)) == 1
    assert subjects_to(member)[0] == "Votre proposition « Études de vibrato » est en modération"


def test_my_contributions_shows_the_status(client, proposed):
    html = client.get(reverse("hub_community:my_contributions")).content.decode()
    row = html[html.index('<th scope="row">Études de vibrato</th>') :]
    row = row[: row.index("</tr>")]
    assert '<span class="badge">En modération</span>' in row
    assert "Attendez la décision des modérateurs." in row
    # A member edits a proposal only when the moderators ask for changes.
    assert reverse("hub_community:contribution_edit", args=[proposed.pk]) not in html


def test_changes_requested_then_resubmitted_then_approved_is_published_and_found(
    client, proposed, member, moderator_user, hub, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)

    response = workflow_action(
        moderator_client, django_capture_on_commit_callbacks, page, "reject",
        "Ajoutez le doigté de la deuxième étude.",
    )  # fmt: skip
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ContributionStatus.CHANGES_REQUESTED
    assert proposed.message == "Ajoutez le doigté de la deuxième étude."
    assert "Modifications demandées sur votre proposition « Études de vibrato »" in subjects_to(
        member
    )
    assert "doigté de la deuxième" in mail.outbox[-1].body

    listing = client.get(reverse("hub_community:my_contributions")).content.decode()
    assert "Ajoutez le doigté de la deuxième étude." in listing
    edit_url = reverse("hub_community:contribution_edit", args=[proposed.pk])
    assert edit_url in listing
    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'value="Études de vibrato"' in form.content.decode()
    assert "Puis accélérez." in form.content.decode()

    data = proposal_data(title="Études de vibrato (avec doigtés)")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    proposed.refresh_from_db()
    assert proposed.status == ContributionStatus.IN_MODERATION
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Études de vibrato (avec doigtés)"
    # The file attached first is kept without being sent again.
    assert [block.block_type for block in latest.body].count("document") == 1

    response = workflow_action(
        moderator_client, django_capture_on_commit_callbacks, page, "approve"
    )
    assert response.status_code == 302
    page.refresh_from_db()
    proposed.refresh_from_db()
    assert page.live
    assert page.title == "Études de vibrato (avec doigtés)"
    assert proposed.status == ContributionStatus.PUBLISHED
    assert page.revisions.count() >= 2
    assert "Votre ressource « Études de vibrato (avec doigtés) » est publiée" in subjects_to(member)

    found = ResourcePage.objects.live().search("vibrato")
    assert page.pk in [result.pk for result in found]


def test_a_rejected_proposal_stays_a_draft_and_says_why(
    client, proposed, member, moderator_user, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    moderator_client = client.__class__()
    moderator_client.force_login(moderator_user)
    response = workflow_action(
        moderator_client, django_capture_on_commit_callbacks, page, "decline",
        "Cette partition n'est pas libre de droits.",
    )  # fmt: skip
    assert response.status_code == 302
    proposed.refresh_from_db()
    page.refresh_from_db()
    assert proposed.status == ContributionStatus.REJECTED
    assert proposed.message == "Cette partition n'est pas libre de droits."
    assert not page.live
    assert page.current_workflow_state is None
    assert "pas libre de droits" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [member.email]
    edit = client.get(reverse("hub_community:contribution_edit", args=[proposed.pk]), follow=True)
    assert edit.redirect_chain[-1][0] == reverse("hub_community:my_contributions")
    assert "Cette proposition ne peut pas être modifiée maintenant" in edit.content.decode()
    assert "Vous pouvez proposer une autre ressource." in edit.content.decode()


def test_request_for_changes_needs_a_message(
    client, proposed, moderator_user, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    client.force_login(moderator_user)
    sent = len(mail.outbox)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    # The admin's dialog sends the form by XHR and shows the errors it gets back.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert "Dites au contributeur quoi modifier, ou pourquoi." in response.json()["html"]
    proposed.refresh_from_db()
    assert proposed.status == ContributionStatus.IN_MODERATION
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert len(mail.outbox) == sent


def test_a_member_without_admin_access_gets_no_wagtail_admin_email(proposed, member):
    profile = member.wagtail_userprofile
    assert not profile.approved_notifications
    assert not profile.rejected_notifications


def test_an_unverified_member_is_told_to_verify_their_email(client, unverified, hub):
    client.force_login(unverified)
    response = client.get(reverse("hub_community:propose"))
    assert response.status_code == 403
    assert "adresse e-mail" in response.content.decode()
    assert reverse("account_email") in response.content.decode()
    response = client.post(reverse("hub_community:propose"), proposal_data())
    assert response.status_code == 403
    assert not ResourcePage.objects.filter(title="Études de vibrato").exists()


def test_a_visitor_is_sent_to_the_login_page(client, hub):
    response = client.get(reverse("hub_community:propose"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_licence_rules_of_the_resources_apply(client, member, make_resource):
    source = make_resource("Sonate inédite", licence="cc-by-nd", slug="sonate-inedite")
    client.force_login(member)
    response = client.post(
        reverse("hub_community:propose"),
        proposal_data(derived_from=f"http://testserver{source.url}"),
    )
    assert response.status_code == 400
    assert "Sonate inédite" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_proposal_derived_from_a_non_commercial_resource_must_be_non_commercial(
    client, member, make_resource, django_capture_on_commit_callbacks
):
    source = make_resource("Sonatine", licence="cc-by-nc", slug="sonatine")
    client.force_login(member)
    derived_from = f"http://testserver{source.url}"
    response = propose(
        client, django_capture_on_commit_callbacks, licence="cc-by-sa", derived_from=derived_from
    )
    assert response.status_code == 400
    assert (
        "« Sonatine » est sous licence CC BY-NC 4.0, qui interdit l’usage commercial"
        in response.content.decode()
    )
    assert not Contribution.objects.exists()

    response = propose(
        client, django_capture_on_commit_callbacks, licence="cc-by-nc", derived_from=derived_from
    )
    assert response.status_code == 302
    page = Contribution.objects.get().page
    assert [link.source_id for link in page.sources.all()] == [source.pk]


def test_unknown_derived_from_address_is_explained(client, member, hub):
    client.force_login(member)
    response = client.post(
        reverse("hub_community:propose"), proposal_data(derived_from="https://ailleurs.org/x/")
    )
    assert response.status_code == 400
    assert "https://ailleurs.org/x/" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("partition.exe", b"MZ\x90\x00"),
        ("partition.pdf", b"MZ\x90\x00 not a pdf"),
        ("son.mp3", b"%PDF-1.4"),
    ],
)
def test_files_are_checked_by_content_and_kind(client, member, hub, name, content):
    client.force_login(member)
    data = proposal_data()
    data["files"] = SimpleUploadedFile(name, content)
    response = client.post(reverse("hub_community:propose"), data)
    assert response.status_code == 400
    assert name in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_too_large_file_is_refused(client, member, hub, settings, monkeypatch):
    from learning_hub.community import validators

    monkeypatch.setattr(validators, "MAX_FILE_BYTES", 10)
    client.force_login(member)
    data = proposal_data()
    data["files"] = SimpleUploadedFile("etudes.pdf", PDF, "application/pdf")
    response = client.post(reverse("hub_community:propose"), data)
    assert response.status_code == 400
    assert "« etudes.pdf » pèse" in response.content.decode()
    assert not Contribution.objects.exists()


def test_proposal_without_text_or_file_is_refused(client, member, hub):
    client.force_login(member)
    response = client.post(reverse("hub_community:propose"), proposal_data(body_text=""))
    assert response.status_code == 400
    assert response.context["form"].errors["body_text"] == [
        "Écrivez le texte de la ressource ou joignez au moins un fichier."
    ]
    assert 'value="Études de vibrato"' in response.content.decode()  # nothing typed is lost
    assert not Contribution.objects.exists()


def test_a_member_cannot_edit_someone_elses_proposal(client, proposed):
    from tests.factories import UserFactory

    proposed.status = ContributionStatus.CHANGES_REQUESTED
    proposed.save()
    client.force_login(UserFactory())
    url = reverse("hub_community:contribution_edit", args=[proposed.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, proposal_data(title="Détourné")).status_code == 404
    latest = ResourcePage.objects.get(pk=proposed.page_id).get_latest_revision_as_object()
    assert latest.title == "Études de vibrato"


def test_moderators_are_emailed_about_a_new_proposal(moderator_user, proposed):
    to_moderator = [message for message in mail.outbox if message.to == [moderator_user.email]]
    assert len(to_moderator) == 1
    assert "Études de vibrato" in to_moderator[0].subject


def test_comments_and_votes_purge_the_cached_resource_page(
    client, member, resource, django_capture_on_commit_callbacks
):
    anonymous = client.__class__()
    assert "Aucun commentaire" in anonymous.get(resource.url).content.decode()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hub_community:comment_add", args=[resource.pk]), {"body": "Limpide."})
    assert "Limpide." in anonymous.get(resource.url).content.decode()


def test_the_admin_asks_the_moderator_for_the_message_of_a_refusal(
    client, proposed, moderator_user
):
    page = ResourcePage.objects.get(pk=proposed.page_id)
    task_state = page.current_workflow_task_state
    client.force_login(moderator_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Refuser définitivement" in edit
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[page.pk, "decline", task_state.pk],
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Message au contributeur" in response.json()["html"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("works", f"Popper: {'É' * 300}"),
        ("works", f"{'P' * 300}: Étude n° 1"),
        ("authors", "A" * 300),
    ],
)
def test_a_name_or_title_too_long_is_refused_with_a_message(
    client, member, hub, django_capture_on_commit_callbacks, field, value
):
    client.force_login(member)

    response = propose(client, django_capture_on_commit_callbacks, **{field: value})

    assert response.status_code == 400  # the form again, with its errors
    assert "255 caractères au plus" in response.content.decode()
    assert not Contribution.objects.filter(contributor=member).exists()
