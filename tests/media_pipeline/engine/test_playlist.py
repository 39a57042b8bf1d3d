import dataclasses
import math
import re

import m3u8
import pytest

from media_pipeline.engine.playlist import (
    AudioRendition,
    VideoVariant,
    segment_bandwidths,
    write_master_playlist,
)

BINAURAL = AudioRendition(
    group_id="stereo",
    name="Binaural",
    language="fr",
    uri="audio/binaural.m3u8",
    codecs="mp4a.40.2",
    channels="2",
    default=True,
    autoselect=True,
    bandwidth=140_000,
    average_bandwidth=130_000,
)
AMBISONIC = AudioRendition(
    group_id="ambisonic",
    name="Ambisonique ordre 1",
    language="fr",
    uri="audio/ambisonic.m3u8",
    codecs="opus",
    channels="4",
    default=False,
    autoselect=False,
    characteristics="org.conservatoire.ambisonic-acn-sn3d",
    bandwidth=270_000,
    average_bandwidth=256_000,
)
HIGH = VideoVariant(
    uri="video/1920x960.m3u8",
    bandwidth=5_000_000,
    average_bandwidth=4_200_000,
    codecs="avc1.640028",
    resolution=(1920, 960),
    frame_rate=29.97002997,
    audio_group="stereo",
)
LOW = VideoVariant(
    uri="video/960x480.m3u8",
    bandwidth=1_200_000,
    average_bandwidth=1_000_000,
    codecs="avc1.64001f",
    resolution=(960, 480),
    frame_rate=25,
    audio_group="stereo",
)


def write_and_parse(tmp_path, variants, audio, **options):
    path = tmp_path / "master.m3u8"
    text = write_master_playlist(path, variants, audio, **options)
    assert path.read_text(encoding="utf-8") == text
    return text, m3u8.loads(text)


def test_master_playlist_declares_every_variant_attribute(tmp_path):
    text, master = write_and_parse(tmp_path, [HIGH, LOW], [BINAURAL, AMBISONIC])

    assert text.startswith("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n")
    assert (master.version, master.is_independent_segments) == (7, True)
    assert [p.uri for p in master.playlists] == [LOW.uri, HIGH.uri]  # ascending bandwidth
    low, high = (p.stream_info for p in master.playlists)
    assert (high.bandwidth, high.average_bandwidth) == (5_000_000, 4_200_000)
    assert high.codecs == "avc1.640028,mp4a.40.2"
    assert high.resolution == (1920, 960)
    assert high.frame_rate == 29.970
    assert "FRAME-RATE=29.970," in text
    assert high.audio == "stereo"
    assert (low.bandwidth, low.average_bandwidth, low.codecs) == (
        1_200_000,
        1_000_000,
        "avc1.64001f,mp4a.40.2",
    )
    assert (low.resolution, low.frame_rate, low.audio) == ((960, 480), 25.0, "stereo")
    assert "REQ-VIDEO-LAYOUT" not in text


def test_master_playlist_declares_every_audio_rendition_attribute(tmp_path):
    _, master = write_and_parse(tmp_path, [HIGH], [BINAURAL, AMBISONIC])

    binaural, ambisonic = master.media
    assert (binaural.type, binaural.group_id, binaural.name) == ("AUDIO", "stereo", "Binaural")
    assert (binaural.language, binaural.default, binaural.autoselect) == ("fr", "YES", "YES")
    assert (binaural.channels, binaural.uri, binaural.characteristics) == (
        "2",
        "audio/binaural.m3u8",
        None,
    )
    assert (ambisonic.group_id, ambisonic.name) == ("ambisonic", "Ambisonique ordre 1")
    assert (ambisonic.default, ambisonic.autoselect, ambisonic.channels) == ("NO", "NO", "4")
    assert ambisonic.characteristics == "org.conservatoire.ambisonic-acn-sn3d"
    assert ambisonic.uri == "audio/ambisonic.m3u8"


def test_the_ambisonic_opus_group_is_listed_but_no_variant_needs_opus(tmp_path):
    text, master = write_and_parse(tmp_path, [HIGH, LOW], [BINAURAL, AMBISONIC])

    assert {p.stream_info.audio for p in master.playlists} == {"stereo"}
    assert all("opus" not in p.stream_info.codecs for p in master.playlists)
    assert 'GROUP-ID="ambisonic"' in text


def test_a_variant_lists_every_codec_of_a_group_that_mixes_codecs(tmp_path):
    mixed = dataclasses.replace(AMBISONIC, group_id="stereo")

    _, master = write_and_parse(tmp_path, [HIGH], [BINAURAL, mixed])

    assert master.playlists[0].stream_info.codecs == "avc1.640028,mp4a.40.2,opus"


def test_language_and_characteristics_are_optional(tmp_path):
    rendition = dataclasses.replace(BINAURAL, language=None, characteristics=None)

    text, master = write_and_parse(tmp_path, [HIGH], [rendition])

    assert "LANGUAGE" not in text and "CHARACTERISTICS" not in text
    assert master.media[0].language is None


def test_equirectangular_layout_adds_req_video_layout_and_version_12(tmp_path):
    text, master = write_and_parse(tmp_path, [HIGH, LOW], [BINAURAL], video_layout="PROJ-EQUI")

    assert master.version == 12  # rfc8216bis: "REQ-" attributes need version 12
    assert text.count('REQ-VIDEO-LAYOUT="PROJ-EQUI"') == 2
    # m3u8 6.0 keeps the quotes of this attribute.
    assert {p.stream_info.req_video_layout.strip('"') for p in master.playlists} == {"PROJ-EQUI"}


def test_audio_only_master_lists_its_group_as_variants_without_media_tags(tmp_path):
    text, master = write_and_parse(tmp_path, [], [AMBISONIC, BINAURAL], audio_only_group="stereo")

    assert "#EXT-X-MEDIA" not in text
    assert master.media == []
    (variant,) = master.playlists
    assert variant.uri == "audio/binaural.m3u8"
    info = variant.stream_info
    assert (info.bandwidth, info.average_bandwidth, info.codecs) == (140_000, 130_000, "mp4a.40.2")
    assert (info.audio, info.resolution, info.frame_rate) == (None, None, None)


def test_audio_only_master_defaults_to_the_only_group(tmp_path):
    louder = dataclasses.replace(BINAURAL, name="Binaural HQ", default=False, bandwidth=300_000)

    _, master = write_and_parse(tmp_path, [], [louder, BINAURAL])

    assert [p.stream_info.bandwidth for p in master.playlists] == [140_000, 300_000]


@pytest.mark.parametrize(
    ("variants", "audio", "options", "message"),
    [
        ([HIGH], [dataclasses.replace(BINAURAL, name='Le "live"')], {}, "NAME value"),
        ([HIGH], [dataclasses.replace(BINAURAL, name="Bin\naural")], {}, "NAME value"),
        ([HIGH], [dataclasses.replace(BINAURAL, group_id="")], {}, "GROUP-ID value ''"),
        ([HIGH], [dataclasses.replace(BINAURAL, uri="a.m3u8\r")], {}, "URI value"),
        ([dataclasses.replace(HIGH, uri="#x.m3u8")], [BINAURAL], {}, "starts with '#'"),
        ([dataclasses.replace(HIGH, uri="x.m3u8\n#EXT")], [BINAURAL], {}, "URI value"),
        ([dataclasses.replace(HIGH, codecs='avc1"')], [BINAURAL], {}, "CODECS value"),
        ([HIGH], [dataclasses.replace(BINAURAL, language="fr FR")], {}, "RFC 5646"),
        ([HIGH], [BINAURAL, dataclasses.replace(BINAURAL, name="B")], {}, "more than one DEFAULT"),
        ([HIGH], [BINAURAL, dataclasses.replace(BINAURAL, default=False)], {}, "repeats a NAME"),
        ([HIGH], [dataclasses.replace(BINAURAL, autoselect=False)], {}, "not AUTOSELECT"),
        ([HIGH], [AMBISONIC], {}, "references missing group 'stereo'"),
        ([dataclasses.replace(HIGH, bandwidth=4.5e6)], [BINAURAL], {}, "must be an integer"),
        ([dataclasses.replace(HIGH, average_bandwidth=0)], [BINAURAL], {}, "must be positive"),
        ([dataclasses.replace(HIGH, frame_rate=0)], [BINAURAL], {}, "FRAME-RATE must be"),
        ([dataclasses.replace(HIGH, resolution=(0, 960))], [BINAURAL], {}, "width must be"),
        ([HIGH], [BINAURAL], {"video_layout": "PROJ-FISH"}, "Unknown video layout"),
        ([HIGH], [BINAURAL], {"audio_only_group": "stereo"}, "only applies to playlists"),
        ([], [BINAURAL], {"video_layout": "PROJ-EQUI"}, "video_layout needs video variants"),
        ([], [BINAURAL, AMBISONIC], {}, "needs renditions in audio_only_group None"),
        ([], [dataclasses.replace(BINAURAL, bandwidth=None)], {}, "needs its bandwidths"),
    ],
)
def test_invalid_playlists_raise_value_error_and_write_nothing(
    tmp_path, variants, audio, options, message
):
    path = tmp_path / "master.m3u8"

    with pytest.raises(ValueError, match=re.escape(message)):
        write_master_playlist(path, variants, audio, **options)
    assert list(tmp_path.iterdir()) == []


def test_rewriting_a_master_playlist_replaces_it(tmp_path):
    path = tmp_path / "master.m3u8"
    write_master_playlist(path, [HIGH, LOW], [BINAURAL])

    write_master_playlist(path, [LOW], [BINAURAL])

    assert [p.uri for p in m3u8.load(str(path)).playlists] == [LOW.uri]
    assert [p.name for p in tmp_path.iterdir()] == ["master.m3u8"]


# segment_bandwidths --------------------------------------------------------------------------


def media_playlist(directory, target_duration, segments, map_line='#EXT-X-MAP:URI="init.mp4"'):
    lines = ["#EXTM3U", "#EXT-X-VERSION:7", f"#EXT-X-TARGETDURATION:{target_duration}"]
    lines += [map_line] if map_line else []
    for duration, uri, byterange in segments:
        lines.append(f"#EXTINF:{duration:.6f},")
        lines += [f"#EXT-X-BYTERANGE:{byterange}"] if byterange else []
        lines.append(uri)
    path = directory / "index.m3u8"
    path.write_text("\n".join([*lines, "#EXT-X-ENDLIST", ""]), encoding="utf-8")
    return path


def test_bandwidths_are_peak_and_average_bits_per_second_without_the_init_segment(tmp_path):
    (tmp_path / "init.mp4").write_bytes(bytes(10_000))
    for name, size in (("seg0.m4s", 250_000), ("seg1.m4s", 500_000), ("seg2.m4s", 50_000)):
        (tmp_path / name).write_bytes(bytes(size))
    playlist = media_playlist(
        tmp_path, 2, [(2.0, "seg0.m4s", None), (2.0, "seg1.m4s", None), (0.1, "seg2.m4s", None)]
    )

    peak, average = segment_bandwidths(playlist)

    assert average == math.ceil(800_000 * 8 / 4.1)
    # The 0.1 s tail alone (4 Mbit/s) is shorter than half a target duration: it only
    # counts together with seg1.
    assert peak == math.ceil(550_000 * 8 / 2.1)


def test_byte_ranges_give_the_segment_sizes(tmp_path):
    segments = [(1.0, "all.mp4", "1000@700"), (1.0, "all.mp4", "3000"), (1.0, "all.mp4", "2000")]
    playlist = media_playlist(tmp_path, 1, segments, '#EXT-X-MAP:URI="all.mp4",BYTERANGE="700@0"')

    assert segment_bandwidths(playlist) == (24_000, 16_000)


def test_percent_encoded_segment_names_are_found(tmp_path):
    (tmp_path / "rung 1").mkdir()
    (tmp_path / "rung 1" / "seg 0.m4s").write_bytes(bytes(1000))
    playlist = media_playlist(tmp_path, 1, [(1.0, "rung%201/seg%200.m4s", None)], None)

    assert segment_bandwidths(playlist) == (8000, 8000)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", "is a master playlist"),
        ("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n", "has no segments"),
        ("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttps://cdn.example/s.m4s\n", "relative"),
        ("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n/srv/s.m4s\n", "relative"),
        (
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n#EXT-X-BYTERANGE:x@0\ns.mp4\n",
            "malformed EXT-X-BYTERANGE",
        ),
    ],
)
def test_bandwidths_of_unsuitable_playlists_raise_value_error(tmp_path, text, message):
    path = tmp_path / "index.m3u8"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ValueError, match=message):
        segment_bandwidths(path)


def test_a_missing_segment_file_raises_file_not_found(tmp_path):
    playlist = media_playlist(tmp_path, 2, [(2.0, "gone.m4s", None)])

    with pytest.raises(FileNotFoundError):
        segment_bandwidths(playlist)
