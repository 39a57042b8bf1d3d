"""Spherical Video V2 metadata (``st3d``/``sv3d`` boxes) for fragmented MP4 init segments.

ffmpeg 5.1 drops these boxes from HLS output, so the pipeline adds them to each init segment
afterwards. Box layout: Google's Spherical Video V2 RFC
(github.com/google/spatial-media, ``docs/spherical-video-v2-rfc.md``).
"""

import contextlib
import os
import secrets
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

Buffer = bytes | bytearray

PROJECTIONS = ("equirectangular", "cubemap")
STEREO_MODES = {"mono": 0, "top-bottom": 1, "left-right": 2}
METADATA_SOURCE = "conservatoire"

VISUAL_SAMPLE_ENTRIES = frozenset({"avc1", "avc3", "hvc1", "hev1"})
_VISUAL_SAMPLE_ENTRY_FIELDS = 78  # SampleEntry (8) + VisualSampleEntry (70) before child boxes
_STSD_FIELDS = 8  # version/flags + entry_count before the sample entries
_STEREO_NAMES = {0: "mono", 1: "top-bottom", 2: "left-right", 3: "stereo-custom", 4: "right-left"}
_PROJECTION_NAMES = {"equi": "equirectangular", "cbmp": "cubemap", "mshp": "mesh"}
# Boxes that may follow the moov without holding media data addressed by absolute offsets.
_INERT_TOP_LEVEL = frozenset({"free", "skip"})
_MAX_MOOV_SIZE = 64 * 1024 * 1024
_COPY_CHUNK = 1024 * 1024


class BoxError(ValueError):
    """The file is not an MP4 whose boxes this module can read or safely rewrite."""


class SphericalMetadataConflict(BoxError):
    """The video sample entry already carries different spherical metadata."""


@dataclass(frozen=True)
class Box:
    type: str
    start: int
    header_size: int
    size: int

    @property
    def payload(self) -> int:
        return self.start + self.header_size

    @property
    def end(self) -> int:
        return self.start + self.size


@dataclass(frozen=True)
class _SampleEntry:
    box: Box
    ancestors: tuple[Box, ...]  # moov, trak, mdia, minf, stbl, stsd


def inject_spherical_metadata(init_path, *, projection: str, stereo_mode: str) -> None:
    """Add ``st3d`` and ``sv3d`` to every video sample entry of the MP4 at ``init_path``.

    The boxes go after the entry's existing children and every ancestor's size grows by
    their length; the file is replaced atomically. Idempotent: entries that already carry
    the same projection and stereo mode (yaw, pitch and roll 0) are left alone, and a file
    needing no change is not rewritten.

    Raise ``ValueError`` for an unknown projection or stereo mode, ``BoxError`` for a file
    without an avc1/avc3/hvc1/hev1 entry in a ``vide`` track, malformed box sizes, or media
    data after the moov (an HLS init segment has none; absolute chunk offsets would break),
    and ``SphericalMetadataConflict`` when an entry already carries different metadata.
    """
    _check_choices(projection, stereo_mode)
    path = Path(init_path)
    with path.open("rb") as source:
        file_size = os.fstat(source.fileno()).st_size
        boxes = _top_level_boxes(source, file_size)
        moov_box = _only_moov(boxes)
        _refuse_media_after(moov_box, boxes)
        moov = bytearray(_read_box(source, moov_box))
        entries = _video_sample_entries(moov, _rebased(moov_box))
        if not entries:
            raise BoxError(f"{path.name}: no avc1/avc3/hvc1/hev1 sample entry in a video track")
        pending = [e for e in entries if _needs_metadata(moov, e.box, projection, stereo_mode)]
        if not pending:
            return
        _insert_after_children(moov, pending, _spherical_boxes(projection, stereo_mode))
        _replace_moov(path, source, moov_box, moov, file_size)


def read_spherical_metadata(path) -> dict | None:
    """Return the spherical metadata of the first video sample entry carrying ``sv3d``.

    The dict holds ``projection`` ("equirectangular", "cubemap" or "mesh"), ``stereo_mode``
    ("mono" when ``st3d`` is absent, as the RFC says), ``yaw``/``pitch``/``roll`` in degrees
    and ``metadata_source``. Return None when no video sample entry carries ``sv3d``.
    Raise ``BoxError`` for malformed boxes or a file without a moov.
    """
    with Path(path).open("rb") as source:
        file_size = os.fstat(source.fileno()).st_size
        moov_box = _only_moov(_top_level_boxes(source, file_size))
        moov = _read_box(source, moov_box)
    for entry in _video_sample_entries(moov, _rebased(moov_box)):
        metadata = _entry_metadata(moov, entry.box)
        if metadata is not None:
            return metadata
    return None


def _check_choices(projection: str, stereo_mode: str) -> None:
    if projection not in PROJECTIONS:
        raise ValueError(f"Unknown projection {projection!r}; expected one of {PROJECTIONS}")
    if stereo_mode not in STEREO_MODES:
        raise ValueError(
            f"Unknown stereo mode {stereo_mode!r}; expected one of {tuple(STEREO_MODES)}"
        )


# Reading boxes ---------------------------------------------------------------------------


def _parse_header(data: Buffer, offset: int, available: int, where: str) -> Box:
    """Return the box whose header starts at ``data[offset]``, given ``available`` bytes.

    Raise ``BoxError`` when the header is truncated or the size is impossible.
    """
    if available < 8:
        raise BoxError(f"truncated box header in {where}: {available} bytes left")
    size, raw_type = struct.unpack_from(">I4s", data, offset)
    box_type = raw_type.decode("latin-1")
    header_size = 8
    if size == 1:
        if available < 16:
            raise BoxError(f"truncated 64-bit size of box {box_type!r} in {where}")
        (size,) = struct.unpack_from(">Q", data, offset + 8)
        header_size = 16
    elif size == 0:
        size = available  # "extends to the end of the file" (or, as ffmpeg reads it, parent)
    if size < header_size:
        raise BoxError(
            f"box {box_type!r} in {where} declares {size} bytes, "
            f"less than its {header_size}-byte header"
        )
    if size > available:
        raise BoxError(
            f"box {box_type!r} in {where} declares {size} bytes but only {available} remain"
        )
    return Box(box_type, offset, header_size, size)


def _children(data: Buffer, parent: Box, skip: int = 0) -> Iterator[Box]:
    """Yield the boxes inside ``parent``, starting ``skip`` bytes into its payload."""
    offset, end = parent.payload + skip, parent.end
    if offset > end:
        raise BoxError(f"box {parent.type!r} is too short for its {skip} bytes of fields")
    while offset < end:
        if end - offset < 8 and not any(data[offset:end]):
            return  # QuickTime may close a box's children with a 32-bit zero terminator
        box = _parse_header(data, offset, end - offset, repr(parent.type))
        yield box
        offset = box.end


def _child(data: Buffer, parent: Box, box_type: str) -> Box | None:
    return next((box for box in _children(data, parent) if box.type == box_type), None)


def _required_child(data: Buffer, parent: Box, box_type: str) -> Box:
    box = _child(data, parent, box_type)
    if box is None:
        raise BoxError(f"box {parent.type!r} has no {box_type!r} child")
    return box


def _full_box_payload(data: Buffer, box: Box, minimum: int) -> bytes:
    """Return the bytes after a FullBox's version and flags; raise if fewer than ``minimum``."""
    payload = bytes(data[box.payload + 4 : box.end])
    if box.size - box.header_size < 4 or len(payload) < minimum:
        raise BoxError(f"box {box.type!r} is too short ({box.size} bytes)")
    return payload


def _top_level_boxes(source: BinaryIO, file_size: int) -> list[Box]:
    """Return the file's top-level boxes, reading only their headers."""
    boxes, offset = [], 0
    while offset < file_size:
        source.seek(offset)
        header = source.read(16)
        box = _parse_header(header, 0, file_size - offset, f"file at offset {offset}")
        boxes.append(Box(box.type, offset, box.header_size, box.size))
        offset += box.size
    return boxes


def _only_moov(boxes: list[Box]) -> Box:
    moovs = [box for box in boxes if box.type == "moov"]
    if len(moovs) != 1:
        raise BoxError(f"expected one top-level 'moov' box, found {len(moovs)}")
    if moovs[0].size > _MAX_MOOV_SIZE:
        raise BoxError(f"'moov' box of {moovs[0].size} bytes is too large to rewrite in memory")
    return moovs[0]


def _refuse_media_after(moov: Box, boxes: list[Box]) -> None:
    """Raise ``BoxError`` if boxes after the moov could hold absolutely addressed media.

    Growing the moov shifts everything after it, which breaks ``stco``/``co64`` chunk
    offsets, ``tfhd`` base data offsets and ``tfra`` entries; an init segment has no media.
    """
    after = [box.type for box in boxes if box.start > moov.start]
    unsafe = [box_type for box_type in after if box_type not in _INERT_TOP_LEVEL]
    if unsafe:
        raise BoxError(
            f"boxes {unsafe} follow the 'moov': inject into an init segment, not a file "
            "whose media data the insertion would shift"
        )


def _read_box(source: BinaryIO, box: Box) -> bytes:
    source.seek(box.start)
    data = source.read(box.size)
    if len(data) != box.size:
        raise BoxError(f"box {box.type!r} was truncated while reading")
    return data


def _rebased(box: Box) -> Box:
    """Return ``box`` as seen in a buffer that starts with it."""
    return Box(box.type, 0, box.header_size, box.size)


def _handler_type(data: Buffer, mdia: Box) -> str | None:
    hdlr = _child(data, mdia, "hdlr")
    if hdlr is None:
        return None
    payload = _full_box_payload(data, hdlr, 8)  # pre_defined, then handler_type
    return payload[4:8].decode("latin-1")


def _stsd_entries(data: Buffer, stsd: Box) -> list[Box]:
    """Return the sample entries of ``stsd``; raise ``BoxError`` if fewer than declared."""
    (entry_count,) = struct.unpack_from(">I", _full_box_payload(data, stsd, 4))
    entries = list(_children(data, stsd, skip=_STSD_FIELDS))
    if len(entries) < entry_count:
        raise BoxError(f"'stsd' declares {entry_count} entries but holds {len(entries)}")
    return entries[:entry_count]


def _sample_table(data: Buffer, trak: Box) -> tuple[Box, ...] | None:
    """Return (trak, mdia, minf, stbl, stsd) for a video track, None for other tracks."""
    mdia = _child(data, trak, "mdia")
    if mdia is None or _handler_type(data, mdia) != "vide":
        return None
    minf = _required_child(data, mdia, "minf")
    stbl = _required_child(data, minf, "stbl")
    return (trak, mdia, minf, stbl, _required_child(data, stbl, "stsd"))


def _video_sample_entries(data: Buffer, moov: Box) -> list[_SampleEntry]:
    """Return the avc1/avc3/hvc1/hev1 entries of every ``vide`` track in ``moov``."""
    found = []
    for trak in _children(data, moov):
        path = _sample_table(data, trak) if trak.type == "trak" else None
        if path is None:
            continue
        for entry in _stsd_entries(data, path[-1]):
            if entry.type in VISUAL_SAMPLE_ENTRIES:
                found.append(_SampleEntry(entry, (moov, *path)))
    return found


def _entry_children(data: Buffer, entry: Box) -> list[Box]:
    return list(_children(data, entry, skip=_VISUAL_SAMPLE_ENTRY_FIELDS))


# Spherical metadata ----------------------------------------------------------------------


def _entry_metadata(data: Buffer, entry: Box) -> dict | None:
    """Return the metadata of one sample entry, or None without ``sv3d``."""
    children = {box.type: box for box in reversed(_entry_children(data, entry))}
    if "sv3d" not in children:
        return None
    metadata = _read_sv3d(data, children["sv3d"])
    st3d = children.get("st3d")
    metadata["stereo_mode"] = _read_st3d(data, st3d) if st3d else "mono"
    return metadata


def _read_st3d(data: Buffer, st3d: Box) -> str:
    mode = _full_box_payload(data, st3d, 1)[0]
    if mode not in _STEREO_NAMES:
        raise BoxError(f"'st3d' has unknown stereo mode {mode}")
    return _STEREO_NAMES[mode]


def _read_sv3d(data: Buffer, sv3d: Box) -> dict:
    svhd = _required_child(data, sv3d, "svhd")
    proj = _required_child(data, sv3d, "proj")
    prhd = _required_child(data, proj, "prhd")
    source = _full_box_payload(data, svhd, 0).split(b"\0", 1)[0].decode("utf-8", "replace")
    yaw, pitch, roll = struct.unpack_from(">iii", _full_box_payload(data, prhd, 12))
    return {
        "projection": _projection_name(data, proj),
        "yaw": yaw / 65536,
        "pitch": pitch / 65536,
        "roll": roll / 65536,
        "metadata_source": source,
    }


def _projection_name(data: Buffer, proj: Box) -> str:
    for box in _children(data, proj):
        if box.type in _PROJECTION_NAMES:
            return _PROJECTION_NAMES[box.type]
    raise BoxError("'proj' holds no equi, cbmp or mshp box")


def _needs_metadata(data: Buffer, entry: Box, projection: str, stereo_mode: str) -> bool:
    """Return True if ``entry`` has neither ``st3d`` nor ``sv3d``, False if it has ours.

    Raise ``SphericalMetadataConflict`` when it carries anything else.
    """
    existing = {box.type for box in _entry_children(data, entry)} & {"st3d", "sv3d"}
    if not existing:
        return True
    current = _entry_metadata(data, entry)
    wanted = {"projection": projection, "stereo_mode": stereo_mode, "yaw": 0, "pitch": 0, "roll": 0}
    if current is not None and all(current[key] == value for key, value in wanted.items()):
        return False
    raise SphericalMetadataConflict(
        f"sample entry {entry.type!r} already carries "
        f"{current if current is not None else 'st3d without sv3d'}; "
        f"refusing to replace it with {projection}/{stereo_mode}"
    )


def _box(box_type: str, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type.encode("ascii")) + payload


def _full_box(box_type: str, payload: bytes) -> bytes:
    return _box(box_type, b"\0\0\0\0" + payload)  # version 0, flags 0


def _spherical_boxes(projection: str, stereo_mode: str) -> bytes:
    """Return the ``st3d`` and ``sv3d`` boxes for a full-sphere, unrotated projection."""
    if projection == "equirectangular":
        layout = _full_box("equi", struct.pack(">IIII", 0, 0, 0, 0))  # bounds: full sphere
    else:
        layout = _full_box("cbmp", struct.pack(">II", 0, 0))  # layout 0, padding 0
    orientation = _full_box("prhd", struct.pack(">iii", 0, 0, 0))  # yaw, pitch, roll (16.16)
    header = _full_box("svhd", METADATA_SOURCE.encode("utf-8") + b"\0")
    return _full_box("st3d", bytes([STEREO_MODES[stereo_mode]])) + _box(
        "sv3d", header + _box("proj", orientation + layout)
    )


# Rewriting -------------------------------------------------------------------------------


def _insert_after_children(moov: bytearray, entries: list[_SampleEntry], boxes: bytes) -> None:
    """Insert ``boxes`` after each entry's last child and grow the entry and its ancestors."""
    # From the last entry backwards: insertions then never move a box still to be patched.
    for entry in sorted(entries, key=lambda e: e.box.start, reverse=True):
        children = _entry_children(moov, entry.box)
        at = children[-1].end if children else entry.box.payload + _VISUAL_SAMPLE_ENTRY_FIELDS
        moov[at:at] = boxes
        for box in (*entry.ancestors, entry.box):
            _grow(moov, box, len(boxes))


def _grow(data: bytearray, box: Box, delta: int) -> None:
    """Add ``delta`` to the size field of ``box``; raise ``BoxError`` if 32 bits overflow."""
    (size,) = struct.unpack_from(">I", data, box.start)
    if size == 1:
        (large_size,) = struct.unpack_from(">Q", data, box.start + 8)
        struct.pack_into(">Q", data, box.start + 8, large_size + delta)
    elif size != 0:  # a size-0 box runs to the end of its parent, so it grows with it
        if size + delta > 0xFFFFFFFF:
            raise BoxError(f"box {box.type!r} would outgrow its 32-bit size")
        struct.pack_into(">I", data, box.start, size + delta)


def _copy_range(source: BinaryIO, target: BinaryIO, start: int, length: int) -> None:
    source.seek(start)
    while length > 0:
        chunk = source.read(min(length, _COPY_CHUNK))
        if not chunk:
            raise BoxError("file shrank while it was being rewritten")
        target.write(chunk)
        length -= len(chunk)


def _replace_moov(path: Path, source: BinaryIO, moov: Box, new_moov: bytes, size: int) -> None:
    """Rewrite ``path`` with ``new_moov`` in place of ``moov``, atomically."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("xb") as target:
            _copy_range(source, target, 0, moov.start)
            target.write(new_moov)
            _copy_range(source, target, moov.end, size - moov.end)
            target.flush()
            os.fsync(target.fileno())
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
