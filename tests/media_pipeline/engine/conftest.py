"""Fixtures of the engine tests: clips generated, and packages transcoded, once per session."""

import json
from pathlib import Path

import pytest

from media_pipeline.engine.plan import LadderTable, Rung
from media_pipeline.engine.transcode import TranscodeOptions, TranscodeResult, transcode

from .clips import Clips

DATA = Path(__file__).parent / "data"
# Small rungs, so that the tiny clips still get two renditions each.
TEST_TABLE = LadderTable(
    spherical=(Rung(320, 800), Rung(256, 500)),
    flat=(Rung(90, 300), Rung(60, 150)),
)


def small_options(**overrides) -> TranscodeOptions:
    return TranscodeOptions(preset="ultrafast", table=TEST_TABLE, **overrides)


class Packages:
    """Transcode each (clip, options) pair the first time a test asks for it."""

    def __init__(self, clips: Clips, directory: Path) -> None:
        self.clips = clips
        self.directory = directory
        self._made: dict[tuple, TranscodeResult] = {}

    def get(self, clip: str, **overrides) -> TranscodeResult:
        key = (clip, *sorted(overrides.items()))
        if key not in self._made:
            output = self.directory / "-".join(str(part) for part in (clip, *overrides.values()))
            self._made[key] = transcode(
                getattr(self.clips, clip), output, options=small_options(**overrides)
            )
        return self._made[key]


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> Clips:
    return Clips(tmp_path_factory.mktemp("clips"))


@pytest.fixture(scope="session")
def packages(clips, tmp_path_factory) -> Packages:
    return Packages(clips, tmp_path_factory.mktemp("packages"))


def ffprobe_json(name: str) -> dict:
    """Return a captured ffprobe output from ``data/``."""
    return json.loads((DATA / name).read_text())
