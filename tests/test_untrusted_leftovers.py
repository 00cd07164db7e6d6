"""No leftovers: a killed build's scratch folder and handed-over guide are removed by the next build;
those of a build that is still running are not touched; the scratch folders are git-ignored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from teiaguide.build import remove_leftovers
from teiaguide.paths import ROOT


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_leftovers_of_dead_builds_go_and_those_of_running_ones_stay(tmp_path):
    site, stage = tmp_path / "site", tmp_path / "work" / "stage" / "docs"
    stage.mkdir(parents=True)
    dead, alive = _dead_pid(), os.getppid()
    leftovers = [tmp_path / f".site.build-{dead}", tmp_path / f".site.old-{dead}"]
    for folder in leftovers:
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_text("half a site", encoding="utf-8")
    leftovers += [stage.parent / f"guide-{dead}.pickle", stage.parent / f"guide-{dead}.tmp"]
    for file in leftovers[2:]:
        file.write_bytes(b"pickle")
    running = [tmp_path / f".site.build-{alive}", stage.parent / f"guide-{alive}.pickle"]
    running[0].mkdir()
    running[1].write_bytes(b"pickle")
    other = tmp_path / ".other.build-1"          # another site's scratch folder: not ours to remove
    other.mkdir()
    assert sorted(remove_leftovers(site, stage)) == sorted(leftovers)
    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in [*running, other])


def test_a_killed_build_leaves_nothing_after_the_next_build(tmp_path):
    site, work = tmp_path / "site", tmp_path / "work"
    command = [sys.executable, "-m", "teiaguide", "build", "--html-only", "--site", str(site), "--work", str(work)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    scratch = tmp_path / f".site.build-{process.pid}"
    for _ in range(600):                         # until the build has made its scratch folder
        if scratch.exists():
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert scratch.exists()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "work"]
    assert not list((work / "stage").glob("guide-*"))


def test_scratch_folders_are_ignored_by_git():
    names = [".site.build-12345/", ".site.old-12345/", "build/stage/guide-12345.pickle"]
    result = subprocess.run(["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == names
