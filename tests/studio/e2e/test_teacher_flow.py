"""The whole studio journey in Chromium, with a real worker: upload, confirm, process, play."""

import re

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accounts.roles import Role
from media_pipeline import services as media_services
from studio.models import Recording, RecordingCaption, Visibility
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nLa note tenue vient de la gauche.\n"


@pytest.fixture
def teacher_page(page, live_server, demo_site):
    teacher = UserFactory(roles=[Role.TEACHERS], email="prof360@example.org")
    # A real worker transcodes while the browser waits: leave room for a loaded machine.
    page.set_default_timeout(60_000)
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(teacher.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.teacher = teacher
    return page


def _play_and_wait(page):
    page.locator("[data-player] [data-player-play]").click()
    page.wait_for_function("() => document.querySelector('[data-player] video').currentTime > 0.3")


def test_a_teacher_uploads_confirms_and_plays_a_360_recording_with_spatial_sound(
    teacher_page,
    live_server,
    media_worker,
    app_clips,
):
    page = teacher_page
    worker = media_worker()
    page.goto(live_server.url + "/admin/studio/uploads/new/")
    page.get_by_label("Fichier de l’enregistrement").set_input_files(str(app_clips.equirectangular))

    # The upload ends on the status page; the worker's probe then asks for confirmation.
    expect(page).to_have_url(re.compile(r"/admin/studio/recordings/\d+/status/$"), timeout=60_000)
    projection = page.get_by_label("Image")
    expect(projection).to_be_visible(timeout=60_000)
    expect(projection).to_have_value("equirectangular")
    expect(page.get_by_label("Son")).to_have_value("ambix")
    expect(page.locator("img.studio-preview")).to_be_visible()
    page.get_by_role("button", name="Confirmer et traiter").click()

    open_player = page.get_by_role("link", name="Ouvrir le lecteur")
    expect(open_player).to_be_visible(timeout=120_000)
    recording = Recording.objects.get()
    assert recording.asset.state == "ready", worker.log()[-3000:]
    caption = RecordingCaption(recording=recording, language="fr", label="Français")
    caption.file.save("fr.vtt", ContentFile(CAPTIONS.encode()), save=True)
    open_player.click()

    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    page.evaluate("() => document.querySelector('[data-player]').player.ready")
    player = page.locator("[data-player]")
    _play_and_wait(page)

    canvas = player.locator("canvas.player__canvas")
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = page.evaluate("() => document.querySelector('[data-player]').player.view.yaw")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y, steps=6)
    page.mouse.up()
    after = page.evaluate("() => document.querySelector('[data-player]').player.view.yaw")
    assert after != before

    quality = player.locator('[data-player-menu="quality"]')
    quality.locator("[data-player-menu-button]").click()
    levels = quality.locator("[role=menuitemradio]").all_inner_texts()
    assert levels[0] == "Auto" and len(levels) == 1 + len(recording.asset.manifest["video"])
    page.keyboard.press("Escape")

    captions = player.locator('[data-player-menu="captions"]')
    captions.locator("[data-player-menu-button]").click()
    captions.get_by_role("menuitemradio", name="Français").click()
    # The clip lasts 2 s and may have ended by now: bring it back inside the cue.
    page.evaluate(
        "() => { const v = document.querySelector('[data-player] video');"
        " v.pause(); v.currentTime = 1; }"
    )
    expect(player.locator("[data-player-cue]")).to_have_text("La note tenue vient de la gauche.")


def test_a_flat_recording_plays_in_the_flat_player(
    page,
    demo_site,
    live_server,
    media_worker,
    app_clips,
    teacher,
):
    page.set_default_timeout(60_000)
    worker = media_worker()
    with app_clips.flat.open("rb") as handle:
        asset = media_services.asset_create(
            owner=teacher, file=File(handle, name="flat.mp4"), confirmed=True
        )
    recording = Recording.objects.create(
        owner=teacher, asset=asset, title="Gammes", visibility=Visibility.PUBLIC
    )
    for _attempt in range(600):
        asset.refresh_from_db()
        if asset.state in ("ready", "failed"):
            break
        page.wait_for_timeout(200)
    assert asset.state == "ready", worker.log()[-3000:]

    page.goto(live_server.url + recording.get_absolute_url())
    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    assert page.locator("[data-player] canvas").count() == 0
    _play_and_wait(page)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
