"""The licence rules on the resource form of the Wagtail admin (the same `clean` everywhere)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from learning_hub.forms import licence_errors
from learning_hub.models import ResourcePage

pytestmark = pytest.mark.django_db


def _post(client, hub, *, licence, sources=(), permission_note="", publish=False):
    data = nested_form_data(
        {
            "title": "Adaptation",
            "slug": "adaptation",
            "summary": "Une adaptation.",
            "body": streamfield([]),
            "resource_type": "exercise",
            "discipline": "music",
            "level": "beginner",
            "language": "fr",
            "licence": licence,
            "permission_note": permission_note,
            "authors": inline_formset([{"name": "Inès", "role": ""}]),
            "works": inline_formset([]),
            "sources": inline_formset([{"source": source.pk} for source in sources]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:add", args=("learning_hub", "resourcepage", hub.pk))
    return client.post(url, data)


def test_the_admin_refuses_to_derive_from_a_no_derivatives_resource(
    client, superuser, hub, make_resource
):
    source = make_resource(title="Podcast", licence="cc-by-nd")
    client.force_login(superuser)

    response = _post(client, hub, licence="cc-by", sources=[source])

    assert response.status_code == 200
    errors = response.context["form"].errors["licence"]
    assert any("« Podcast » est sous licence CC BY-ND 4.0" in error for error in errors)
    assert not ResourcePage.objects.filter(slug="adaptation").exists()


def test_the_admin_requires_the_licence_of_a_share_alike_source(
    client, superuser, hub, make_resource
):
    source = make_resource(title="Détaché", licence="cc-by-sa")
    client.force_login(superuser)

    refused = _post(client, hub, licence="cc-by-nc", sources=[source])
    assert "choisissez CC BY-SA 4.0" in " ".join(refused.context["form"].errors["licence"])

    accepted = _post(client, hub, licence="cc-by-sa", sources=[source])
    assert accepted.status_code == 302
    page = ResourcePage.objects.get(slug="adaptation")
    assert [link.source_id for link in page.sources.all()] == [source.pk]


def test_all_rights_reserved_needs_a_permission_note(client, superuser, hub):
    client.force_login(superuser)

    response = _post(client, hub, licence="arr")
    assert response.context["form"].errors["permission_note"] == [
        "Une ressource « tous droits réservés » demande l’autorisation de l’ayant droit : "
        "indiquez qui l’a donnée, et quand."
    ]
    assert not ResourcePage.objects.filter(slug="adaptation").exists()

    assert (
        _post(client, hub, licence="arr", permission_note="Accord écrit, 2026").status_code == 302
    )


def test_a_resource_cannot_be_published_without_a_licence(client, superuser, hub):
    client.force_login(superuser)

    response = _post(client, hub, licence="", publish=True)

    assert response.context["form"].errors["licence"] == ["Champ requis."]
    assert not ResourcePage.objects.filter(slug="adaptation").exists()


def test_the_shared_rules_answer_per_field(make_resource):
    nd = make_resource(title="ND", licence="cc-by-nd")
    errors = licence_errors(licence="cc-by", permission_note="", sources=[nd])
    assert list(errors) == ["licence"]
    assert licence_errors(licence="cc-by", permission_note="", sources=[]) == {}


def test_the_admin_requires_a_non_commercial_licence_for_a_non_commercial_source(
    client, superuser, hub, make_resource
):
    source = make_resource(title="Sonatine", licence="cc-by-nc")
    client.force_login(superuser)

    refused = _post(client, hub, licence="cc-by", sources=[source])
    assert refused.context["form"].errors["licence"] == [
        "« Sonatine » est sous licence CC BY-NC 4.0, qui interdit l’usage commercial, et toute "
        "œuvre qui en dérive doit l’interdire aussi : choisissez CC BY-NC 4.0, CC BY-NC-SA 4.0 "
        "ou CC BY-NC-ND 4.0."
    ]
    assert not ResourcePage.objects.filter(slug="adaptation").exists()

    assert _post(client, hub, licence="cc-by-nc-sa", sources=[source]).status_code == 302
