"""The Studio player in Chromium, on packages the media engine made."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, format_violations
from tests.studio.e2e.conftest import Handler

PLAYER = "[data-player]"


def open_player(page, url):
    page.goto(url)
    page.wait_for_function("() => document.querySelector('[data-player]')?.player")
    page.evaluate("() => document.querySelector('[data-player]').player.ready")
    return page.locator(PLAYER)


def wait_until_playing(page, beyond=0.3):
    page.wait_for_function(
        "t => document.querySelector('[data-player] video').currentTime > t", arg=beyond
    )


def view(page):
    return page.evaluate("() => document.querySelector('[data-player]').player.view")


def test_360_video_plays_on_a_sphere_and_drag_turns_the_view(page, render_page):
    player = open_player(page, render_page("360"))
    canvas = player.locator("canvas.player__canvas")
    assert canvas.is_visible()
    player.locator("[data-player-play]").click()
    wait_until_playing(page)
    page.evaluate("() => document.querySelector('[data-player] video').pause()")

    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y + 40, steps=6)
    page.mouse.up()

    turned = view(page)
    assert turned["yaw"] > 10
    assert turned["pitch"] > 2
    assert page.evaluate("() => document.querySelector('[data-player] video').paused")
    canvas.click()  # a press without a drag plays
    page.wait_for_function("() => !document.querySelector('[data-player] video').paused")


def test_arrow_keys_look_around_and_zero_resets_the_view(page, render_page):
    player = open_player(page, render_page("360"))
    player.locator("[data-player-stage]").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("+")
    assert view(page) == {"yaw": -10, "pitch": 5, "fov": 70}
    page.keyboard.press("0")
    assert view(page) == {"yaw": 0, "pitch": 0, "fov": 75}
    assert player.locator("[data-player-status]").inner_text() != ""


def test_quality_menu_lists_auto_and_every_rendition(page, render_page):
    player = open_player(page, render_page("360"))
    menu = player.locator('[data-player-menu="quality"]')
    button = menu.locator("[data-player-menu-button]")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    items = menu.locator("[role=menuitemradio]")
    assert items.all_inner_texts() == ["Auto", "512×256", "256×128"]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "false"
    assert items.nth(1).get_attribute("aria-checked") == "true"
    chosen = page.evaluate(
        "() => { const hls = document.querySelector('[data-player]').player.hls;"
        " return hls.levels[hls.manualLevel].width; }"
    )
    assert chosen == 512


def test_captions_toggle_shows_the_cue_over_the_picture(page, render_page):
    player = open_player(page, render_page("360"))
    menu = player.locator('[data-player-menu="captions"]')
    menu.locator("[data-player-menu-button]").click()
    menu.get_by_role("menuitemradio", name="Français").click()
    cue = player.locator("[data-player-cue]")
    cue.wait_for(state="visible")
    assert cue.inner_text() == "Bonjour, voici la salle de concert."
    page.keyboard.press("c")  # next language, then off: there is one
    assert cue.is_hidden()
    assert page.evaluate("() => document.querySelector('video').textTracks[0].mode") == "disabled"


def test_flat_clip_plays_in_the_flat_player_with_the_keyboard_alone(page, render_page):
    player = open_player(page, render_page("flat"))
    assert player.locator("canvas").count() == 0
    assert player.locator("video").is_visible()
    play = player.locator("[data-player-play]")
    for _ in range(40):
        page.keyboard.press("Tab")
        if play.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the play button")
    page.keyboard.press("Enter")
    wait_until_playing(page, 0.2)
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('[data-player] video').paused")
    items = player.locator('[data-player-menu="quality"] [role=menuitemradio]')
    assert items.all_inner_texts() == ["Auto", "180p", "90p"]


def test_chapters_jump_to_their_start(page, render_page):
    player = open_player(page, render_page("flat"))
    player.get_by_role("button", name="Final").click()
    page.wait_for_function("() => document.querySelector('video').currentTime >= 1")
    assert player.get_by_role("button", name="Final").get_attribute("aria-current") == "true"


@pytest.mark.parametrize("name", ["360", "flat"])
def test_player_page_has_no_wcag_violations(page, render_page, name):
    open_player(page, render_page(name))
    page.wait_for_selector('[data-player-menu="quality"]:not([hidden])')
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_player_fits_a_320_pixel_screen(page, render_page):
    page.set_viewport_size({"width": 320, "height": 640})
    open_player(page, render_page("360"))
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 320


def test_spatial_sound_plays_the_ambisonic_track_and_mutes_the_video(page, render_page):
    player = open_player(page, render_page("360"))
    toggle = player.locator("[data-player-spatial]")
    # Debian's Chromium decodes 4-channel Opus in MSE (MEDIA_NOTES): the toggle must be there.
    expect(toggle).to_be_visible()
    player.locator("[data-player-play]").click()
    wait_until_playing(page, 0.1)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "() => document.querySelector('audio.player__ambisonic')?.currentTime > 0.3"
    )
    assert page.evaluate("() => document.querySelector('[data-player] video').muted")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.locator("audio.player__ambisonic")).to_have_count(0)
    assert not page.evaluate("() => document.querySelector('[data-player] video').muted")


def test_seek_bar_previews_the_thumbnail_under_the_pointer(page, render_page):
    player = open_player(page, render_page("flat"))
    seek = player.locator("[data-player-seek]")
    seek.hover()
    preview = player.locator("[data-player-preview]")
    preview.wait_for(state="visible")
    image = player.locator("[data-player-preview-image]")
    assert "thumbnails.jpg" in image.evaluate("e => e.style.backgroundImage")


def test_without_webgl_the_panorama_is_shown_flat_with_an_explanation(page, render_page):
    page.add_init_script(
        "const get = HTMLCanvasElement.prototype.getContext;"
        "HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {"
        "  return kind.startsWith('webgl') ? null : get.call(this, kind, ...rest); };"
    )
    player = open_player(page, render_page("360"))
    assert player.locator("[data-player-webgl-notice]").is_visible()
    assert player.locator("canvas").count() == 0
    assert player.locator("video").is_visible()
    assert player.locator("[data-player-view-controls]").is_hidden()


def test_progress_is_posted_with_the_csrf_token(page, render_page, server):
    Handler.posts.clear()
    page.context.add_cookies([{"name": "csrftoken", "value": "jeton", "url": server}])
    open_player(page, render_page("flat", progress_url=f"{server}/progress/"))
    page.evaluate("() => document.querySelector('video').play()")
    page.wait_for_function("() => document.querySelector('video').ended")
    page.wait_for_timeout(300)
    *_started, post = [p for p in Handler.posts if p["path"] == "/progress/"]  # the last: ended
    assert post["csrf"] == "jeton"
    assert set(post["json"]) == {"position", "duration", "watched_ratio"}
    assert post["json"]["watched_ratio"] > 0.8


def test_player_markup_has_no_inline_script_or_handler(page, render_page):
    player = open_player(page, render_page("flat"))
    scripts = player.locator("script").evaluate_all("list => list.map(s => s.src ? 'src' : s.type)")
    assert "application/json" in scripts
    assert set(scripts) <= {"src", "application/json"}
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('[data-player] *')]"
        ".flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
