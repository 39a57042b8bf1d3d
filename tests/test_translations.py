"""French first, English complete: every interface string has its French translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# The project's catalogue and one per app that keeps its own (`<app>/locale/`).
CATALOGUE_GLOB = "**/locale/fr/LC_MESSAGES/django.po"
SKIP_DIRS = {".venv", "node_modules", "var", ".git", "static", "tests", "docs", "bench", "frontend"}


def _untranslated(catalogue):
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def _catalogues(root):
    return [
        path
        for path in sorted(root.glob(CATALOGUE_GLOB))
        if path.relative_to(root).parts[0] not in SKIP_DIRS
    ]


def test_the_committed_french_catalogues_have_no_untranslated_or_fuzzy_string():
    catalogues = _catalogues(ROOT)

    assert ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po" in catalogues
    assert {str(path): _untranslated(polib.pofile(str(path))) for path in catalogues} == {
        str(path): [] for path in catalogues
    }


def _copy_sources(destination):
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIP_DIRS or path.is_dir():
            continue
        if path.suffix in {".py", ".html", ".txt", ".po"}:
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def test_every_string_in_the_sources_is_in_the_french_catalogue(tmp_path):
    _copy_sources(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "VAR_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "--no-obsolete"],
        cwd=tmp_path, env=env, check=True, capture_output=True,
    )  # fmt: skip

    fresh = {
        str(path.relative_to(tmp_path)): _untranslated(polib.pofile(str(path)))
        for path in _catalogues(tmp_path)
    }

    assert fresh == {path: [] for path in fresh}, "run makemessages and translate the new strings"
