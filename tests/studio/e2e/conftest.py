"""Serve real packages made by the media engine, and pages that render the real player
template, from one small HTTP server on loopback; Chromium plays them."""

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from media_pipeline.engine.mp4boxes import inject_spherical_metadata
from media_pipeline.engine.plan import LadderTable, Rung
from media_pipeline.engine.transcode import TranscodeOptions, transcode
from tests.media_pipeline.engine.clips import X264, ffmpeg, plane_wave, tone, video

STATIC_DIR = Path(settings.BASE_DIR) / "static"
# Two rungs per package, so the quality menu has something to choose between.
TABLE = LadderTable(
    spherical=(Rung(512, 600), Rung(256, 300)),
    flat=(Rung(180, 400), Rung(90, 200)),
)
CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:10.000
Bonjour, voici la salle de concert.
"""
CHAPTERS = """WEBVTT

00:00:00.000 --> 00:00:01.000
Ouverture

00:00:01.000 --> 00:00:02.000
Final
"""
PAGE = """{% extends "base.html" %}
{% block title %}{{ player.title }}{% endblock %}
{% block content %}<div class="container"><h1>{{ player.title }}</h1>
{% include "studio/includes/player.html" with player=player %}</div>{% endblock %}
"""
CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def packages(tmp_path_factory):
    """Transcode a 2 s 360° clip with AmbiX sound and a flat clip; return their folder."""
    root = tmp_path_factory.mktemp("studio-packages")
    spherical = root / "spherical.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=512x256:r=25:d=2", *tone(),
        "-filter_complex", f"[1:a]{plane_wave(90)}[a]", "-map", "0:v", "-map", "[a]",
        *X264, "-c:a", "aac", "-b:a", "256k", str(spherical),
    )  # fmt: skip
    inject_spherical_metadata(spherical, projection="equirectangular", stereo_mode="mono")
    flat = root / "flat.mp4"
    ffmpeg(*video("320x180"), *tone(), *X264, "-c:a", "aac", "-ac", "2", str(flat))
    options = {"preset": "ultrafast", "table": TABLE}
    transcode(
        spherical,
        root / "360",
        options=TranscodeOptions(audio_layout="ambix", projection="equirectangular", **options),
    )
    transcode(flat, root / "flat", options=TranscodeOptions(**options))
    (root / "captions.fr.vtt").write_text(CAPTIONS, encoding="utf-8")
    (root / "chapters.vtt").write_text(CHAPTERS, encoding="utf-8")
    return root


class Handler(SimpleHTTPRequestHandler):
    """Serve /static/ from the project, /pages/ from memory and the rest from the packages."""

    pages: dict[str, str] = {}
    posts: list[dict] = []

    def translate_path(self, path):
        path = urlsplit(path).path
        if path.startswith("/static/"):
            return str(STATIC_DIR / path.removeprefix("/static/"))
        return super().translate_path(path)

    def do_GET(self):
        path = urlsplit(self.path).path
        if path in self.pages:
            body = self.pages[path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.posts.append(
            {
                "path": urlsplit(self.path).path,
                "csrf": self.headers.get("X-CSRFToken"),
                "json": json.loads(body or b"null"),
            }
        )
        self.send_response(204)
        self.end_headers()

    def guess_type(self, path):
        return CONTENT_TYPES.get(Path(str(path)).suffix, super().guess_type(path))

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def server(packages):
    """Start the HTTP server on 127.0.0.1 and a free port; yield its base URL."""
    handler = functools.partial(Handler, directory=str(packages))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def player_config(base, name, **overrides):
    """Return the configuration a view would build for the package ``name``."""
    spherical = name == "360"
    config = {
        "title": "Quatuor en 360°" if spherical else "Masterclass de violon",
        "master_url": f"{base}/{name}/master.m3u8",
        "ambisonic_url": f"{base}/{name}/audio_ambisonic/playlist.m3u8" if spherical else None,
        "projection": "equirectangular" if spherical else "flat",
        "stereo_mode": "mono",
        "poster_url": f"{base}/{name}/poster.jpg",
        "thumbnails_url": f"{base}/{name}/thumbnails.vtt",
        "captions": [{"lang": "fr", "label": "Français", "url": f"{base}/captions.fr.vtt"}],
        "chapters_url": f"{base}/chapters.vtt",
        "duration": 2.0,
        "renditions": [],
        "progress_url": None,
    }
    return config | overrides


@pytest.fixture
def render_page(server, db):
    """Render the player inside base.html with the real template; return the page's URL."""
    template = engines["django"].from_string(PAGE)

    def render(name, **overrides):
        request = RequestFactory().get(f"/pages/{name}.html")
        request.user = AnonymousUser()
        with translation.override("fr"):
            html = template.render({"player": player_config(server, name, **overrides)}, request)
        Handler.pages[f"/pages/{name}.html"] = html
        return f"{server}/pages/{name}.html"

    return render


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1000, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
