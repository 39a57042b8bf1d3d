import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts import gdpr
from accounts.models import User
from core.models import Instrument

pytestmark = pytest.mark.django_db


def _png(size=(32, 32)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile("portrait.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def section_hooks(monkeypatch):
    """Register an exporter and an eraser the way a higher app would."""
    erased = []
    monkeypatch.setattr(gdpr, "_exporters", {"campus": lambda user: {"courses": ["violon-1"]}})
    monkeypatch.setattr(gdpr, "_erasers", {"campus": lambda user: erased.append(user.pk)})
    return erased


def test_data_export_is_a_json_attachment_with_every_section(client, member, section_hooks):
    violin = Instrument.objects.create(name_fr="Violon", name_en="Violin", slug="violon")
    member.instruments.add(violin)
    client.force_login(member)

    response = client.post(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["instruments"] == ["violon"]
    assert data["account"]["email_addresses"] == [
        {"email": member.email, "verified": True, "primary": True}
    ]
    assert data["campus"] == {"courses": ["violon-1"]}


def test_data_export_needs_a_login(client):
    response = client.post(reverse("accounts:data_export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_deletion_with_a_wrong_password_keeps_everything(client, member, section_hooks):
    client.force_login(member)

    response = client.post(
        reverse("accounts:delete"), {"password": "not-my-password", "confirm": "on"}
    )

    assert response.status_code == 200
    assert "Type your current password" in response.content.decode() or "mot de passe" in (
        response.content.decode()
    )
    assert User.objects.filter(pk=member.pk).exists()
    assert section_hooks == []


def test_deletion_erases_the_account_its_files_and_logs_out(
    client, member, password, section_hooks, django_capture_on_commit_callbacks
):
    member.avatar = _png()
    member.save()
    avatar_name = member.avatar.name
    assert default_storage.exists(avatar_name)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": password, "confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    assert not default_storage.exists(avatar_name)
    assert section_hooks == [member.pk]
    assert "_auth_user_id" not in client.session


def test_a_failing_eraser_leaves_the_account_and_its_files(client, member, password, monkeypatch):
    def broken(user):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr(gdpr, "_erasers", {"hub": broken})
    member.avatar = _png()
    member.save()
    client.force_login(member)
    client.raise_request_exception = False

    response = client.post(reverse("accounts:delete"), {"password": password, "confirm": "on"})

    assert response.status_code == 500
    assert User.objects.filter(pk=member.pk).exists()
    assert default_storage.exists(member.avatar.name)
