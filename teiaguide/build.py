"""The engine: each language of the staged docs built by an ordinary `mkdocs build` process of its own,
merged into one site, published atomically (teiaguide/pipeline.py runs the whole build around it).

The language of a process is chosen with static-i18n's `build_only_locale` option (TEIA_LANGUAGE in
mkdocs.yml); the processes are all started at once, so that they share the machine's cores. The default
language's build writes the theme's files; the others' pages sit under their prefix and link to those
(hooks.on_files). The result is assembled in a scratch folder and swapped into place only when every
step succeeded, so a failed build leaves the previous site/ intact. This is the one module that knows how
MkDocs is run: a move to another engine replaces it.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .languages import DEFAULT, LANGUAGES
from .paths import MKDOCS_YML, ROOT

LANGUAGE_ENV = "TEIA_LANGUAGE"      # read by mkdocs.yml (static-i18n's build_only_locale): the language to build
DOCS_DIR_ENV = "TEIA_DOCS_DIR"      # read by mkdocs.yml: where the staged docs are
SCRATCH_PREFIX = ".teia-build-"     # scratch folders of builds, next to the target site


class BuildError(RuntimeError):
    pass


def mkdocs_command(lang: str, site_dir: Path, stage_dir: Path,
                   extra_env: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The plain `mkdocs build` of one language of the staged docs: its command line and environment
    (extra_env: more variables that mkdocs.yml reads, e.g. those of the offline bundle)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(MKDOCS_YML),
               "--site-dir", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}),
               **{DOCS_DIR_ENV: str(stage_dir), LANGUAGE_ENV: lang})
    return command, env


def build_languages(work: Path, stage_dir: Path, parallel: bool = True,
                    extra_env: dict[str, str] | None = None) -> Path:
    """Build every language of the staged docs (at once, or one after the other), merge them into
    work/site and return that folder."""
    parts = {lang: work / f"site-{lang}" for lang in LANGUAGES}
    running: list[tuple[str, subprocess.Popen]] = []
    failures = []
    for lang, part in parts.items():
        command, env = mkdocs_command(lang, part, stage_dir, extra_env)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace")
        running.append((lang, process))
        if not parallel:
            failures += _finished(*running.pop())
    for lang, process in running:
        failures += _finished(lang, process)
    if failures:
        raise BuildError("\n".join(failures))
    site = work / "site"
    shutil.move(parts[DEFAULT], site)
    for lang in LANGUAGES:
        if lang != DEFAULT:
            merge_language(parts[lang], site, lang)
    return site


def _finished(lang: str, process: subprocess.Popen) -> list[str]:
    """Wait for a language's build; its output, if it failed."""
    output, _ = process.communicate()
    if process.returncode == 0:
        return []
    return [f"--- mkdocs build ({lang}) failed ---\n{output.strip()}"]


def merge_language(part: Path, site: Path, lang: str, move: Callable = shutil.move) -> None:
    """Move (or copy: `move=shutil.copytree`) a non-default language's build into the site. Its pages are
    already in part/<lang>/ and link to the theme files at the root, which the default language's build
    wrote (see hooks.on_files); its sitemap and 404 page, which MkDocs writes at the root of the site
    folder, go into the language's folder."""
    target = site / lang
    move(part / lang, target)
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html"):
        if (part / name).exists():
            shutil.copyfile(part / name, target / name)


def publish(built: Path, target: Path) -> None:
    """Swap the new site into place; the old one is removed only after the swap succeeded."""
    target = target.resolve()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    try:
        _move(built, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _move(source: Path, target: Path) -> None:
    """A rename (atomic) when both are on one file system, else a copy (a scratch folder elsewhere)."""
    try:
        os.replace(source, target)
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
        shutil.move(source, target)


def remove_leftovers(scratch: Path, target: Path) -> list[Path]:
    """Remove what builds that were killed left behind: their scratch folders, and a previous site that a
    killed swap had set aside next to the target. Only those of processes that no longer run go, so a
    build running at the same time keeps its own. Returns what was removed."""
    found = sorted(scratch.iterdir()) if scratch.is_dir() else []
    found += sorted(target.parent.glob(f".{target.name}.old-*"))
    found += sorted(target.parent.glob(f".{target.name}.build-*"))   # the scratch folders of earlier versions
    removed = []
    for path in found:
        pid = path.name.rpartition("-")[2]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:              # someone else's process
        return True
    return True
