"""HLS master playlists written by us, and the bit rates they declare.

ffmpeg's own master playlist lacks AVERAGE-BANDWIDTH and FRAME-RATE, lists audio-only
streams as variants and omits CODECS for Opus, which leaves hls.js without audio.

Audio layout. Video variants reference one audio group (``VideoVariant.audio_group``) whose
renditions share one codec, in practice the binaural AAC stereo render: a SourceBuffer
holds one codec, and hls.js failed with ``bufferAppendingError`` when switching from an
AAC group to an Opus group of the same master. The 4-channel ambisonic Opus rendition
therefore sits in a separate group that no variant references: hls.js (≥ 1.0) only offers
the renditions of the groups the current level references, Safari ignores the group, and
our player finds it here (by GROUP-ID or CHARACTERISTICS) and plays its media playlist in
its own element. Every group is still listed in full, so a variant's CODECS names every
codec of its group even if a group were ever to mix codecs, as RFC 8216 requires.

Audio-only packages. hls.js needs at least one EXT-X-STREAM-INF, so a master without video
variants lists each rendition of ``audio_only_group`` as a variant pointing at its media
playlist, with the audio CODECS alone, no AUDIO attribute and no EXT-X-MEDIA tags: hls.js
1.5 offers every EXT-X-MEDIA rendition to levels without an AUDIO group and would load one
as alternate audio beside the variant. Those renditions need ``bandwidth`` and
``average_bandwidth``; renditions of other groups (the ambisonic one) are left out, and the
player takes their media playlist from our own manifest.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import m3u8

from .files import write_text_atomically

VIDEO_LAYOUTS = frozenset({"PROJ-EQUI"})
_VERSION = 7
_VERSION_WITH_REQ = 12  # rfc8216bis: any "REQ-" attribute requires EXT-X-VERSION 12
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class VideoVariant:
    """One EXT-X-STREAM-INF of a video ladder.

    ``bandwidth`` and ``average_bandwidth`` cover the whole variant, as RFC 8216 requires:
    the video media playlist's figures from ``segment_bandwidths`` plus those of the
    highest-rate rendition of ``audio_group``.
    """

    uri: str
    bandwidth: int
    average_bandwidth: int
    codecs: str
    resolution: tuple[int, int]
    frame_rate: float
    audio_group: str | None


@dataclass(frozen=True)
class AudioRendition:
    """One EXT-X-MEDIA TYPE=AUDIO rendition; ``codecs`` feeds the CODECS of its variants."""

    group_id: str
    name: str
    language: str | None
    uri: str
    codecs: str
    channels: str
    default: bool
    autoselect: bool
    characteristics: str | None = None
    # Only read when the rendition becomes a variant of an audio-only master.
    bandwidth: int | None = None
    average_bandwidth: int | None = None


def segment_bandwidths(media_playlist_path) -> tuple[int, int]:
    """Return (peak, average) bits per second of a media playlist's segments.

    Both follow RFC 8216 §4.3.4.2: the average is the size of every Media Segment divided
    by the playlist's duration; the peak is the highest rate of any run of consecutive
    segments lasting 0.5 to 1.5 target durations, so a short final segment cannot inflate
    it (with regular segments it is the highest single-segment rate). The init segment
    (EXT-X-MAP) is not counted: it is fetched once per switch, not with every segment.
    EXT-X-BYTERANGE lengths replace file sizes. Values are rounded up, and the peak is
    never below the average.

    Raise ``ValueError`` for a master playlist, one without segments, duration or target
    duration, or a segment URI that is not a relative path; ``FileNotFoundError`` for a
    missing segment file.
    """
    path = Path(media_playlist_path)
    playlist = m3u8.loads(path.read_text(encoding="utf-8"))
    if playlist.is_variant:
        raise ValueError(f"{path.name} is a master playlist, not a media playlist")
    segments = [(seg.duration, _segment_size(path.parent, seg)) for seg in playlist.segments]
    duration = sum(seconds for seconds, _ in segments)
    if not segments or duration <= 0 or not playlist.target_duration:
        raise ValueError(f"{path.name} has no segments, no duration or no target duration")
    average = math.ceil(sum(size for _, size in segments) * 8 / duration)
    peak = math.ceil(_peak_bit_rate(segments, playlist.target_duration))
    return max(peak, average), average


def write_master_playlist(
    path,
    variants: Sequence[VideoVariant],
    audio: Sequence[AudioRendition],
    *,
    video_layout: str | None = None,
    audio_only_group: str | None = None,
) -> str:
    """Write the master playlist atomically to ``path`` and return its text.

    Audio renditions come first as EXT-X-MEDIA tags, then the variants by ascending
    BANDWIDTH: the first variant is where hls.js and Safari start, and the lowest rung
    starts fastest. ``video_layout="PROJ-EQUI"`` adds ``REQ-VIDEO-LAYOUT`` to every variant
    and raises EXT-X-VERSION from 7 to 12, as rfc8216bis requires for "REQ-" attributes;
    clients that do not know the value must skip those variants, so only give it for
    masters meant for clients that render 360° video themselves.

    Without ``variants`` the playlist is audio-only (see the module docstring);
    ``audio_only_group`` names the group to list and may be omitted when there is one.

    Raise ``ValueError`` for attribute values holding quotes or line breaks, non-positive
    numbers, an unknown video layout, a variant referencing a missing group, a group with
    two DEFAULT=YES renditions or duplicate names, DEFAULT=YES without AUTOSELECT=YES, or
    an audio-only master without a usable group or bandwidths.
    """
    if video_layout is not None and video_layout not in VIDEO_LAYOUTS:
        raise ValueError(f"Unknown video layout {video_layout!r}; expected one of {VIDEO_LAYOUTS}")
    _check_renditions(audio)
    body = _body(variants, audio, video_layout, audio_only_group)
    version = _VERSION_WITH_REQ if video_layout else _VERSION
    header = ["#EXTM3U", f"#EXT-X-VERSION:{version}", "#EXT-X-INDEPENDENT-SEGMENTS"]
    text = "\n".join([*header, *body]) + "\n"
    write_text_atomically(Path(path), text)
    return text


# Bandwidths ------------------------------------------------------------------------------


def _segment_size(directory: Path, segment) -> int:
    if segment.byterange:
        try:
            return int(segment.byterange.split("@", 1)[0])
        except ValueError as error:
            raise ValueError(f"segment {segment.uri!r} has a malformed EXT-X-BYTERANGE") from error
    parts = urlsplit(segment.uri)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        raise ValueError(f"segment URI {segment.uri!r} is not a path relative to its playlist")
    return (directory / unquote(parts.path)).stat().st_size


def _peak_bit_rate(segments: list[tuple[float, int]], target_duration: float) -> float:
    """Return the highest bit rate of any run of segments lasting 0.5–1.5 target durations."""
    shortest, longest = 0.5 * target_duration, 1.5 * target_duration
    peak = 0.0
    for first in range(len(segments)):
        duration = size = 0
        for seconds, length in segments[first:]:
            duration += seconds
            size += length
            if duration > longest:
                break
            if duration >= shortest:
                peak = max(peak, size * 8 / duration)
    return peak


# Master playlist -------------------------------------------------------------------------


def _body(variants, audio, video_layout: str | None, audio_only_group: str | None) -> list[str]:
    """Return the EXT-X-MEDIA and EXT-X-STREAM-INF lines, or the audio-only variants."""
    if not variants:
        if video_layout is not None:
            raise ValueError("video_layout needs video variants")
        return _audio_only_lines(audio, audio_only_group)
    if audio_only_group is not None:
        raise ValueError("audio_only_group only applies to playlists without video variants")
    lines = [_media_tag(rendition) for rendition in audio]
    for variant in sorted(variants, key=lambda v: v.bandwidth):
        lines += _video_variant_lines(variant, audio, video_layout)
    return lines


def _check_renditions(audio: Sequence[AudioRendition]) -> None:
    """Raise ``ValueError`` unless each group has unique names and at most one default."""
    for group_id in {rendition.group_id for rendition in audio}:
        group = [rendition for rendition in audio if rendition.group_id == group_id]
        names = [rendition.name for rendition in group]
        if len(set(names)) != len(names):
            raise ValueError(f"audio group {group_id!r} repeats a NAME: {names}")
        if sum(rendition.default for rendition in group) > 1:
            raise ValueError(f"audio group {group_id!r} has more than one DEFAULT=YES rendition")
    for rendition in audio:
        if rendition.default and not rendition.autoselect:
            raise ValueError(f"rendition {rendition.name!r} is DEFAULT=YES but not AUTOSELECT")


def _media_tag(rendition: AudioRendition) -> str:
    attributes = [
        ("TYPE", "AUDIO"),
        ("GROUP-ID", _quoted("GROUP-ID", rendition.group_id)),
        ("NAME", _quoted("NAME", rendition.name)),
    ]
    if rendition.language is not None:
        attributes.append(("LANGUAGE", _quoted("LANGUAGE", _language(rendition.language))))
    attributes += [
        ("DEFAULT", _yes_no(rendition.default)),
        ("AUTOSELECT", _yes_no(rendition.autoselect)),
        ("CHANNELS", _quoted("CHANNELS", rendition.channels)),
    ]
    if rendition.characteristics is not None:
        attributes.append(
            ("CHARACTERISTICS", _quoted("CHARACTERISTICS", rendition.characteristics))
        )
    attributes.append(("URI", _quoted("URI", rendition.uri)))
    return "#EXT-X-MEDIA:" + _attribute_list(attributes)


def _video_variant_lines(
    variant: VideoVariant, audio: Sequence[AudioRendition], video_layout: str | None
) -> list[str]:
    codecs = [variant.codecs]
    if variant.audio_group is not None:
        group = [r for r in audio if r.group_id == variant.audio_group]
        if not group:
            raise ValueError(
                f"variant {variant.uri!r} references missing group {variant.audio_group!r}"
            )
        codecs += [rendition.codecs for rendition in group]
    width, height = variant.resolution
    attributes = [
        *_bandwidth_attributes(variant.uri, variant.bandwidth, variant.average_bandwidth),
        ("CODECS", _quoted("CODECS", _join_codecs(codecs))),
        ("RESOLUTION", f"{_positive('width', width)}x{_positive('height', height)}"),
        ("FRAME-RATE", f"{_positive('FRAME-RATE', variant.frame_rate):.3f}"),
    ]
    if variant.audio_group is not None:
        attributes.append(("AUDIO", _quoted("AUDIO", variant.audio_group)))
    if video_layout is not None:
        attributes.append(("REQ-VIDEO-LAYOUT", _quoted("REQ-VIDEO-LAYOUT", video_layout)))
    return ["#EXT-X-STREAM-INF:" + _attribute_list(attributes), _uri_line(variant.uri)]


def _audio_only_lines(audio: Sequence[AudioRendition], group_id: str | None) -> list[str]:
    """Return one EXT-X-STREAM-INF per rendition of the group, by ascending bandwidth."""
    groups = {rendition.group_id for rendition in audio}
    if group_id is None and len(groups) == 1:
        (group_id,) = groups
    group = [rendition for rendition in audio if rendition.group_id == group_id]
    if not group:
        raise ValueError(
            f"an audio-only playlist needs renditions in audio_only_group {group_id!r}"
        )
    lines = []
    for rendition in sorted(group, key=lambda r: r.bandwidth or 0):
        if rendition.bandwidth is None or rendition.average_bandwidth is None:
            raise ValueError(f"audio-only rendition {rendition.name!r} needs its bandwidths")
        attributes = [
            *_bandwidth_attributes(rendition.uri, rendition.bandwidth, rendition.average_bandwidth),
            ("CODECS", _quoted("CODECS", _join_codecs([rendition.codecs]))),
        ]
        lines += ["#EXT-X-STREAM-INF:" + _attribute_list(attributes), _uri_line(rendition.uri)]
    return lines


def _bandwidth_attributes(uri: str, bandwidth: int, average: int) -> list[tuple[str, str]]:
    for name, value in (("BANDWIDTH", bandwidth), ("AVERAGE-BANDWIDTH", average)):
        if not isinstance(value, int):
            raise ValueError(f"{name} of {uri!r} must be an integer, not {value!r}")
    return [
        ("BANDWIDTH", str(_positive(f"BANDWIDTH of {uri!r}", bandwidth))),
        ("AVERAGE-BANDWIDTH", str(_positive(f"AVERAGE-BANDWIDTH of {uri!r}", average))),
    ]


def _join_codecs(codec_lists: Iterable[str]) -> str:
    """Return the distinct codecs of comma-separated lists, in first-seen order."""
    codecs = [codec.strip() for codecs in codec_lists for codec in codecs.split(",")]
    return ",".join(dict.fromkeys(codec for codec in codecs if codec))


def _attribute_list(attributes: list[tuple[str, str]]) -> str:
    return ",".join(f"{name}={value}" for name, value in attributes)


def _quoted(attribute: str, value: str) -> str:
    """Return ``value`` as a quoted-string; raise ``ValueError`` if it cannot be one."""
    if not value or any(char == '"' or ord(char) < 0x20 or char == "\x7f" for char in value):
        raise ValueError(f"{attribute} value {value!r} is empty or holds a quote or control char")
    return f'"{value}"'


def _uri_line(uri: str) -> str:
    """Return ``uri`` as a playlist line; raise ``ValueError`` if it would not read as one."""
    _quoted("URI", uri)
    if uri != uri.strip() or uri.startswith("#"):
        raise ValueError(f"URI {uri!r} has surrounding spaces or starts with '#'")
    return uri


def _language(tag: str) -> str:
    if not _LANGUAGE.fullmatch(tag):
        raise ValueError(f"LANGUAGE {tag!r} is not an RFC 5646 language tag")
    return tag


def _positive(name: str, number):
    if isinstance(number, bool) or not number > 0:
        raise ValueError(f"{name} must be positive, not {number!r}")
    return number


def _yes_no(flag: bool) -> str:
    return "YES" if flag else "NO"
