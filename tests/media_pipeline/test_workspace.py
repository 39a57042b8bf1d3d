import multiprocessing
import os
import signal
import time

from media_pipeline.workspace import (
    SETUP_GRACE_SECONDS,
    SETUP_PREFIX,
    job_workspace,
    sweep_workspaces,
)


def _hold_workspace(root, asset_uuid, ready):
    with job_workspace(root, asset_uuid) as path:
        (path / "partial.m4s").write_bytes(b"x" * 10)
        ready.put(str(path))
        signal.pause()


def test_a_workspace_is_removed_when_the_job_ends(tmp_path):
    with job_workspace(tmp_path, "abc") as path:
        (path / "segment.m4s").write_bytes(b"data")
        assert path.is_dir()

    assert not path.exists()


def test_a_workspace_is_removed_when_the_job_raises(tmp_path):
    try:
        with job_workspace(tmp_path, "abc") as path:
            raise RuntimeError("ffmpeg died")
    except RuntimeError:
        pass

    assert not path.exists()


def test_a_killed_jobs_folder_is_swept_but_a_live_one_is_kept(tmp_path):
    context = multiprocessing.get_context("fork")
    ready = context.Queue()
    live = context.Process(target=_hold_workspace, args=(tmp_path, "live", ready))
    dead = context.Process(target=_hold_workspace, args=(tmp_path, "dead", ready))
    live.start()
    dead.start()
    folders = {ready.get(timeout=10), ready.get(timeout=10)}
    os.kill(dead.pid, signal.SIGKILL)
    dead.join()

    removed = sweep_workspaces(tmp_path)

    live_folder = next(f for f in folders if "/live-" in f)
    assert [str(p) for p in removed] == [next(f for f in folders if "/dead-" in f)]
    assert os.path.isdir(live_folder)
    live.terminate()
    live.join()


def test_a_new_job_clears_what_a_dead_job_left_for_the_same_asset(tmp_path):
    stale = tmp_path / "asset1-0123456789ab"
    stale.mkdir()
    (stale / ".lock").write_text("")
    (stale / "huge.mp4").write_bytes(b"0" * 100)

    with job_workspace(tmp_path, "asset1"):
        assert not stale.exists()


def test_a_folder_whose_removal_was_cut_short_is_swept_at_once(tmp_path):
    # A job killed in the middle of removing its folder leaves it without its lock.
    cut_short = tmp_path / "asset2-0123456789ab"
    cut_short.mkdir()
    (cut_short / "rendition-720.m4s").write_bytes(b"0" * 100)

    assert sweep_workspaces(tmp_path) == [cut_short]
    assert not cut_short.exists()


def test_a_job_folder_takes_its_name_only_once_locked(tmp_path):
    with job_workspace(tmp_path, "asset3") as path:
        assert path.name.startswith("asset3-")
        assert [p.name for p in tmp_path.iterdir()] == [path.name]
        assert sweep_workspaces(tmp_path) == []  # its lock is held
        assert path.is_dir()


def test_a_folder_being_set_up_is_kept_for_a_while_then_swept(tmp_path):
    young = tmp_path / f"{SETUP_PREFIX}asset4-0123456789ab"
    old = tmp_path / f"{SETUP_PREFIX}asset5-0123456789ab"
    young.mkdir()
    old.mkdir()
    past = time.time() - SETUP_GRACE_SECONDS - 1
    os.utime(old, (past, past))

    assert sweep_workspaces(tmp_path) == [old]
    assert young.is_dir()
