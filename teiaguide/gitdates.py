"""Dates from git history: when each source file last changed, and the build's SOURCE_DATE_EPOCH.

One `git log` pass reads the last commit date of every file of the repository (not one `git log` per
page), so "last updated" dates, sitemap dates and the translation status cost one subprocess per build
process. Dates are commit dates, so two builds of the same commit agree (reproducible builds); files
that git does not know (new, uncommitted) get the date of the last commit.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
from pathlib import Path

from .paths import ROOT

_MARK = "\x1ecommit "


def _git(*args: str, root: Path = ROOT) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None                         # not a git checkout (e.g. an unpacked release): no dates
    return result.stdout


@functools.lru_cache(maxsize=4)
def last_commit_times(root: Path = ROOT, revision: str = "HEAD") -> dict[str, int]:
    """Repository-relative path -> Unix time of the last commit that touched it (up to `revision`)."""
    output = _git("log", revision, "--no-renames", "--format=%x1ecommit %ct",
                  "--name-only", "-z", root=root)
    times: dict[str, int] = {}
    if not output:
        return times
    for block in output.split(_MARK)[1:]:
        head, _, names = block.partition("\n")
        when = int(head.strip("\x00").strip())
        for name in names.replace("\n", "\x00").split("\x00"):
            if name and name not in times:
                times[name] = when            # git log is newest first: the first time seen is the last change
    return times


@functools.lru_cache(maxsize=4)
def head_time(root: Path = ROOT) -> int | None:
    output = _git("log", "-1", "--format=%ct", root=root)
    return int(output) if output and output.strip() else None


def source_date_epoch(root: Path = ROOT) -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit (so builds of one commit agree)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return head_time(root) or 0


def last_changed(relative: str, root: Path = ROOT) -> dt.date | None:
    """Date (UTC) of the last commit of a file, or the newest of the files under a directory."""
    times = last_commit_times(root)
    relative = relative.strip("/")
    when = times.get(relative)
    if when is None:
        under = [value for name, value in times.items() if name.startswith(relative + "/")]
        when = max(under) if under else None
    if when is None:
        when = source_date_epoch(root) or None
    if when is None:
        return None
    return dt.datetime.fromtimestamp(when, dt.timezone.utc).date()
