"""/healthz: 200 when every service answers, 503 naming the one that does not."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

BROKEN_REDIS = "redis://:s3cret-password@127.0.0.1:1/0"


def _checks(response):
    return response.json()["checks"]


def test_healthz_is_ok_when_every_service_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert set(_checks(response)) == {"database", "broker", "cache", "storage"}
    assert all(check["status"] == "ok" for check in _checks(response).values())
    assert "no-cache" in response["Cache-Control"]


@override_settings(CELERY_BROKER_URL=BROKEN_REDIS, CELERY_BROKER_TRANSPORT_OPTIONS={})
def test_healthz_is_503_and_names_the_broker_when_the_broker_is_down(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert _checks(response)["broker"] == {
        "status": "error",
        "duration_ms": _checks(response)["broker"]["duration_ms"],
        "error": "OperationalError",
    }
    assert _checks(response)["database"]["status"] == "ok"
    assert b"s3cret-password" not in response.content
    assert b"127.0.0.1" not in response.content


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": BROKEN_REDIS,
        }
    }
)
def test_healthz_is_503_and_names_the_cache_when_the_cache_is_down(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert _checks(response)["cache"]["status"] == "error"
    assert _checks(response)["cache"]["error"] == "ConnectionError"
    assert _checks(response)["broker"]["status"] == "ok"
    assert b"s3cret-password" not in response.content


def test_healthz_is_503_and_names_the_storage_when_files_cannot_be_written(
    client, settings, tmp_path
):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    settings.MEDIA_ROOT = not_a_folder

    response = client.get("/healthz")

    assert response.status_code == 503
    assert _checks(response)["storage"]["status"] == "error"
    assert _checks(response)["storage"]["error"] in {"FileExistsError", "NotADirectoryError"}


def test_healthz_leaves_no_probe_file_behind(client, settings):
    client.get("/healthz")

    assert not any(settings.MEDIA_ROOT.rglob("*.txt"))


def test_healthz_answers_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
