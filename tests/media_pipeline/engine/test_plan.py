"""The ladder planner: table-driven cases of flat, 360° and sound-only sources."""

from fractions import Fraction

import pytest

from media_pipeline.engine.errors import InvalidMediaError, RejectReason
from media_pipeline.engine.plan import (
    DEFAULT_TABLE,
    AudioRole,
    LadderTable,
    Overrides,
    Rung,
    make_plan,
    output_frame_rate,
)
from media_pipeline.engine.types import AudioLayout, Projection, StereoMode

from .factories import description

EQUI = Projection.EQUIRECTANGULAR


def sizes(plan):
    return [(r.width, r.height) for r in plan.video]


@pytest.mark.parametrize(
    ("width", "height", "rotation", "expected"),
    [
        (1920, 1080, 0, [(1920, 1080), (1280, 720), (854, 480), (640, 360), (426, 240)]),
        (1280, 720, 0, [(1280, 720), (854, 480), (640, 360), (426, 240)]),
        # Portrait, stored upright or stored sideways with a rotation.
        (1080, 1920, 0, [(1080, 1920), (720, 1280), (480, 854), (360, 640), (240, 426)]),
        (1920, 1080, 90, [(1080, 1920), (720, 1280), (480, 854), (360, 640), (240, 426)]),
        # 8K is brought down to 1080p.
        (7680, 4320, 0, [(1920, 1080), (1280, 720), (854, 480), (640, 360), (426, 240)]),
        # Odd sizes and unusual aspects give even sizes that keep the aspect.
        (1442, 1081, 0, [(1440, 1080), (960, 720), (640, 480), (480, 360), (320, 240)]),
        (999, 501, 0, [(958, 480), (718, 360), (478, 240)]),
        (2560, 1080, 0, [(2560, 1080), (1706, 720), (1138, 480), (854, 360), (568, 240)]),
        # Tiny sources keep their own size, evened.
        (160, 90, 0, [(160, 90)]),
        (161, 91, 0, [(160, 90)]),
        (90, 160, 0, [(90, 160)]),
    ],
)
def test_flat_ladders_go_by_the_shorter_side_and_never_upscale(width, height, rotation, expected):
    plan = make_plan(description(width, height, rotation=rotation))

    assert sizes(plan) == expected
    assert plan.projection is Projection.FLAT


@pytest.mark.parametrize(
    ("width", "height", "stereo", "expected"),
    [
        (7680, 3840, StereoMode.MONO, [(3840, 1920), (2560, 1280), (1920, 960), (1280, 640)]),
        (5760, 2880, StereoMode.MONO, [(3840, 1920), (2560, 1280), (1920, 960), (1280, 640)]),
        (3840, 1920, StereoMode.MONO, [(3840, 1920), (2560, 1280), (1920, 960), (1280, 640)]),
        (3000, 1500, StereoMode.MONO, [(2560, 1280), (1920, 960), (1280, 640)]),
        (1920, 960, StereoMode.MONO, [(1920, 960), (1280, 640)]),
        (1024, 512, StereoMode.MONO, [(1024, 512)]),
        (320, 160, StereoMode.MONO, [(320, 160)]),
        # Top-bottom stereo: 3840×3840 exceeds what hardware decoders take.
        (3840, 3840, StereoMode.TOP_BOTTOM, [(2560, 2560), (1920, 1920), (1280, 1280)]),
    ],
)
def test_360_ladders_go_by_width(width, height, stereo, expected):
    plan = make_plan(description(width, height, projection=EQUI, stereo_mode=stereo))

    assert sizes(plan) == expected
    assert plan.projection is EQUI
    assert plan.stereo_mode is stereo


def test_rates_follow_the_table_and_grow_with_frame_rate():
    at_30 = make_plan(description(3840, 1920, rate=30, projection=EQUI))
    at_60 = make_plan(description(3840, 1920, rate=60, projection=EQUI))

    assert [r.maxrate for r in at_30.video] == [r.maxrate for r in DEFAULT_TABLE.spherical]
    assert [r.maxrate for r in at_60.video] == [round(r.maxrate * 1.5) for r in at_30.video]
    assert all(r.bufsize == 2 * r.maxrate and r.crf == 21 for r in at_30.video)


def test_lowest_flat_rung_with_its_sound_stays_under_400_kbps():
    plan = make_plan(description(1920, 1080))

    assert plan.video[-1].height == 240
    assert plan.video[-1].maxrate + plan.audio[0].bitrate <= 400


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (Fraction(30000, 1001), Fraction(30000, 1001)),
        (Fraction(25), Fraction(25)),
        (Fraction(60), Fraction(60)),
        (Fraction(120), Fraction(60)),
        (Fraction(100), Fraction(50)),
        (Fraction(90), Fraction(45)),
        (Fraction(0), Fraction(25)),
    ],
)
def test_frame_rate_is_capped_at_60_by_even_division(rate, expected):
    assert make_plan(description(rate=rate)).frame_rate == expected


@pytest.mark.parametrize(
    ("mean", "expected"),
    [(Fraction(17), 24), (Fraction(59, 2), 30), (Fraction(25), 25), (Fraction(90), 60)],
)
def test_variable_frame_rate_becomes_the_next_standard_rate(mean, expected):
    assert make_plan(description(rate=mean, variable=True)).frame_rate == expected


def test_keyframes_come_every_segment():
    plan = make_plan(description(rate=Fraction(30000, 1001)))

    assert plan.segment_duration == 2.0
    assert plan.gop_frames == 60
    assert output_frame_rate(description(rate=50).video) == 50


def test_stereo_sound_gets_one_default_aac_track():
    (track,) = make_plan(description(audio=AudioLayout.SURROUND_5_1)).audio

    assert (track.role, track.codec, track.channels) == (AudioRole.STEREO, "aac", 2)
    assert (track.bitrate, track.sample_rate, track.default) == (192, 48000, True)


def test_ambisonic_sound_gets_binaural_default_and_four_channel_opus():
    binaural, ambisonic = make_plan(description(audio=AudioLayout.AMBIX)).audio

    assert (binaural.role, binaural.codec, binaural.channels) == (AudioRole.BINAURAL, "aac", 2)
    assert binaural.default
    assert (ambisonic.role, ambisonic.codec, ambisonic.channels) == (
        AudioRole.AMBISONIC,
        "libopus",
        4,
    )
    assert not ambisonic.default


def test_uploader_override_turns_four_channels_into_ambix():
    source = description(audio=AudioLayout.MULTICHANNEL)

    assert make_plan(source).audio[0].role is AudioRole.STEREO
    plan = make_plan(source, Overrides(audio_layout=AudioLayout.AMBIX))
    assert [t.role for t in plan.audio] == [AudioRole.BINAURAL, AudioRole.AMBISONIC]


def test_an_override_that_does_not_fit_the_channels_is_refused():
    with pytest.raises(InvalidMediaError) as caught:
        make_plan(description(audio=AudioLayout.STEREO), Overrides(audio_layout=AudioLayout.AMBIX))

    assert str(caught.value) == (
        "The sound has 2 channels but ambisonic (AmbiX) sound needs 4; check the audio layout."
    )
    assert caught.value.reason is RejectReason.LAYOUT


def test_overrides_set_projection_and_stereo_mode():
    plan = make_plan(
        description(2560, 2560),
        Overrides(projection=EQUI, stereo_mode=StereoMode.TOP_BOTTOM),
    )

    assert (plan.projection, plan.stereo_mode) == (EQUI, StereoMode.TOP_BOTTOM)
    assert sizes(plan)[0] == (2560, 2560)


def test_flat_only_ignores_spherical_metadata_and_keeps_only_binaural_sound():
    source = description(
        3840, 1920, projection=EQUI, stereo_mode=StereoMode.TOP_BOTTOM, audio=AudioLayout.AMBIX
    )

    plan = make_plan(source, Overrides(flat_only=True))

    assert (plan.projection, plan.stereo_mode) == (Projection.FLAT, StereoMode.MONO)
    assert sizes(plan)[0] == (2160, 1080)
    assert [t.role for t in plan.audio] == [AudioRole.BINAURAL]


def test_sound_only_sources_get_an_audio_only_plan():
    plan = make_plan(description(None, None, audio=AudioLayout.AMBIX))

    assert plan.is_audio_only
    assert (plan.frame_rate, plan.poster_size, plan.thumbnails) == (None, None, None)
    assert [t.role for t in plan.audio] == [AudioRole.BINAURAL, AudioRole.AMBISONIC]


def test_video_without_sound_has_no_audio_renditions():
    plan = make_plan(description(audio=None))

    assert plan.audio == ()
    assert plan.audio_stream is None


def test_poster_is_taken_at_a_tenth_and_is_16_9_for_360():
    flat = make_plan(description(1920, 1080, duration=50))
    sphere = make_plan(description(3840, 1920, projection=EQUI, duration=50))

    assert (flat.poster_time, flat.poster_size) == (5.0, (1280, 720))
    assert sphere.poster_size == (1066, 600)
    assert make_plan(description(320, 160, projection=EQUI)).poster_size == (160, 90)


@pytest.mark.parametrize(
    ("duration", "interval", "count", "columns", "rows"),
    [
        (2.0, 2.0, 1, 1, 1),
        (4.6, 2.0, 3, 3, 1),
        (60.0, 2.0, 30, 10, 3),
        (3600.0, 36.0, 100, 10, 10),
    ],
)
def test_thumbnail_sprite_holds_at_most_100_tiles_on_segment_boundaries(
    duration, interval, count, columns, rows
):
    thumbs = make_plan(description(640, 360, duration=duration)).thumbnails

    assert (thumbs.interval, thumbs.count, thumbs.columns, thumbs.rows) == (
        interval,
        count,
        columns,
        rows,
    )
    assert (thumbs.tile_width, thumbs.tile_height) == (160, 90)


def test_a_smaller_table_gives_several_rungs_for_small_clips():
    table = LadderTable(flat=(Rung(360, 600), Rung(180, 200)))

    assert sizes(make_plan(description(640, 360), table=table)) == [(640, 360), (320, 180)]


def test_music_never_gets_less_than_128_kbps():
    with pytest.raises(ValueError, match="below 128"):
        make_plan(description(), table=LadderTable(audio_bitrate=96))
