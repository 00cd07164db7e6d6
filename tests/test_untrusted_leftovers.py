"""No leftovers: a killed build's scratch folder (build/scratch/<pid>) and a site a killed swap set aside
are removed by the next build; those of a build that is still running are not touched; scratch output is
git-ignored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from teiaguide.build import remove_leftovers
from teiaguide.paths import ROOT


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_leftovers_of_dead_builds_go_and_those_of_running_ones_stay(tmp_path):
    site, scratch = tmp_path / "site", tmp_path / "work" / "scratch"
    dead, alive = _dead_pid(), os.getppid()
    leftovers = [scratch / str(dead), tmp_path / f".site.old-{dead}",
                 tmp_path / f".site.build-{dead}"]              # (the scratch folder of earlier versions)
    running = [scratch / str(alive), tmp_path / f".site.old-{alive}"]
    for folder in (*leftovers, *running):
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_text("half a site", encoding="utf-8")
    other = tmp_path / ".other.build-1"          # another site's scratch folder: not ours to remove
    other.mkdir()
    assert sorted(remove_leftovers(scratch, site)) == sorted(leftovers)
    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in [*running, other])


def test_a_killed_build_leaves_nothing_after_the_next_build(tmp_path):
    site, work = tmp_path / "site", tmp_path / "work"
    command = [sys.executable, "-m", "teiaguide", "build", "--html-only", "--site", str(site), "--work", str(work)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    scratch = work / "scratch" / str(process.pid)
    for _ in range(1200):                        # until the build has made its scratch folder
        if scratch.exists():
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert scratch.exists()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "work"]
    assert list((work / "scratch").iterdir()) == []


def test_scratch_output_is_ignored_by_git():
    names = ["build/scratch/12345/", "build/stage/context/en.json", ".site.build-12345/", ".site.old-12345/"]
    result = subprocess.run(["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == names
