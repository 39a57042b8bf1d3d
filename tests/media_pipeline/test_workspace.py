import multiprocessing
import os
import signal

from media_pipeline.workspace import job_workspace, sweep_workspaces


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
