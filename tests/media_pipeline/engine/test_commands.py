"""Command builders: the argument lists ffmpeg receives, from one frozen TranscodeJob."""

from pathlib import Path

import pytest

from media_pipeline.engine import commands
from media_pipeline.engine.commands import TranscodeJob
from media_pipeline.engine.plan import DEFAULT_TABLE, LadderTable, Rung, make_plan
from media_pipeline.engine.types import AudioLayout, Projection, StereoMode

from .factories import description

WHITELIST = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,wav,flac,ogg,mp3"
SOURCE = ["-protocol_whitelist", "file", "-format_whitelist", WHITELIST,
          "-f", "mp4", "-i", "file:/media/in/lesson.mp4"]  # fmt: skip
HEAD = ["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-n"]
JPEG = ["-an", "-sn", "-dn", "-c:v", "mjpeg"]


def job_for(source_description, table=DEFAULT_TABLE, **options) -> TranscodeJob:
    return TranscodeJob(
        source=Path("/media/in/lesson.mp4"),
        input_format="mp4",
        output_dir=Path("/media/out"),
        plan=make_plan(source_description, table=table),
        **options,
    )


@pytest.fixture
def flat_job():
    table = LadderTable(flat=(Rung(720, 3000), Rung(360, 700)))
    return job_for(description(1280, 720, rate=30, duration=10), table)


@pytest.fixture
def sphere_job():
    source = description(
        3840, 3840, rate=30, duration=10, projection=Projection.EQUIRECTANGULAR,
        stereo_mode=StereoMode.TOP_BOTTOM, audio=AudioLayout.AMBIX,
    )  # fmt: skip
    table = LadderTable(spherical=(Rung(2560, 8000), Rung(1280, 2000)))
    return job_for(source, table, preset="ultrafast")


def test_transcode_command_writes_every_rendition_in_one_process(flat_job):
    assert commands.transcode_command(flat_job) == [
        *HEAD, *SOURCE,
        "-filter_complex",
        "[0:0]fps=30,format=yuv420p,split=2[s0][s1];"
        "[s0]scale=1280:720:flags=lanczos,setsar=1[v0];"
        "[s1]scale=640:360:flags=lanczos,setsar=1[v1];"
        "[0:1]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[a0]",
        "-map", "[v0]", "-map", "[v1]", "-map", "[a0]",
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
        "-g", "60", "-keyint_min", "60", "-sc_threshold", "0",
        "-force_key_frames", "expr:gte(t,n_forced*2)",
        "-crf:v:0", "21", "-maxrate:v:0", "3000k", "-bufsize:v:0", "6000k",
        "-crf:v:1", "21", "-maxrate:v:1", "700k", "-bufsize:v:1", "1400k",
        "-c:a:0", "aac", "-b:a:0", "192k",
        "-max_muxing_queue_size", "4096",
        "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
        "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
        "-hls_fmp4_init_filename", "init.mp4",
        "-hls_segment_filename", "/media/out/%v/segment_%05d.m4s",
        "-var_stream_map", "v:0,name:video_1280x720 v:1,name:video_640x360 a:0,name:audio_stereo",
        "-progress", "pipe:1", "-nostats",
        "/media/out/%v/playlist.m3u8",
    ]  # fmt: skip


def test_transcode_command_never_writes_ffmpegs_master_playlist(flat_job):
    assert "-master_pl_name" not in commands.transcode_command(flat_job)


def test_ambisonic_sound_is_split_before_any_mixing(sphere_job):
    graph = commands.filter_graph(sphere_job)
    audio = graph[graph.index("[0:1]") :]

    assert audio.startswith(
        "[0:1]channelmap=map=0|1|2|3:channel_layout=4.0,aresample=48000,asplit=2[ax0][ax1];"
        "[ax0]pan=octagonal|"
    )
    assert audio.endswith("aformat=sample_fmts=fltp:channel_layouts=stereo[a0];[ax1]anull[a1]")
    # The only stereo conversion of the ambisonic branch comes after the binaural render.
    assert audio.index("sofalizer") < audio.index("channel_layouts=stereo")


def test_binaural_render_uses_the_hrtf_and_the_measured_makeup_gain(sphere_job):
    chain = commands.binaural(Path("/usr/share/libmysofa/default.sofa"), 30.0)

    assert (
        ",sofalizer=sofa=/usr/share/libmysofa/default.sofa:type=freq:gain=30:speakers="
        "FL 45 0|FR 315 0|FC 0 0|BL 135 0|BR 225 0|BC 180 0|SL 90 0|SR 270 0,"
        "alimiter=limit=0.891:level=0:latency=1,"
    ) in chain


def test_ambisonic_decoder_gains_follow_the_speaker_azimuths():
    assert commands.ambisonic_decoder() == (
        "pan=octagonal"
        "|c0=0.12500*c0+0.12500*c1+0.12500*c3"  # FL 45°
        "|c1=0.12500*c0-0.12500*c1+0.12500*c3"  # FR 315°
        "|c2=0.12500*c0+0.17678*c3"  # FC 0°
        "|c3=0.12500*c0+0.12500*c1-0.12500*c3"  # BL 135°
        "|c4=0.12500*c0-0.12500*c1-0.12500*c3"  # BR 225°
        "|c5=0.12500*c0-0.17678*c3"  # BC 180°
        "|c6=0.12500*c0+0.17678*c1"  # SL 90°
        "|c7=0.12500*c0-0.17678*c1"  # SR 270°
    )


def test_ambisonic_track_is_opus_with_mapping_family_2(sphere_job):
    assert commands.audio_codec_args(sphere_job.plan.audio) == [
        "-c:a:0", "aac", "-b:a:0", "192k",
        "-c:a:1", "libopus", "-b:a:1", "256k", "-mapping_family:a:1", "2",
    ]  # fmt: skip


def test_var_stream_map_names_every_rendition(sphere_job):
    assert commands.var_stream_map(sphere_job.plan) == (
        "v:0,name:video_2560x2560 v:1,name:video_1280x1280 "
        "a:0,name:audio_binaural a:1,name:audio_ambisonic"
    )


def test_sound_only_command_has_no_video_settings():
    job = job_for(description(None, None, audio=AudioLayout.MONO))
    command = commands.transcode_command(job)

    assert "-c:v" not in command
    assert command[command.index("-filter_complex") + 1] == (
        "[0:0]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[a0]"
    )
    assert command[command.index("-var_stream_map") + 1] == "a:0,name:audio_stereo"


def test_poster_of_a_flat_video_is_a_scaled_frame_at_a_tenth(flat_job):
    assert commands.poster_command(flat_job) == [
        *HEAD, "-ss", "1", *SOURCE, "-map", "0:0", "-frames:v", "1",
        "-vf", "scale=1280:720:flags=lanczos,setsar=1,format=yuvj420p",
        *JPEG, "-q:v", "3", "-f", "image2", "-update", "1", "/media/out/poster.jpg",
    ]  # fmt: skip


def test_poster_of_a_360_video_is_a_flat_view_of_one_eye(sphere_job):
    command = commands.poster_command(sphere_job)

    assert command[command.index("-vf") + 1] == (
        "v360=input=e:output=flat:in_stereo=tb:out_stereo=2d:h_fov=100:v_fov=67.61"
        ":w=712:h=400,setsar=1,format=yuvj420p"
    )


def test_sprite_decodes_keyframes_of_the_smallest_rendition(flat_job):
    assert commands.sprite_command(flat_job) == [
        *HEAD, "-skip_frame:v", "nokey", "-protocol_whitelist", "file",
        "-f", "hls", "-i", "/media/out/video_640x360/playlist.m3u8",
        "-map", "0:v:0", "-frames:v", "1",
        "-vf", "select='isnan(prev_selected_t)+gt(floor((t+0.5)/2),floor((prev_selected_t+0.5)/2))'"
        ",scale=160:90:flags=lanczos,setsar=1,tile=5x1,format=yuvj420p",
        *JPEG, "-q:v", "5", "-f", "image2", "-update", "1", "/media/out/thumbnails.jpg",
    ]  # fmt: skip


def test_sprite_of_360_video_needs_enough_width_for_a_flat_view(sphere_job):
    assert commands.sprite_source(sphere_job.plan).width == 1280


def test_loudness_is_measured_on_the_default_audio_rendition(sphere_job):
    assert commands.loudness_command(sphere_job) == [
        "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-v", "info",
        "-protocol_whitelist", "file", "-f", "hls",
        "-i", "/media/out/audio_binaural/playlist.m3u8",
        "-map", "0:a:0", "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-",
    ]  # fmt: skip


def test_stream_probe_command_prints_the_decoder_configuration():
    assert commands.stream_probe_command(Path("/media/out/v/init_0.mp4")) == [
        "ffprobe", "-v", "error", "-hide_banner", "-protocol_whitelist", "file",
        "-f", "mp4", "-print_format", "json", "-show_streams", "-show_data",
        "-select_streams", "v:0", "file:/media/out/v/init_0.mp4",
    ]  # fmt: skip


def test_filter_values_are_escaped_twice():
    assert commands.escape_filter_value("/srv/hrtf's:dir/[a],b;c.sofa") == (
        r"/srv/hrtf\\\'s\\:dir/\[a\]\,b\;c.sofa"
    )


def test_job_refuses_a_demuxer_outside_the_allow_list():
    with pytest.raises(ValueError, match="hls"):
        TranscodeJob(Path("/a"), "hls", Path("/out"), make_plan(description()))


def test_job_refuses_a_relative_or_percent_output_directory():
    plan = make_plan(description())

    with pytest.raises(ValueError, match="absolute"):
        TranscodeJob(Path("/a"), "mp4", Path("out"), plan)
    with pytest.raises(ValueError, match="absolute"):
        TranscodeJob(Path("/a"), "mp4", Path("/out/100%"), plan)
