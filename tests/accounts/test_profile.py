import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import Instrument

pytestmark = pytest.mark.django_db


def _image(fmt="PNG", size=(40, 40), name="me.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def _profile_data(**overrides):
    data = {
        "display_name": "Jeanne Violon",
        "first_name": "Jeanne",
        "last_name": "Martin",
        "preferred_language": "en",
        "institution": "CRR de Lyon",
        "bio": "Violoniste baroque.",
    }
    data.update(overrides)
    return data


def test_profile_saves_the_musician_profile(client, member):
    violin = Instrument.objects.create(name_fr="Violon", name_en="Violin", slug="violon")
    client.force_login(member)

    response = client.post(
        reverse("accounts:profile"),
        _profile_data(instruments=[violin.pk], avatar=_image()),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Jeanne Violon"
    assert member.preferred_language == "en"
    assert list(member.instruments.all()) == [violin]
    assert member.avatar.name.startswith("avatars/")
    assert member.email.split("@")[0] not in member.avatar.name


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_message(client, member):
    client.force_login(member)
    fake = SimpleUploadedFile("me.png", b"<html><script>alert(1)</script></html>")

    response = client.post(reverse("accounts:profile"), _profile_data(avatar=fake))

    assert response.status_code == 200
    assert "JPEG, PNG" in response.content.decode()
    member.refresh_from_db()
    assert not member.avatar
    assert member.display_name != "Jeanne Violon"


def test_an_unaccepted_image_format_is_refused(client, member):
    client.force_login(member)

    response = client.post(
        reverse("accounts:profile"), _profile_data(avatar=_image("GIF", name="me.gif"))
    )

    assert response.status_code == 200
    assert "GIF" in response.content.decode()


def test_a_too_large_avatar_is_refused_with_the_limit(client, member, settings):
    settings.AVATAR_MAX_BYTES = 100
    client.force_login(member)

    response = client.post(reverse("accounts:profile"), _profile_data(avatar=_image()))

    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.avatar


def test_public_name_never_falls_back_to_the_email(member):
    member.display_name = ""
    member.first_name = member.last_name = ""

    assert member.email not in str(member)
    assert str(member.pk) in str(member)
