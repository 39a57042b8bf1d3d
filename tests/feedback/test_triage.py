"""Triage in the admin: status, assignment, merge, notes, replies, export and summary."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from feedback.models import Feedback, FeedbackNote, FeedbackReply, FeedbackStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(admitted, cohort):
    return Feedback.objects.create(
        author=admitted, cohort=cohort, kind="bug", rating=2, message="Le son se coupe",
        section="studio", url="/studio/", media_time=42.5,
    )  # fmt: skip


def _triage(client, item, **data):
    fields = {"status": item.status, "assignee": "", "duplicate_of": "", "note": "", "reply": ""}
    return client.post(reverse("beta_feedback:edit", args=[item.pk]), {**fields, **data})


def test_staff_see_the_feedback_with_its_context(client, staff, item):
    client.force_login(staff)

    html = client.get(reverse("beta_feedback:edit", args=[item.pk])).content.decode()

    assert "Le son se coupe" in html
    assert "0:00:42" in html
    assert 'href="/studio/"' in html


def test_staff_change_the_status_and_assign_and_the_volunteer_sees_the_status(
    client, staff, admitted, item
):
    client.force_login(staff)

    response = _triage(client, item, status=FeedbackStatus.IN_PROGRESS, assignee=staff.pk)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assignee) == (FeedbackStatus.IN_PROGRESS, staff)
    client.force_login(admitted)
    assert "In progress" in client.get("/en/feedback/mine/").content.decode()


def test_a_reply_is_emailed_to_the_volunteer_and_shown_in_my_feedback(
    client, staff, admitted, item, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        _triage(client, item, reply="Corrigé dans la prochaine version.", note="Bug HLS, voir #12")

    assert FeedbackReply.objects.get().author == staff
    assert FeedbackNote.objects.get().text == "Bug HLS, voir #12"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admitted.email]
    assert "Corrigé dans la prochaine version." in mail.outbox[0].body
    assert "Bug HLS" not in mail.outbox[0].body
    client.force_login(admitted)
    html = client.get("/en/feedback/mine/").content.decode()
    assert "Corrigé dans la prochaine version." in html
    assert "Bug HLS" not in html


def test_a_note_alone_sends_nothing(client, staff, item, django_capture_on_commit_callbacks):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        _triage(client, item, note="À reproduire")

    assert mail.outbox == []
    assert not FeedbackReply.objects.exists()


def test_merging_a_duplicate_makes_its_author_follow_the_original(
    client, staff, item, member, django_capture_on_commit_callbacks
):
    other = UserFactory()
    duplicate = Feedback.objects.create(author=other, kind="bug", message="Coupure du son")
    client.force_login(staff)

    _triage(client, duplicate, duplicate_of=item.pk)
    with django_capture_on_commit_callbacks(execute=True):
        _triage(client, item, status=FeedbackStatus.DONE, reply="Réparé.")

    duplicate.refresh_from_db()
    assert (duplicate.duplicate_of, duplicate.status) == (item, FeedbackStatus.DONE)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([item.author.email, other.email])
    client.force_login(other)
    html = client.get("/en/feedback/mine/").content.decode()
    assert "Réparé." in html and "Done" in html and "merged with a similar report" in html


def test_an_item_cannot_be_merged_into_itself(client, staff, item):
    client.force_login(staff)

    response = _triage(client, item, duplicate_of=item.pk)

    assert response.status_code == 200  # the form shows the error
    assert "Un retour ne peut pas être fusionné avec lui-même." in response.content.decode()
    item.refresh_from_db()
    assert item.duplicate_of is None


def test_merging_an_item_that_has_duplicates_makes_them_follow_the_new_original(
    client, staff, item, django_capture_on_commit_callbacks
):
    first, second = UserFactory(), UserFactory()
    original = Feedback.objects.create(author=first, kind="bug", message="Le son grésille")
    duplicate = Feedback.objects.create(author=second, kind="bug", message="Grésillements")
    client.force_login(staff)

    _triage(client, duplicate, duplicate_of=item.pk)  # duplicate → item
    _triage(client, original, status=FeedbackStatus.PLANNED)
    _triage(client, item, duplicate_of=original.pk)  # item → original: duplicate follows
    with django_capture_on_commit_callbacks(execute=True):
        _triage(client, original, status=FeedbackStatus.DONE, reply="Réparé pour tous.")

    item.refresh_from_db()
    duplicate.refresh_from_db()
    assert (item.duplicate_of, item.status) == (original, FeedbackStatus.DONE)
    assert (duplicate.duplicate_of, duplicate.status) == (original, FeedbackStatus.DONE)
    assert not Feedback.objects.filter(duplicate_of=item).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.email, item.author.email, second.email]
    )


@pytest.mark.parametrize("target", ["merged_elsewhere", "own_duplicate"])
def test_merging_into_an_item_that_is_itself_merged_is_refused_with_a_message(
    client, staff, item, target
):
    original = Feedback.objects.create(kind="bug", message="Original")
    elsewhere = Feedback.objects.create(kind="bug", message="Ailleurs", duplicate_of=original)
    own = Feedback.objects.create(kind="bug", message="Le mien", duplicate_of=item)
    chosen = {"merged_elsewhere": elsewhere, "own_duplicate": own}[target]
    expected = {
        "merged_elsewhere": f"#{elsewhere.pk} est lui-même fusionné avec #{original.pk}",
        "own_duplicate": f"#{own.pk} est lui-même fusionné avec #{item.pk}",
    }[target]
    client.force_login(staff)

    form = client.get(reverse("beta_feedback:edit", args=[item.pk])).content.decode()
    response = _triage(client, item, duplicate_of=chosen.pk)

    assert f'<option value="{original.pk}">' in form
    assert f'<option value="{chosen.pk}">' not in form  # only originals are offered
    assert response.status_code == 200
    assert expected in response.content.decode()
    item.refresh_from_db()
    assert item.duplicate_of is None


def test_the_service_refuses_a_merge_into_a_merged_item(staff, item):
    from feedback import services

    original = Feedback.objects.create(kind="bug", message="Original")
    merged = Feedback.objects.create(kind="bug", message="Fusionné", duplicate_of=original)
    item.duplicate_of = merged

    with translation.override("en"), pytest.raises(services.MergeRefused) as refused:
        services.triage(feedback=item, user=staff)

    assert str(refused.value) == (
        f"#{merged.pk} is itself merged into #{original.pk}: merge into #{original.pk} instead."
    )
    assert Feedback.objects.get(pk=item.pk).duplicate_of is None


def test_the_board_filters_by_status_kind_section_and_cohort(client, staff, item, cohort):
    Feedback.objects.create(kind="idea", message="Autre idée", status=FeedbackStatus.DONE)
    client.force_login(staff)
    index = reverse("beta_feedback:index")

    for query in ("status=new", "kind=bug", "section=studio", f"cohort={cohort.pk}"):
        html = client.get(f"{index}?{query}").content.decode()
        assert "Le son se coupe" in html, query
        assert "Autre idée" not in html, query


def test_the_board_filters_by_page(client, staff, item, section_page):
    page = section_page("campus")
    item.page = page.page_ptr
    item.save()
    Feedback.objects.create(kind="idea", message="Sans page")
    client.force_login(staff)

    html = client.get(f"{reverse('beta_feedback:index')}?page={page.pk}").content.decode()

    assert "Le son se coupe" in html
    assert "Sans page" not in html


def test_staff_export_the_feedback_as_csv(client, staff, item):
    client.force_login(staff)

    response = client.get(reverse("beta_feedback:index") + "?export=csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert "Le son se coupe" in rows[0].values()
    assert "42.5" in rows[0].values()


def test_the_summary_counts_by_kind_and_status_and_averages_ratings_per_week(client, staff, item):
    Feedback.objects.create(kind="bug", rating=4, message="b", section="studio")
    Feedback.objects.create(kind="idea", rating=5, message="c", section="campus")
    client.force_login(staff)

    response = client.get("/admin/beta/summary/")

    assert response.status_code == 200
    totals_by_kind = [total for _label, _cells, total in response.context["rows"]]
    assert totals_by_kind == [2, 1, 0, 0, 0]  # bug, idea, content, accessibility, other
    assert response.context["grand_total"] == 3
    [(_week, cells)] = response.context["weeks"]
    averages = dict(zip([value for value, _ in response.context["sections"]], cells, strict=True))
    assert averages["studio"] == (3.0, 2)
    assert averages["campus"] == (5.0, 1)
    assert averages["hub"] is None


@pytest.mark.parametrize("who", ["teacher", "moderator", "admitted"])
def test_only_staff_triage(client, request, who, item):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("beta_feedback:index")).status_code in (302, 403)
    assert client.get("/admin/beta/summary/").status_code in (302, 403)
    assert _triage(client, item, status="done").status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == FeedbackStatus.NEW
