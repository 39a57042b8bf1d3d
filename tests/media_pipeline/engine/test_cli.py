"""python -m media_pipeline: JSON out, exit 0 / 2 (bad input, one line) / 1 (internal)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "media_pipeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_probe_prints_the_description_as_json(clips):
    result = cli("probe", str(clips.equirectangular))

    assert result.returncode == 0, result.stderr
    description = json.loads(result.stdout)
    assert description["projection"] == "equirectangular"
    assert description["audio_layout"] == "ambix"


def test_probe_of_bad_input_exits_2_with_one_line(clips):
    result = cli("probe", str(clips.disguised_playlist))

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: The file is a playlist or a list of other files, not a recording; "
        "upload the video or sound file itself.\n"
    )


def test_transcode_writes_the_package_with_overrides(clips, tmp_path):
    out = tmp_path / "package"

    result = cli(
        "transcode", str(clips.ambix), str(out), "--audio-layout", "ambix", "--preset", "ultrafast"
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert json.loads(result.stdout) == manifest
    assert [a["role"] for a in manifest["audio"]] == ["binaural", "ambisonic"]
    assert (out / "master.m3u8").is_file()


def test_transcode_override_that_does_not_fit_exits_2(clips, tmp_path):
    result = cli(
        "transcode", str(clips.stereo_audio), str(tmp_path / "out"), "--audio-layout", "5.1"
    )

    assert result.returncode == 2
    assert result.stderr.startswith("error: The sound has 2 channels")
    assert len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_transcode_refuses_a_directory_with_files(clips, tmp_path):
    (tmp_path / "notes.txt").write_text("keep")

    result = cli("transcode", str(clips.flat), str(tmp_path))

    assert result.returncode == 2
    assert "empty directory" in result.stderr


def test_unknown_choice_is_a_usage_error(clips, tmp_path):
    result = cli("transcode", str(clips.flat), str(tmp_path / "out"), "--projection", "dome")

    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_internal_failure_exits_1(clips, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    broken = bin_dir / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n")
    broken.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}

    result = cli("transcode", str(clips.flat), str(tmp_path / "out"), env=env)

    assert result.returncode == 1
    assert result.stderr.startswith("internal error: ffmpeg exited with status 139")
    assert not (tmp_path / "out").exists()


def test_the_cli_does_not_import_django(clips):
    code = (
        "import sys; from media_pipeline.__main__ import main; "
        f"status = main(['probe', {str(clips.flat)!r}]); "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('django', 'celery', 'boto3')]; "
        "sys.exit(status)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )

    assert result.returncode == 0, result.stderr
