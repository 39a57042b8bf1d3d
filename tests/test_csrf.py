"""Every view that changes state checks the CSRF token, save the few listed here, each for
a stated reason; a new exemption fails the test until it is justified in this table."""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

# View → why it may skip Django's CSRF check.
EXEMPT = {
    "studio.uploads.views.receive_part": (
        "PUT of an upload part: the signed token in its URL (bound to the upload, the part "
        "and the user, short-lived) authorises it, as a presigned S3 URL would"
    ),
    "studio.uploads.views.purpose_receive_part": "the same, for uploads of a purpose",
    # Django REST framework marks its views exempt and checks CSRF itself, in
    # SessionAuthentication, for every unsafe method of a signed-in session.
    "wagtail.admin.api.views.PagesAdminAPIViewSet": "DRF: checks CSRF itself (tested below)",
    "wagtail.documents.api.admin.views.DocumentsAdminAPIViewSet": "DRF, read-only",
    "wagtail.images.api.admin.views.ImagesAdminAPIViewSet": "DRF, read-only",
    "learning_hub.api.ResourcesAPIViewSet": "DRF, read-only public API of the hub",
}


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        else:
            callback = pattern.callback
            cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            target = cls or callback
            yield f"{target.__module__}.{target.__qualname__}", callback


def test_no_view_skips_the_csrf_check_without_a_reason():
    exempt = {
        name
        for name, view in _views(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False)
    }

    assert exempt - EXEMPT.keys() == set(), "exempt from CSRF without a reason in EXEMPT"
    assert EXEMPT.keys() - exempt == set(), "listed in EXEMPT but no longer exempt"


@pytest.mark.django_db
def test_the_admin_api_refuses_an_action_posted_without_the_token(superuser):
    from wagtail.models import Page

    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    page = Page.objects.filter(depth=2).first()

    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        {"destination_page_id": page.get_parent().pk},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/feedback/new/"],
)
def test_forms_refuse_a_post_without_the_token(url):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url, {"message": "x"})

    assert response.status_code == 403
