import itertools
import re

import pytest

from media_pipeline.engine.sprite import write_thumbnail_vtt

CUE = re.compile(
    r"(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})\n"
    r"(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)"
)


def seconds(hours, minutes, secs, millis):
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def parse_vtt(text):
    """Return [(start, end, uri, (x, y, w, h))] after checking the file's shape."""
    header, *blocks = text.split("\n\n")
    assert header == "WEBVTT"
    assert text.endswith("\n") and not text.endswith("\n\n")
    cues = []
    for block in blocks:
        match = CUE.fullmatch(block.strip("\n"))
        assert match, block
        groups = match.groups()
        xywh = tuple(int(value) for value in groups[9:])
        cues.append((seconds(*groups[:4]), seconds(*groups[4:8]), groups[8], xywh))
    return cues


def write(tmp_path, **overrides):
    options = {
        "sprite_uri": "sprite.jpg",
        "tile_width": 160,
        "tile_height": 80,
        "columns": 3,
        "interval": 5.0,
        "count": 7,
        "duration": 32.5,
    }
    path = tmp_path / "thumbnails.vtt"
    write_thumbnail_vtt(path, **(options | overrides))
    return parse_vtt(path.read_text(encoding="utf-8"))


def test_one_cue_per_tile_walks_the_sprite_row_by_row(tmp_path):
    cues = write(tmp_path)

    assert [(start, end) for start, end, _, _ in cues] == [
        (0, 5), (5, 10), (10, 15), (15, 20), (20, 25), (25, 30), (30, 32.5),
    ]  # fmt: skip
    assert [xywh for _, _, _, xywh in cues] == [
        (0, 0, 160, 80), (160, 0, 160, 80), (320, 0, 160, 80),
        (0, 80, 160, 80), (160, 80, 160, 80), (320, 80, 160, 80),
        (0, 160, 160, 80),
    ]  # fmt: skip
    assert {uri for _, _, uri, _ in cues} == {"sprite.jpg"}


def test_the_last_cue_stretches_to_the_duration_when_tiles_stop_early(tmp_path):
    cues = write(tmp_path, count=2, interval=10.0, duration=95.0)

    assert [(start, end) for start, end, _, _ in cues] == [(0, 10), (10, 95)]


def test_timestamps_count_hours_and_do_not_accumulate_rounding(tmp_path):
    path = tmp_path / "long.vtt"
    write_thumbnail_vtt(
        path,
        sprite_uri="thumbs/sprite-0.jpg",
        tile_width=128,
        tile_height=64,
        columns=10,
        interval=1 / 3,
        count=12_000,
        duration=4000.0,
    )

    text = path.read_text(encoding="utf-8")
    assert "01:06:39.667 --> 01:06:40.000\nthumbs/sprite-0.jpg#xywh=1152,76736,128,64\n" in text
    cues = parse_vtt(text)
    assert len(cues) == 12_000
    assert all(earlier[1] == later[0] for earlier, later in itertools.pairwise(cues))


def test_rewriting_replaces_the_file_without_leftovers(tmp_path):
    write(tmp_path, count=7)

    cues = write(tmp_path, count=1, duration=4.0)

    assert cues == [(0, 4.0, "sprite.jpg", (0, 0, 160, 80))]
    assert [p.name for p in tmp_path.iterdir()] == ["thumbnails.vtt"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"tile_width": 0}, "tile_width must be a positive integer"),
        ({"columns": 2.5}, "columns must be a positive integer"),
        ({"count": True}, "count must be a positive integer"),
        ({"interval": 0}, "at least 1 ms"),
        ({"duration": float("nan")}, "at least 1 ms"),
        ({"count": 8, "interval": 5.0, "duration": 35.0}, "8 tiles every 5.0 s start past"),
        ({"sprite_uri": "my sprite.jpg"}, "holds whitespace"),
        ({"sprite_uri": "a-->b.jpg"}, "holds whitespace or '-->'"),
        ({"sprite_uri": ""}, "is empty"),
    ],
)
def test_invalid_arguments_raise_value_error_and_write_nothing(tmp_path, overrides, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        write(tmp_path, **overrides)
    assert list(tmp_path.iterdir()) == []
