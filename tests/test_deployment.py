"""The deployment files agree with the settings: compose, production checks, .env.example, make."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ["web", "worker", "media-worker", "beat"]
ENV_READ = re.compile(
    r"""(?:\benv|Env\(\)|os\.environ\.get|os\.getenv)(?:\.[a-z_]+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def _run(command, env):
    """Run `command` from the project's root with `env`; return the completed process."""
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def settings_variables():
    """Return the environment variables that config/ reads through django-environ or os."""
    names = set()
    for path in (ROOT / "config").rglob("*.py"):
        names.update(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def command_of(service):
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_settings_variables_are_found_by_the_parser():
    assert {"SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "VAR_DIR"} <= settings_variables()


def test_compose_defines_every_service_of_a_production_deployment(compose):
    services = compose["services"]
    for name in [*APP_SERVICES, "postgres", "redis", "minio", "create-bucket", "migrate"]:
        assert name in services, name
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "minio" in services["minio"]["image"]
    for name in ["postgres", "redis", "minio"]:
        assert "healthcheck" in services[name], name
        assert services[name]["volumes"], name


def test_compose_workers_consume_their_own_queue(compose):
    services = compose["services"]
    assert "--queues=default" in command_of(services["worker"])
    assert "--queues=media" in command_of(services["media-worker"])
    assert "beat" in command_of(services["beat"])
    assert command_of(services["web"]).startswith("gunicorn config.wsgi")


def test_compose_limits_the_memory_of_media_workers(compose):
    limits = compose["services"]["media-worker"]["deploy"]["resources"]["limits"]
    assert limits["memory"]


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_compose_gives_each_app_service_the_production_environment(compose, name):
    environment = compose["services"][name]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    for variable in [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        "CACHE_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "WAGTAILADMIN_BASE_URL",
        "EMAIL_URL",
        "DEFAULT_FROM_EMAIL",
    ]:
        assert variable in environment, variable
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert "redis://redis:6379/" in environment["CELERY_BROKER_URL"]
    assert ":?" in environment["SECRET_KEY"], "a missing secret must stop compose"


def test_compose_passes_only_variables_the_settings_read(compose):
    environment = compose["x-app-environment"]
    unknown = set(environment) - settings_variables() - {"DJANGO_SETTINGS_MODULE"}
    assert not unknown


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_compose_starts_app_services_after_their_backing_services(compose, name):
    depends_on = compose["services"][name]["depends_on"]
    for backing in ["postgres", "redis", "minio"]:
        assert depends_on[backing]["condition"] == "service_healthy", backing
    assert depends_on["create-bucket"]["condition"] == "service_completed_successfully"
    if name != "migrate":
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_production_settings_pass_the_deployment_checks(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in settings_variables()
        # The browser tests relax async safety for their own process; production never does.
        and key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "campus.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "VAR_DIR": str(tmp_path / "var"),
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
            "CACHE_URL": "redis://127.0.0.1:6379/2",
            "WAGTAILADMIN_BASE_URL": "https://campus.example.org",
            "AWS_STORAGE_BUCKET_NAME": "conservatoire",
            "AWS_S3_ENDPOINT_URL": "https://media.example.org",
            "AWS_ACCESS_KEY_ID": "conservatoire-app",
            "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(32),
            "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
            "DEFAULT_FROM_EMAIL": "Conservatoire <noreply@campus.example.org>",
        }
    )
    result = _run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--settings=config.settings.production",
            "--fail-level=WARNING",
        ],
        environment,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "warning" not in output.lower(), output


def test_production_settings_refuse_a_short_secret_key(tmp_path):
    environment = {
        **os.environ,
        "SECRET_KEY": "too-short",
        "ALLOWED_HOSTS": "campus.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
        "WAGTAILADMIN_BASE_URL": "https://campus.example.org",
    }
    result = _run(
        [sys.executable, "manage.py", "check", "--settings=config.settings.production"], environment
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string of at least 50 characters." in result.stderr


def test_env_example_names_every_variable_the_settings_read():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    assert not settings_variables() - documented


def test_env_example_sets_nothing_by_default():
    """Copying .env.example to .env must leave `make run` on its embedded defaults."""
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    assigned = re.findall(r"^[A-Z][A-Z0-9_]*=", text, flags=re.MULTILINE)
    assert not assigned


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("run", ["migrate --noinput", "load_demo_content", "honcho"]),
        ("test", ["lint-imports", "makemigrations --check", "pytest"]),
    ],
)
def test_makefile_front_doors_parse(target, expected):
    # A parent make (make test) must not leak its flags into this one.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    }
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for fragment in expected:
        assert fragment in result.stdout, fragment


def test_production_settings_accept_signatures_of_the_previous_secret_key(tmp_path):
    # Rotating SECRET_KEY must not sign everyone out at once: the old key stays a fallback.
    from django.core import signing

    old_key, new_key = secrets.token_urlsafe(64), secrets.token_urlsafe(64)
    signed = signing.dumps("session of a student", key=old_key, salt="rotation")
    environment = {
        **os.environ,
        "SECRET_KEY": new_key,
        "SECRET_KEY_FALLBACKS": old_key,
        "ALLOWED_HOSTS": "campus.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
        "WAGTAILADMIN_BASE_URL": "https://campus.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    script = (
        "import django, sys; django.setup(); from django.core import signing; "
        "print(signing.loads(sys.argv[1], salt='rotation'))"
    )
    result = _run([sys.executable, "-c", script, signed], environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "session of a student"
    environment["SECRET_KEY_FALLBACKS"] = ""
    result = _run([sys.executable, "-c", script, signed], environment)
    assert "BadSignature" in result.stderr


def test_log_lines_name_their_time_level_logger_and_process(tmp_path):
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('media_pipeline.services').warning('Asset 7 failed: disk full')"
    )
    result = _run(
        [sys.executable, "-c", script],
        {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} WARNING media_pipeline\.services \[\d+\] "
        r"Asset 7 failed: disk full\n",
        result.stderr,
    ), result.stderr


def test_production_settings_check_persistent_connections_before_reusing_them(tmp_path):
    environment = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "campus.example.org",
        "DATABASE_URL": "postgres://conservatoire@db.example.org:5432/conservatoire",
        "CONN_MAX_AGE": "60",
        "VAR_DIR": str(tmp_path / "var"),
        "WAGTAILADMIN_BASE_URL": "https://campus.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    script = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    result = _run([sys.executable, "-c", script], environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]
