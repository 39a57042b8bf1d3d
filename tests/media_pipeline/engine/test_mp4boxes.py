import json
import re
import shutil
import stat
import struct
import subprocess

import pytest

from media_pipeline.engine.mp4boxes import (
    BoxError,
    SphericalMetadataConflict,
    inject_spherical_metadata,
    read_spherical_metadata,
)

# st3d 13 + sv3d (8 + svhd 26 + proj (8 + prhd 24 + equi 28 | cbmp 20)).
EQUIRECTANGULAR_LENGTH = 107
CUBEMAP_LENGTH = 99
ANCESTORS = ("moov", "trak", "mdia", "minf", "stbl", "stsd", "avc1")
FIELDS_BEFORE_CHILDREN = {"stsd": 8, "avc1": 78, "mp4a": 28}


# Synthetic boxes ---------------------------------------------------------------------------


def box(box_type, payload=b""):
    return struct.pack(">I4s", 8 + len(payload), box_type.encode()) + payload


def full_box(box_type, payload=b""):
    return box(box_type, b"\0\0\0\0" + payload)


def large_box(box_type, payload):
    return struct.pack(">I4sQ", 1, box_type.encode(), 16 + len(payload)) + payload


def open_ended_box(box_type, payload):
    return struct.pack(">I4s", 0, box_type.encode()) + payload


def sample_entry(entry_type="avc1", children=None, fields=78):
    if children is None:
        children = box("avcC", b"\x01\x64\x00\x1f\xff") + box("pasp", struct.pack(">II", 1, 1))
    return box(entry_type, bytes(fields) + children)


def track(handler="vide", entry=None, entry_count=1):
    entry = sample_entry() if entry is None else entry
    stsd = full_box("stsd", struct.pack(">I", entry_count) + entry)
    stbl = box("stbl", stsd + full_box("stco", struct.pack(">I", 0)))
    hdlr = full_box("hdlr", struct.pack(">I4s", 0, handler.encode()) + bytes(12) + b"\0")
    mdia = box("mdia", full_box("mdhd", bytes(20)) + hdlr + box("minf", stbl))
    return box("trak", full_box("tkhd", bytes(80)) + mdia)


def init_segment(*tracks, moov=box, after=b""):
    tracks = tracks or (track(),)
    ftyp = box("ftyp", b"iso6\0\0\0\0iso6")
    return ftyp + moov("moov", full_box("mvhd", bytes(96)) + b"".join(tracks)) + after


def children(data, start, end):
    """Yield (type, start, size, header size) of the boxes in data[start:end]."""
    while end - start >= 8:
        size, raw_type = struct.unpack_from(">I4s", data, start)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, start + 8)
            header = 16
        elif size == 0:
            size = end - start
        yield raw_type.decode(), start, size, header
        start += size


def locate(data, *path):
    """Return (start, size, header size) of the box at path, e.g. ("moov", "trak")."""
    start, end, parent = 0, len(data), None
    found = None
    for name in path:
        skip = FIELDS_BEFORE_CHILDREN.get(parent, 0)
        found = next(b[1:] for b in children(data, start + skip, end) if b[0] == name)
        start, end, parent = found[0] + found[2], found[0] + found[1], name
    return found


def sizes_along(data, path=ANCESTORS):
    return {name: locate(data, *path[: index + 1])[1] for index, name in enumerate(path)}


def boxes_under(data, *path):
    start, size, header = locate(data, *path)
    skip = FIELDS_BEFORE_CHILDREN.get(path[-1], 0)
    return list(children(data, start + header + skip, start + size))


def child_types(data, *path):
    return [b[0] for b in boxes_under(data, *path)]


def write(tmp_path, data, name="init.mp4"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# Real init segments from Debian's ffmpeg ----------------------------------------------------


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)


def package_hls(directory, *source):
    directory.mkdir()
    run(
        "ffmpeg", "-v", "error", *source, "-f", "hls", "-hls_segment_type", "fmp4",
        "-hls_time", "1", "-hls_fmp4_init_filename", "init.mp4",
        "-hls_segment_filename", str(directory / "seg%d.m4s"), str(directory / "index.m3u8"),
    )  # fmt: skip
    return directory


@pytest.fixture(scope="module")
def video_hls(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hls") / "video"
    source = ("-f", "lavfi", "-i", "testsrc2=s=256x128:d=1")
    return package_hls(directory, *source, "-c:v", "libx264", "-preset", "ultrafast")


@pytest.fixture
def video_init(video_hls, tmp_path):
    return shutil.copy(video_hls / "init.mp4", tmp_path / "init.mp4")


def ffprobe_side_data(path):
    output = run("ffprobe", "-v", "error", "-show_streams", "-print_format", "json", str(path))
    (stream,) = json.loads(output.stdout)["streams"]
    return {item["side_data_type"]: item for item in stream.get("side_data_list", [])}


def test_injected_equirectangular_metadata_is_read_back_by_us_and_by_ffprobe(video_init):
    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="mono")

    assert read_spherical_metadata(video_init) == {
        "projection": "equirectangular",
        "stereo_mode": "mono",
        "yaw": 0.0,
        "pitch": 0.0,
        "roll": 0.0,
        "metadata_source": "conservatoire",
    }
    mapping = ffprobe_side_data(video_init)["Spherical Mapping"]
    assert mapping["projection"] == "equirectangular"
    assert (mapping["yaw"], mapping["pitch"], mapping["roll"]) == (0, 0, 0)


def test_top_bottom_stereo_mode_is_reported_by_ffprobe_as_stereo_3d(video_init):
    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="top-bottom")

    side_data = ffprobe_side_data(video_init)
    assert side_data["Stereo 3D"]["type"] == "top and bottom"
    assert side_data["Spherical Mapping"]["projection"] == "equirectangular"
    assert read_spherical_metadata(video_init)["stereo_mode"] == "top-bottom"


def test_cubemap_left_right_is_reported_by_ffprobe(video_init):
    inject_spherical_metadata(video_init, projection="cubemap", stereo_mode="left-right")

    side_data = ffprobe_side_data(video_init)
    assert side_data["Spherical Mapping"]["projection"] == "cubemap"
    assert side_data["Stereo 3D"]["type"] == "side by side"


def test_injected_init_segment_still_decodes_with_its_media_segment(video_hls, video_init):
    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="mono")
    joined = video_init.with_name("joined.mp4")
    joined.write_bytes(video_init.read_bytes() + (video_hls / "seg0.m4s").read_bytes())

    decoded = run("ffmpeg", "-v", "error", "-i", str(joined), "-f", "null", "-")
    frames = run(
        "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(joined),
    )  # fmt: skip

    assert decoded.stderr == ""
    assert frames.stdout.strip().rstrip(",") == "25"  # 1 s of testsrc2 at 25 fps


def test_reinjecting_the_same_metadata_leaves_the_file_untouched(video_init):
    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="top-bottom")
    injected = video_init.read_bytes()

    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="top-bottom")

    assert video_init.read_bytes() == injected


def test_injecting_different_metadata_raises_a_conflict_and_keeps_the_file(video_init):
    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="mono")
    injected = video_init.read_bytes()

    with pytest.raises(SphericalMetadataConflict, match="refusing to replace it with cubemap/mono"):
        inject_spherical_metadata(video_init, projection="cubemap", stereo_mode="mono")
    assert video_init.read_bytes() == injected


def test_init_segment_without_metadata_reads_as_none(video_init):
    assert read_spherical_metadata(video_init) is None


def test_injection_keeps_the_file_mode_and_leaves_no_temporary_file(video_init):
    video_init.chmod(0o640)

    inject_spherical_metadata(video_init, projection="equirectangular", stereo_mode="mono")

    assert stat.S_IMODE(video_init.stat().st_mode) == 0o640
    assert sorted(p.name for p in video_init.parent.iterdir()) == ["init.mp4"]


def test_audio_only_init_segment_is_refused(tmp_path):
    source = ("-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "aac")
    init = package_hls(tmp_path / "audio", *source) / "init.mp4"

    with pytest.raises(BoxError, match="no avc1/avc3/hvc1/hev1 sample entry in a video track"):
        inject_spherical_metadata(init, projection="equirectangular", stereo_mode="mono")


# Synthetic boxes: sizes, layouts, refusals ---------------------------------------------------


@pytest.mark.parametrize(
    ("projection", "length"),
    [("equirectangular", EQUIRECTANGULAR_LENGTH), ("cubemap", CUBEMAP_LENGTH)],
)
def test_the_sample_entry_and_every_ancestor_grow_by_the_inserted_length(
    tmp_path, projection, length
):
    path = write(tmp_path, init_segment())
    before = sizes_along(path.read_bytes())

    inject_spherical_metadata(path, projection=projection, stereo_mode="mono")

    data = path.read_bytes()
    assert sizes_along(data) == {name: size + length for name, size in before.items()}
    assert len(data) == len(init_segment()) + length
    assert read_spherical_metadata(path)["projection"] == projection


def test_boxes_follow_the_existing_children_of_the_sample_entry(tmp_path):
    entry = sample_entry(
        children=box("avcC", b"\x01") + box("pasp", bytes(8)) + box("btrt", bytes(12))
    )
    path = write(tmp_path, init_segment(track(entry=entry)))

    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")

    data = path.read_bytes()
    assert child_types(data, *ANCESTORS) == ["avcC", "pasp", "btrt", "st3d", "sv3d"]
    assert child_types(data, *ANCESTORS, "sv3d") == ["svhd", "proj"]
    assert child_types(data, *ANCESTORS, "sv3d", "proj") == ["prhd", "equi"]
    svhd_start, svhd_size, _ = locate(data, *ANCESTORS, "sv3d", "svhd")
    assert data[svhd_start + 12 : svhd_start + svhd_size] == b"conservatoire\0"


def test_only_video_tracks_receive_the_boxes(tmp_path):
    sound = track("soun", sample_entry("mp4a", box("esds", bytes(20)), fields=28))
    path = write(tmp_path, init_segment(sound, track()))

    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")

    data = path.read_bytes()
    traks = [b for b in boxes_under(data, "moov") if b[0] == "trak"]
    assert [size for _, _, size, _ in traks] == [len(sound), len(track()) + EQUIRECTANGULAR_LENGTH]
    sound_start, sound_size = traks[0][1:3]
    assert data[sound_start : sound_start + sound_size] == sound


def test_a_moov_with_a_64_bit_largesize_is_read_and_its_largesize_grows(tmp_path):
    path = write(tmp_path, init_segment(moov=large_box))
    moov_start, moov_size, header = locate(path.read_bytes(), "moov")
    assert header == 16

    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="top-bottom")

    data = path.read_bytes()
    assert struct.unpack_from(">I", data, moov_start)[0] == 1
    assert struct.unpack_from(">Q", data, moov_start + 8)[0] == moov_size + EQUIRECTANGULAR_LENGTH
    assert read_spherical_metadata(path)["stereo_mode"] == "top-bottom"


def test_a_size_zero_moov_runs_to_the_end_of_the_file_and_keeps_size_zero(tmp_path):
    path = write(tmp_path, init_segment(moov=open_ended_box))
    moov_start = locate(path.read_bytes(), "moov")[0]

    inject_spherical_metadata(path, projection="cubemap", stereo_mode="mono")

    data = path.read_bytes()
    assert struct.unpack_from(">I", data, moov_start)[0] == 0
    assert read_spherical_metadata(path)["projection"] == "cubemap"


def test_a_quicktime_zero_terminator_stays_after_the_inserted_boxes(tmp_path):
    entry = sample_entry(children=box("avcC", b"\x01") + bytes(4))
    path = write(tmp_path, init_segment(track(entry=entry)))

    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")

    data = path.read_bytes()
    start, size, _ = locate(data, *ANCESTORS)
    assert data[start + size - 4 : start + size] == bytes(4)
    assert child_types(data, *ANCESTORS)[-2:] == ["st3d", "sv3d"]


def test_media_data_after_the_moov_is_refused(tmp_path):
    path = write(tmp_path, init_segment(after=box("mdat", bytes(64))))
    original = path.read_bytes()

    with pytest.raises(BoxError, match=re.escape("boxes ['mdat'] follow the 'moov'")):
        inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")
    assert path.read_bytes() == original


def test_media_data_before_the_moov_is_copied_unchanged(tmp_path):
    mdat = box("mdat", bytes(range(256)) * 4)
    ftyp, rest = init_segment()[:20], init_segment()[20:]
    path = write(tmp_path, ftyp + mdat + rest)

    inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")

    assert path.read_bytes()[20 : 20 + len(mdat)] == mdat
    assert read_spherical_metadata(path)["projection"] == "equirectangular"


def spherical_entry(yaw, pitch, roll, stereo_mode):
    prhd = full_box("prhd", struct.pack(">iii", yaw, pitch, roll))
    sv3d = box("sv3d", full_box("svhd", b"spatial-media\0") + box("proj", prhd + full_box("mshp")))
    return sample_entry(
        children=box("avcC", b"\x01") + full_box("st3d", bytes([stereo_mode])) + sv3d
    )


def test_read_returns_yaw_pitch_roll_in_degrees_from_16_16_fixed_point(tmp_path):
    entry = spherical_entry(90 << 16, -(45 << 16), 1 << 15, stereo_mode=2)
    path = write(tmp_path, init_segment(track(entry=entry)))

    assert read_spherical_metadata(path) == {
        "projection": "mesh",
        "stereo_mode": "left-right",
        "yaw": 90.0,
        "pitch": -45.0,
        "roll": 0.5,
        "metadata_source": "spatial-media",
    }


def test_rotated_metadata_is_a_conflict_even_with_the_same_projection_name(tmp_path):
    prhd = full_box("prhd", struct.pack(">iii", 90 << 16, 0, 0))
    sv3d = box("sv3d", full_box("svhd", b"\0") + box("proj", prhd + full_box("equi", bytes(16))))
    entry = sample_entry(children=box("avcC", b"\x01") + sv3d)
    path = write(tmp_path, init_segment(track(entry=entry)))

    with pytest.raises(SphericalMetadataConflict, match=re.escape("'yaw': 90.0")):
        inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")


def test_st3d_without_sv3d_is_a_conflict(tmp_path):
    entry = sample_entry(children=box("avcC", b"\x01") + full_box("st3d", b"\x01"))
    path = write(tmp_path, init_segment(track(entry=entry)))

    with pytest.raises(SphericalMetadataConflict, match="st3d without sv3d"):
        inject_spherical_metadata(path, projection="equirectangular", stereo_mode="top-bottom")


def with_child_size(size):
    """Return an init segment whose mvhd declares ``size`` bytes."""
    data = bytearray(init_segment())
    struct.pack_into(">I", data, locate(bytes(data), "moov", "mvhd")[0], size)
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_child_size(4), "box 'mvhd' in 'moov' declares 4 bytes, less than its 8-byte header"),
        (with_child_size(99_999), "box 'mvhd' in 'moov' declares 99999 bytes but only"),
        (init_segment() + b"\0\0\0", "truncated box header in file at offset"),
        (
            init_segment(track(entry_count=2)),
            "'stsd' declares 2 entries but holds 1",
        ),
        (
            init_segment(track(entry=sample_entry(children=b"", fields=40))),
            "box 'avc1' is too short for its 78 bytes of fields",
        ),
        (box("ftyp", b"iso6\0\0\0\0"), "expected one top-level 'moov' box, found 0"),
        (
            init_segment(track("soun", sample_entry("mp4a", b"", fields=28))),
            "no avc1/avc3/hvc1/hev1 sample entry in a video track",
        ),
    ],
    ids=[
        "size-below-header",
        "size-past-parent",
        "truncated-header",
        "stsd-count",
        "short-entry",
        "no-moov",
        "no-video",
    ],
)
def test_malformed_or_unsuitable_files_raise_box_error(tmp_path, data, message):
    path = write(tmp_path, data)

    with pytest.raises(BoxError, match=re.escape(message)):
        inject_spherical_metadata(path, projection="equirectangular", stereo_mode="mono")
    assert path.read_bytes() == data


def test_unknown_projection_or_stereo_mode_raises_value_error(tmp_path):
    path = write(tmp_path, init_segment())

    with pytest.raises(ValueError, match="Unknown projection 'fisheye'"):
        inject_spherical_metadata(path, projection="fisheye", stereo_mode="mono")
    with pytest.raises(ValueError, match="Unknown stereo mode 'right-left'"):
        inject_spherical_metadata(path, projection="cubemap", stereo_mode="right-left")
