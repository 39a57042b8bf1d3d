"""A teacher uploads a recording through the admin in Chromium: parts, progress, next screen."""

import json
import os
import re
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import Role
from studio.models import Recording, Upload
from studio.uploads.models import UploadState
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import PASSWORD, UserFactory

from .conftest import grant_upload

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024

# Records every percentage shown, in sessionStorage, so it survives the redirect at the end.
RECORD_PROGRESS = """() => {
  const percent = document.querySelector("[data-upload-percent]");
  const seen = [];
  new MutationObserver(() => {
    seen.push(percent.textContent);
    sessionStorage.setItem("progress", JSON.stringify(seen));
  }).observe(percent, {childList: true, characterData: true, subtree: true});
}"""


def wait_until(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


MESSAGES_SHOWN = """() => {
  const box = document.querySelector(".messages");
  if (!box || !box.querySelector("li")) return true;
  return document.getAnimations().every(
    (a) => !(a.effect && a.effect.target && box.contains(a.effect.target))
      || a.playState !== "running");
}"""


@pytest.fixture
def logged_in_teacher(page, transactional_db):
    teacher = grant_upload(UserFactory(roles=[Role.TEACHERS]))
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(teacher.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return teacher


@pytest.fixture
def probes(monkeypatch):
    """Catch the probe jobs a finished upload queues: no worker runs in this test."""
    queued = []
    monkeypatch.setattr(
        "media_pipeline.tasks.probe_asset.apply_async",
        lambda args, **options: queued.append(args[0]),
    )
    return queued


def test_the_upload_screen_has_no_wcag_violation(page, logged_in_teacher):
    page.goto(reverse("studio_uploads:new"))
    expect(page.get_by_label("Fichier de l’enregistrement")).to_be_visible()
    # The login's message slides in; measure its contrast once it is shown, not mid-way.
    page.wait_for_function(MESSAGES_SHOWN)

    violations = axe_violations(page)

    assert violations == [], format_violations(violations)


def test_a_teacher_uploads_a_file_in_parts_sees_progress_and_lands_on_its_status(
    page, logged_in_teacher, probes
):
    data = os.urandom(11 * MIB)
    page.goto(reverse("studio_uploads:new"))
    page.locator("[data-studio-upload]").evaluate(f"el => el.dataset.chunkSize = '{5 * MIB}'")
    page.evaluate(RECORD_PROGRESS)
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)
    cut = []

    def cut_part_two_once(route):
        if not cut:
            cut.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/parts/2/?token=*", cut_part_two_once)

    page.get_by_label("Fichier de l’enregistrement").set_input_files(
        {"name": "Répétition quatuor.mp4", "mimeType": "video/mp4", "buffer": data}
    )

    page.wait_for_url("**/status/", timeout=60_000)
    recording = Recording.objects.get(owner=logged_in_teacher)
    assert page.url.endswith(reverse("studio_recording_status", args=[recording.pk]))
    progress = json.loads(page.evaluate("sessionStorage.getItem('progress')"))
    assert progress[-1] == "100 %"
    assert len(progress) > 2
    assert cut, "the network cut of part 2 did not happen"
    assert sorted({url.split("/parts/")[1].split("/")[0] for url in puts}) == ["1", "2", "3"]
    asset = recording.asset
    assert asset.source.name == f"media/sources/{asset.uuid}/source.mp4"
    assert asset.source_size == len(data)
    with default_storage.open(asset.source.name, "rb") as stored:
        assert stored.read() == data
    assert len(probes) == 1


def test_after_a_page_reload_the_upload_resumes_with_the_parts_already_sent(
    page, logged_in_teacher, probes, parts_dir
):
    data = os.urandom(9 * MIB)
    page.goto(reverse("studio_uploads:new"))
    page.locator("[data-studio-upload]").evaluate(f"el => el.dataset.chunkSize = '{5 * MIB}'")
    page.route("**/parts/2/?token=*", lambda route: route.abort("internetdisconnected"))
    page.get_by_label("Fichier de l’enregistrement").set_input_files(
        {"name": "Prise longue.mkv", "mimeType": "video/x-matroska", "buffer": data}
    )
    page.wait_for_function(
        "() => document.querySelector('[data-upload-progress]').value >= 50", timeout=30_000
    )
    [folder] = parts_dir.iterdir()
    assert [p.name[:10] for p in folder.glob("part-*")] == ["part-00001"]

    # The page is reloaded while part 2 cannot get through; the network comes back after.
    page.reload()
    page.unroute("**/parts/2/?token=*")
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)
    restore = page.get_by_role("button", name="Reprendre l’envoi")
    expect(restore).to_be_visible()
    expect(page.get_by_text("L’envoi de Prise longue.mkv a été interrompu.")).to_be_visible()
    restore.click()

    page.wait_for_url("**/status/", timeout=60_000)
    assert [url.split("/parts/")[1].split("/")[0] for url in puts] == ["2"]
    recording = Recording.objects.get(owner=logged_in_teacher)
    with default_storage.open(recording.asset.source.name, "rb") as stored:
        assert stored.read() == data


def start_with_part_two_blocked(page, size):
    page.goto(reverse("studio_uploads:new"))
    page.locator("[data-studio-upload]").evaluate(f"el => el.dataset.chunkSize = '{5 * MIB}'")
    page.route("**/parts/2/?token=*", lambda route: route.abort("internetdisconnected"))
    page.get_by_label("Fichier de l’enregistrement").set_input_files(
        {"name": "Essai.webm", "mimeType": "video/webm", "buffer": os.urandom(size)}
    )
    page.wait_for_function(
        "() => document.querySelector('[data-upload-progress]').value >= 50", timeout=30_000
    )


def test_pause_then_resume_finishes_the_upload(page, logged_in_teacher, probes):
    start_with_part_two_blocked(page, 9 * MIB)

    page.get_by_role("button", name="Pause").click()
    expect(page.locator("[data-upload-status]")).to_have_text("Envoi en pause.")
    page.unroute("**/parts/2/?token=*")
    page.get_by_role("button", name="Reprendre", exact=True).click()

    page.wait_for_url("**/status/", timeout=60_000)
    assert Recording.objects.get(owner=logged_in_teacher).asset.source_size == 9 * MIB


def test_cancel_deletes_the_parts_already_sent(page, logged_in_teacher, parts_dir):
    start_with_part_two_blocked(page, 9 * MIB)
    [folder] = parts_dir.iterdir()

    page.get_by_role("button", name="Annuler l’envoi").click()

    expect(page.locator("[data-upload-status]")).to_have_text(
        "Envoi annulé : rien n’a été conservé."
    )
    expect(page.locator("[data-upload-progress]")).to_have_js_property("value", 0)
    wait_until(lambda: Upload.objects.get().state == UploadState.ABORTED)
    assert not folder.exists()
    assert not Recording.objects.exists()


def test_a_large_file_is_chosen_again_after_a_reload_and_its_upload_resumes(
    page, logged_in_teacher, probes, parts_dir, tmp_path
):
    # Over 10 MiB, Golden Retriever keeps the upload's state but not the file itself.
    data = os.urandom(11 * MIB)
    source = tmp_path / "Grand concert.mp4"
    source.write_bytes(data)
    blocked = re.compile(r"/parts/[23]/\?token=")
    page.goto(reverse("studio_uploads:new"))
    page.locator("[data-studio-upload]").evaluate(f"el => el.dataset.chunkSize = '{5 * MIB}'")
    page.route(blocked, lambda route: route.abort("internetdisconnected"))
    page.get_by_label("Fichier de l’enregistrement").set_input_files(source)
    wait_until(lambda: any(parts_dir.glob("*/part-00001-*")), timeout=30)

    page.reload()
    page.unroute(blocked)
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)
    expect(page.get_by_text("Sélectionnez à nouveau le même fichier")).to_be_visible()
    page.get_by_label("Fichier de l’enregistrement").set_input_files(source)

    page.wait_for_url("**/status/", timeout=60_000)
    assert sorted(url.split("/parts/")[1].split("/")[0] for url in puts) == ["2", "3"]
    recording = Recording.objects.get(owner=logged_in_teacher)
    with default_storage.open(recording.asset.source.name, "rb") as stored:
        assert stored.read() == data


def test_with_s3_the_browser_sends_the_parts_straight_to_the_bucket(
    page, logged_in_teacher, probes, s3_storage
):
    client, bucket = s3_storage
    client.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": ["*"],
                    "AllowedMethods": ["PUT"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                }
            ]
        },
    )
    data = os.urandom(11 * MIB)
    page.goto(reverse("studio_uploads:new"))
    page.locator("[data-studio-upload]").evaluate(f"el => el.dataset.chunkSize = '{5 * MIB}'")
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)

    page.get_by_label("Fichier de l’enregistrement").set_input_files(
        {"name": "Orgue.mov", "mimeType": "video/quicktime", "buffer": data}
    )

    page.wait_for_url("**/status/", timeout=60_000)
    assert len(puts) == 3
    assert all(url.startswith(client.meta.endpoint_url) for url in puts)
    recording = Recording.objects.get(owner=logged_in_teacher)
    stored = client.get_object(Bucket=bucket, Key=recording.asset.source.name)["Body"].read()
    assert stored == data
