"""Every response carries the security headers: a script policy without inline scripts
outside the admin, the browser features the platform uses and nothing more."""

import pytest

from core.security import origin_of

pytestmark = pytest.mark.django_db


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_a_page_allows_only_our_own_script_files(client, demo_pages):
    response = client.get(demo_pages.home.url)

    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_a_page_lets_the_players_use_blobs_for_streams(client, demo_pages):
    directives = _directives(client.get(demo_pages.home.url))

    assert "blob:" in directives["media-src"]  # hls.js feeds the video through MediaSource
    assert "blob:" in directives["worker-src"]  # and transmuxes in a worker


def test_the_object_storage_in_use_may_serve_media_and_receive_upload_parts(
    settings, client, demo_pages
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaS3Storage",
            "OPTIONS": {"bucket_name": "media", "endpoint_url": "http://127.0.0.1:9000"},
        },
    }
    settings.CSP_MEDIA_ORIGINS = ["https://media.example.org"]

    directives = _directives(client.get(demo_pages.home.url))

    for name in ("img-src", "media-src", "connect-src"):
        assert "http://127.0.0.1:9000" in directives[name]
        assert "https://media.example.org" in directives[name]
    assert "http://127.0.0.1:9000" not in directives["script-src"]


def test_media_served_from_this_origin_add_no_origin(client, demo_pages):
    directives = _directives(client.get(demo_pages.home.url))

    assert directives["connect-src"] == ["'self'"]


def test_the_origins_of_absolute_media_urls_are_derived_from_the_settings():
    assert origin_of("https://cdn.example.org/media/") == "https://cdn.example.org"
    assert origin_of("http://127.0.0.1:9000") == "http://127.0.0.1:9000"
    assert origin_of("/media/") is None
    assert origin_of("") is None


def test_the_admin_alone_allows_the_inline_scripts_of_wagtail(client, superuser, demo_pages):
    client.force_login(superuser)

    admin = _directives(client.get("/admin/"))
    site = _directives(client.get(demo_pages.home.url))

    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" not in site["script-src"]
    assert admin["object-src"] == ["'none'"]  # the rest of the admin's policy stays strict


def test_the_admin_prefix_does_not_relax_a_page_whose_address_only_resembles_it(client, demo_pages):
    directives = _directives(client.get("/administration/"))

    assert directives["script-src"] == ["'self'"]


def test_every_response_names_the_browser_features_it_may_use(client, demo_pages):
    response = client.get(demo_pages.home.url)

    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"
    assert features["fullscreen"].startswith("(self")  # the 360° player goes full screen
    assert features["gyroscope"] == "(self)"  # and follows the device's orientation


def test_every_response_forbids_content_sniffing_and_limits_the_referrer(client, demo_pages):
    response = client.get(demo_pages.home.url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
