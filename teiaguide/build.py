"""Build the whole site: validate and stage once, build both languages in parallel, index, publish atomically.

    sources ─► load_guide() ─► stage() ─┬─► mkdocs build (en, own process) ─┐
                                        └─► mkdocs build (ru, own process) ─┴─► merge ─► post-build steps ─► site/

static-i18n builds each language as a second full build in the same process; building each language
in its own process (`build_only_locale`) uses both cores. The result is assembled in a scratch folder and
swapped into place only when every step succeeded, so a failed build leaves the previous site/ intact.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import gitdates
from .guide import load_guide
from .languages import DEFAULT, LANGUAGES
from .paths import BUILD, MKDOCS_YML, ROOT, SITE, STAGE_DOCS
from .stage import stage

STAGED_ENV = "TEIA_STAGED"          # tells the hook the docs are already staged
ONLY_LOCALE_ENV = "TEIA_ONLY_LOCALE"   # read by mkdocs.yml: build one language only
DOCS_DIR_ENV = "TEIA_DOCS_DIR"      # read by mkdocs.yml: where the staged docs are
GUIDE_ENV = "TEIA_GUIDE_FILE"       # the guide, loaded and validated once, for the language processes


class BuildError(RuntimeError):
    pass


@dataclass
class BuildReport:
    site: Path
    timings: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        parts = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.timings.items())
        return f"Built {self.site} ({parts})"


def mkdocs_env(stage_dir: Path, locale: str | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{STAGED_ENV: "1", DOCS_DIR_ENV: str(stage_dir)})
    if locale:
        env[ONLY_LOCALE_ENV] = locale
    else:
        env.pop(ONLY_LOCALE_ENV, None)
    handed = guide_file(stage_dir)
    if handed.is_file():
        env[GUIDE_ENV] = str(handed)
    else:
        env.pop(GUIDE_ENV, None)
    return env


def guide_file(stage_dir: Path) -> Path:
    return stage_dir.parent / f"guide-{os.getpid()}.pickle"


def hand_over(guide, stage_dir: Path) -> None:
    """Save the validated guide for the language processes, so that they do not parse and validate every
    source again (the hook reads it; see hooks.on_config). Without it they simply load the sources."""
    target = guide_file(stage_dir)
    try:
        data = pickle.dumps(guide, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:                   # a feature keeps something unpicklable: fall back to loading
        target.unlink(missing_ok=True)
        return
    temp = target.with_suffix(".tmp")
    temp.write_bytes(data)
    os.replace(temp, target)


def run_mkdocs(site_dir: Path, stage_dir: Path, locale: str | None,
               warm: subprocess.Popen | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(MKDOCS_YML), "--site-dir", str(site_dir)]
    if warm is None:
        return subprocess.Popen(command, cwd=ROOT, env=mkdocs_env(stage_dir, locale),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    orders = {"args": command[3:], "env": mkdocs_env(stage_dir, locale), "cwd": str(ROOT)}
    try:
        warm.stdin.write(json.dumps(orders) + "\n")
        warm.stdin.flush()
    except BrokenPipeError:
        pass                            # the process died while importing: its output says why
    return warm


def start_language_processes() -> dict[str, subprocess.Popen]:
    """One process per language, started now: they import MkDocs while this process validates and
    stages the sources (teiaguide/langproc.py), and build when build_languages() gives them the order."""
    return {lang: subprocess.Popen([sys.executable, "-m", "teiaguide.langproc"], cwd=ROOT,
                                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for lang in LANGUAGES}


def stop_language_processes(processes: dict[str, subprocess.Popen] | None) -> None:
    """End started language processes that got no order (closing stdin tells them to exit)."""
    for process in (processes or {}).values():
        if process.poll() is None and not process.stdin.closed:
            process.communicate()


def _wait_all(processes: dict[str, subprocess.Popen]) -> None:
    failures = []
    for name, process in processes.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"--- mkdocs build ({name}) failed ---\n{output.strip()}")
    if failures:
        raise BuildError("\n".join(failures))


def build_languages(work: Path, stage_dir: Path, parallel: bool = True,
                    warm: dict[str, subprocess.Popen] | None = None) -> Path:
    """Build the HTML of both languages into work/site and return that folder (`warm`: processes from
    start_language_processes() to use instead of new ones)."""
    site = work / "site"
    if not parallel:
        # stock static-i18n: one process, the second language as a second full build
        _wait_all({"all languages": run_mkdocs(site, stage_dir, None)})
        return site
    parts = {lang: work / f"site-{lang}" for lang in LANGUAGES}
    _wait_all({lang: run_mkdocs(path, stage_dir, lang, (warm or {}).get(lang)) for lang, path in parts.items()})
    shutil.move(parts[DEFAULT], site)
    for lang in LANGUAGES:
        if lang != DEFAULT:
            shutil.move(parts[lang], site / lang)
    return site


ALL_STEPS = ("pdf", "search")


def post_build_steps() -> dict[str, Callable[[Path], None]]:
    """Steps that work on the assembled HTML site, by name, in the order they run."""
    from . import pack, search

    # PDFs first: the pack step writes the table of files into the Downloads pages, which the search
    # index should then see.
    return {"pdf": pack.run, "search": search.index_site}


def publish(built: Path, target: Path) -> None:
    """Swap the new site into place; the old one is removed only after the swap succeeded."""
    target = target.resolve()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(built, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_site(target: Path = SITE, *, parallel: bool = True, work_root: Path = BUILD,
               steps: tuple[str, ...] = ALL_STEPS) -> BuildReport:
    report = BuildReport(site=target)
    started = time.perf_counter()
    # Reproducible output: every date the tools write without a source (mkdocs' page dates, the gzip
    # header of sitemap.xml.gz, PDF metadata) comes from the last commit unless the caller set one.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(gitdates.source_date_epoch()))
    warm = start_language_processes() if parallel else None
    try:
        guide = load_guide()                   # raises SourceError before anything is written
        stage_dir = work_root / "stage" / "docs" if work_root != BUILD else STAGE_DOCS
        stage(guide, stage_dir)
        hand_over(guide, stage_dir)
    except BaseException:
        stop_language_processes(warm)
        raise
    report.timings["generate"] = time.perf_counter() - started

    # the scratch folder sits next to the target so that the final swap is a rename on one file system
    target.resolve().parent.mkdir(parents=True, exist_ok=True)
    work = target.resolve().parent / f".{target.name}.build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        mark = time.perf_counter()
        site = build_languages(work, stage_dir, parallel, warm)
        report.timings["html"] = time.perf_counter() - mark
        for name, step in post_build_steps().items():
            if name in steps:
                mark = time.perf_counter()
                step(site)
                report.timings[name] = time.perf_counter() - mark
        publish(site, target)
    finally:
        stop_language_processes(warm)
        shutil.rmtree(work, ignore_errors=True)
        guide_file(stage_dir).unlink(missing_ok=True)
    report.timings["total"] = time.perf_counter() - started
    return report
