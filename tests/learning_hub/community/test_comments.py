"""Comments: verified members write, replies stay one level deep, reports reach moderators."""

import pytest
from django.urls import reverse

from learning_hub.community.models import Comment, CommentReport, CommentStatus
from learning_hub.community.services import comment_add, comment_moderate
from tests.factories import UserFactory


def post_comment(client, page, body, parent=None):
    data = {"body": body}
    if parent is not None:
        data["parent"] = parent.pk
    return client.post(reverse("hub_community:comment_add", args=[page.pk]), data)


def test_a_verified_member_comments_and_the_text_is_sanitised(client, member, resource):
    client.force_login(member)
    response = post_comment(
        client,
        resource,
        'Merci ! <script>alert(1)</script><a href="https://e.org" onclick="x()">lien</a>',
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.body == 'Merci ! <a href="https://e.org" rel="nofollow ugc noopener">lien</a>'
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(resource.url).content.decode()
    assert 'rel="nofollow ugc noopener"' in page
    assert "alert(1)" not in page


@pytest.mark.parametrize(
    "payload",
    ["<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", '<p onmouseover="alert(1)">x</p>'],
)
def test_event_handler_payloads_render_inert_on_the_page(client, member, resource, payload):
    client.force_login(member)
    post_comment(client, resource, f"Bravo {payload}")
    html = client.get(resource.url).content.decode()
    assert "alert(1)" not in html


def test_an_empty_comment_after_sanitising_is_refused(client, member, resource):
    client.force_login(member)
    response = post_comment(client, resource, "<script>alert(1)</script>")
    assert response.status_code == 400
    assert "Votre commentaire est vide une fois la mise en forme retirée" in (
        response.content.decode()
    )
    assert not Comment.objects.exists()


def test_replies_are_one_level_deep(member, resource):
    top = comment_add(page=resource, author=member, body="Question ?")
    reply = comment_add(page=resource, author=member, body="Réponse", parent=top)
    reply_to_reply = comment_add(page=resource, author=member, body="Encore", parent=reply)
    assert reply.parent == top
    assert reply_to_reply.parent == top


def test_reply_through_the_form(client, member, resource):
    top = comment_add(page=resource, author=member, body="Question ?")
    client.force_login(member)
    post_comment(client, resource, "Réponse", parent=top)
    assert Comment.objects.get(body="Réponse").parent == top


def test_a_reply_to_a_comment_of_another_resource_is_refused(client, member, make_resource):
    first = make_resource("Premier")
    second = make_resource("Second")
    top = comment_add(page=first, author=member, body="Sur le premier")
    client.force_login(member)
    response = post_comment(client, second, "Réponse égarée", parent=top)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vous ne pouvez répondre qu&#x27;à un commentaire visible de cette ressource." in html
    assert "Réponse égarée" in html  # the text is kept to be sent again
    assert not Comment.objects.filter(body="Réponse égarée").exists()


def test_an_unverified_member_cannot_comment(client, unverified, resource):
    client.force_login(unverified)
    response = post_comment(client, resource, "Bonjour")
    assert response.status_code == 403
    assert "Vérifiez d'abord votre adresse e-mail" in response.content.decode()
    assert reverse("account_email") in response.content.decode()
    assert not Comment.objects.exists()


def test_a_visitor_cannot_comment(client, resource):
    response = post_comment(client, resource, "Bonjour")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Comment.objects.exists()


def test_get_on_the_comment_endpoint_is_not_allowed(client, member, resource):
    client.force_login(member)
    assert client.get(reverse("hub_community:comment_add", args=[resource.pk])).status_code == 405


def test_comments_need_a_csrf_token(member, resource):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = post_comment(client, resource, "Bonjour")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_member_reports_a_comment_and_a_moderator_hides_it(client, member, resource):
    author = UserFactory()
    comment = comment_add(page=resource, author=author, body="Injure")
    client.force_login(member)
    url = reverse("hub_community:comment_report", args=[comment.pk])
    form = client.get(url).content.decode()
    assert "Pourquoi les modérateurs devraient-ils examiner ce commentaire ?" in form
    assert "Injure" in form  # the member sees what they report
    response = client.post(url, {"reason": "Insulte"})
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert (report.reporter, report.reason) == (member, "Insulte")
    assert list(Comment.objects.reported()) == [comment]

    comment_moderate(comment=comment, hide=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert not Comment.objects.reported().exists()
    html = client.get(resource.url).content.decode()
    assert "Injure" not in html

    comment_moderate(comment=comment, hide=False)
    assert "Injure" in client.get(resource.url).content.decode()


def test_a_report_needs_a_reason(client, member, resource):
    comment = comment_add(page=resource, author=UserFactory(), body="Texte")
    client.force_login(member)
    response = client.post(
        reverse("hub_community:comment_report", args=[comment.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Champ requis."]
    assert not CommentReport.objects.exists()


def test_moderators_see_reported_comments_in_the_admin_and_hide_one(
    client, moderator_user, member, resource
):
    comment = comment_add(page=resource, author=member, body="Publicité")
    CommentReport.objects.create(comment=comment, reporter=UserFactory(), reason="Spam")
    client.force_login(moderator_user)
    index = client.get(reverse("hub_reported_comments:index"))
    assert index.status_code == 200
    assert "Publicité" in index.content.decode()
    edit_url = reverse("hub_reported_comments:edit", args=[comment.pk])
    assert "Spam" in client.get(edit_url).content.decode()
    response = client.post(edit_url, {"status": CommentStatus.HIDDEN})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.reports.get().resolved_at is not None


def test_members_and_teachers_cannot_open_the_reported_comments(client, member, teacher, resource):
    comment = comment_add(page=resource, author=member, body="Publicité")
    CommentReport.objects.create(comment=comment, reporter=UserFactory(), reason="Spam")
    client.force_login(member)
    response = client.get(reverse("hub_reported_comments:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(teacher)
    response = client.get(reverse("hub_reported_comments:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Publicité" not in response.content.decode()
    assert "Spam" not in response.content.decode()
