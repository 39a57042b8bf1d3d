"""Sending feedback with its context, the button, the rate limit and "My feedback"."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.models import Page

from feedback.models import Feedback, FeedbackNote, FeedbackReply, FeedbackStatus

pytestmark = pytest.mark.django_db

SEND = {"kind": "bug", "rating": "2", "message": "Le lecteur se fige à 0:42."}
EN_NEW = "/en/feedback/new/"
UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("shot.png", buffer.getvalue(), content_type="image/png")


def test_the_button_is_offered_to_volunteers_only(client, admitted, member, section_page):
    page = section_page("campus")

    client.force_login(member)
    assert "data-feedback-open" not in client.get(page.url).content.decode()
    client.force_login(admitted)
    html = client.get(page.url).content.decode()

    assert "data-feedback-open" in html
    assert f'name="page_id" value="{page.pk}"' in html


def test_the_button_is_offered_to_everyone_when_the_setting_says_so(client, phases, section_page):
    page = section_page("hub")
    phases.feedback_for_everyone = True
    phases.save()

    assert "data-feedback-open" in client.get(page.url).content.decode()


def test_feedback_is_stored_with_its_context_and_the_time_of_the_recording(
    client, admitted, cohort, section_page
):
    page = section_page("campus")
    client.force_login(admitted)

    response = client.post(
        reverse("feedback:new"),
        {
            **SEND,
            "url": page.url + "?tab=2",
            "page_id": page.pk,
            "screen_size": "1280x800",
            "media_time": "42.5",
            "screenshot": _png(),
        },
        headers={"accept": "application/json", "user-agent": UA},
    )

    assert response.status_code == 201
    item = Feedback.objects.get()
    assert response.json()["follow_url"] == item.get_absolute_url()
    assert (item.author, item.kind, item.rating, item.status) == (admitted, "bug", 2, "new")
    assert (item.url, item.page, item.page_title) == (
        page.url + "?tab=2",
        page.page_ptr,
        page.title,
    )
    assert (item.section, item.language, item.user_agent) == ("campus", "fr", UA)
    assert (item.screen_size, item.media_time, item.cohort) == ("1280x800", 42.5, cohort)
    assert item.screenshot.name.endswith(".png")


def test_the_section_of_a_view_is_found_from_its_address(client, admitted):
    client.force_login(admitted)

    client.post(EN_NEW, {**SEND, "url": reverse("studio:catalogue")})

    item = Feedback.objects.get()
    assert (item.section, item.language, item.page) == ("studio", "en", None)


def test_the_plain_form_works_without_javascript(client, admitted):
    client.force_login(admitted)

    form = client.get(reverse("feedback:new") + "?url=/studio/")
    response = client.post(reverse("feedback:new"), {**SEND, "url": "/studio/"})

    assert form.status_code == 200
    assert 'value="/studio/"' in form.content.decode()
    item = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("feedback:thanks", args=[item.uuid])
    thanks = client.get(response.url).content.decode()
    assert item.get_absolute_url() in thanks


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("message", "", "This field is required."),
        ("kind", "rant", "Select a valid choice."),
        ("rating", "9", "Select a valid choice."),
    ],
)
def test_bad_feedback_is_refused_with_a_message(client, admitted, field, value, message):
    client.force_login(admitted)

    response = client.post(EN_NEW, {**SEND, field: value}, headers={"accept": "application/json"})

    assert response.status_code == 400
    assert message in response.json()["errors"][field][0]["message"]
    assert not Feedback.objects.exists()


def test_a_screenshot_that_is_not_an_image_is_refused(client, admitted):
    client.force_login(admitted)
    fake = SimpleUploadedFile("shot.png", b"not an image", content_type="image/png")

    response = client.post(EN_NEW, {**SEND, "screenshot": fake})

    assert response.status_code == 400
    assert "Upload a valid image" in response.content.decode()


def test_an_address_of_another_site_is_not_kept(client, admitted):
    client.force_login(admitted)

    client.post(reverse("feedback:new"), {**SEND, "url": "https://evil.example/"})

    assert Feedback.objects.get().url == ""


def test_members_who_are_not_volunteers_are_invited_to_volunteer(client, member):
    client.force_login(member)

    response = client.post(reverse("feedback:new"), SEND)

    assert response.status_code == 403
    assert reverse("feedback:apply") in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_is_rate_limited(client, settings, admitted):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    client.force_login(admitted)
    url = EN_NEW

    statuses = [
        client.post(url, SEND, headers={"accept": "application/json"}).status_code for _ in range(3)
    ]
    page = client.post(url, SEND)

    assert statuses == [201, 201, 429]
    assert page.status_code == 429
    assert "please wait a while" in page.content.decode()
    assert Feedback.objects.count() == 2


def test_my_feedback_shows_status_and_replies_but_never_internal_notes(
    client, admitted, member, staff
):
    mine = Feedback.objects.create(
        author=admitted, kind="idea", message="Ralentir la lecture", status=FeedbackStatus.PLANNED
    )
    FeedbackReply.objects.create(feedback=mine, author=staff, text="Bonne idée, c'est prévu.")
    FeedbackNote.objects.create(feedback=mine, author=staff, text="SECRET: voir avec l'équipe")
    Feedback.objects.create(author=member, kind="bug", message="Quelqu'un d'autre")
    client.force_login(admitted)

    html = client.get("/en/feedback/mine/").content.decode()

    assert "Ralentir la lecture" in html
    assert "Planned" in html
    assert "Bonne idée, c&#x27;est prévu." in html
    assert "SECRET" not in html
    assert "Quelqu" not in html


def test_a_member_cannot_follow_someone_elses_feedback(client, admitted, member):
    item = Feedback.objects.create(author=member, kind="bug", message="x")
    client.force_login(admitted)

    assert client.get(item.get_absolute_url()).status_code == 404


def test_without_javascript_the_button_links_to_the_page_form_with_the_context(
    client, admitted, section_page
):
    page = section_page("campus")
    client.force_login(admitted)

    html = client.get(page.url).content.decode()

    assert f'href="{reverse("feedback:new")}?url=%2Fpage-campus%2F&amp;page={page.pk}"' in html


def test_a_visitor_may_send_feedback_when_it_is_open_to_everyone(client, phases):
    phases.feedback_for_everyone = True
    phases.save()

    response = client.post(EN_NEW, {**SEND, "url": "/"}, headers={"accept": "application/json"})

    assert response.status_code == 201
    assert "follow_url" not in response.json()  # nothing to follow without an account
    assert Feedback.objects.get().author is None


def test_a_screenshot_over_the_limit_is_refused_with_its_size(admitted):
    from django.core.exceptions import ValidationError

    from feedback.validators import SCREENSHOT_MAX_BYTES, validate_screenshot

    big = SimpleUploadedFile("big.png", b"0" * (SCREENSHOT_MAX_BYTES + 1024 * 1024))

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_screenshot(big)
        assert refused.value.messages == [
            "The screenshot is too large (6.0\xa0MB); the limit is 5.0\xa0MB."
        ]


def test_a_page_id_that_does_not_match_the_address_is_not_kept(client, admitted, section_page):
    page = section_page("campus")
    other = Page.objects.get(depth=2).add_child(instance=Page(title="Autre page", slug="autre"))
    client.force_login(admitted)

    client.post(EN_NEW, {**SEND, "url": other.url, "page_id": page.pk})
    client.post(EN_NEW, {**SEND, "url": "", "page_id": page.pk})  # no address at all

    assert list(Feedback.objects.order_by("pk").values_list("page", "page_title", "section")) == [
        (None, "", ""),
        (None, "", ""),
    ]


def test_a_page_id_is_kept_for_an_address_of_that_page(client, admitted, section_page):
    page = section_page("hub")
    client.force_login(admitted)

    client.post(EN_NEW, {**SEND, "url": f"{page.url}#player", "page_id": page.pk})

    item = Feedback.objects.get()
    assert (item.page_id, item.page_title, item.section) == (page.pk, page.title, "hub")


def test_the_thank_you_page_is_shown_to_the_person_who_sent_the_feedback_only(
    client, admitted, member, phases
):
    phases.feedback_for_everyone = True
    phases.save()
    client.force_login(admitted)
    by_volunteer = client.post(reverse("feedback:new"), {**SEND, "url": "/"}).url
    client.logout()
    by_visitor = client.post(reverse("feedback:new"), {**SEND, "url": "/"}).url

    assert client.get(by_visitor).status_code == 200  # the visitor, in the same browser
    assert client.get(by_volunteer).status_code == 404
    client.force_login(member)
    assert client.get(by_volunteer).status_code == 404
    client.force_login(admitted)
    assert client.get(by_volunteer).status_code == 200
    other_browser = Client()
    assert other_browser.get(by_visitor).status_code == 404
