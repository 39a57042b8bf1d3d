"""WebVTT thumbnail tracks that point into a sprite sheet of seek-bar previews."""

import math
from pathlib import Path

from .files import write_text_atomically


def write_thumbnail_vtt(
    path,
    *,
    sprite_uri: str,
    tile_width: int,
    tile_height: int,
    columns: int,
    interval: float,
    count: int,
    duration: float,
) -> None:
    """Write a WebVTT file with one cue per sprite tile, atomically, to ``path``.

    Tile ``i`` covers ``i * interval`` to ``(i + 1) * interval`` seconds and sits at column
    ``i % columns``, row ``i // columns`` of the sprite; its cue text is
    ``sprite_uri#xywh=x,y,w,h``. The last cue ends at ``duration``, whether the final
    interval is cut short or the tiles stop before the end.

    Raise ``ValueError`` for non-positive sizes, counts or times, for a tile that would
    start at or after ``duration``, or for a ``sprite_uri`` with whitespace or "-->".
    """
    for name, value in (
        ("tile_width", tile_width),
        ("tile_height", tile_height),
        ("columns", columns),
        ("count", count),
    ):
        _positive_int(name, value)
    _check_times(interval, count, duration)
    if not sprite_uri or any(char.isspace() for char in sprite_uri) or "-->" in sprite_uri:
        raise ValueError(f"sprite_uri {sprite_uri!r} is empty or holds whitespace or '-->'")
    cues = []
    for index in range(count):
        # Each bound is rounded from the exact time, so rounding errors do not accumulate.
        start = _milliseconds(index * interval)
        end = _milliseconds(duration if index == count - 1 else (index + 1) * interval)
        x, y = (index % columns) * tile_width, (index // columns) * tile_height
        cues.append(
            f"{_timestamp(start)} --> {_timestamp(end)}\n"
            f"{sprite_uri}#xywh={x},{y},{tile_width},{tile_height}\n"
        )
    write_text_atomically(Path(path), "WEBVTT\n\n" + "\n".join(cues))


def _positive_int(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")


def _check_times(interval: float, count: int, duration: float) -> None:
    """Raise ``ValueError`` unless every tile gets a cue of at least 1 ms before ``duration``."""
    # Written so that NaN fails too; 1 ms keeps consecutive rounded bounds apart.
    if not (0.001 <= interval < math.inf and 0.001 <= duration < math.inf):
        raise ValueError(f"interval and duration must be at least 1 ms, not {interval}, {duration}")
    if _milliseconds((count - 1) * interval) >= _milliseconds(duration):
        raise ValueError(f"{count} tiles every {interval} s start past the {duration} s duration")


def _milliseconds(seconds: float) -> int:
    return round(seconds * 1000)


def _timestamp(milliseconds: int) -> str:
    seconds, milliseconds = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"
