"""Build the whole site: validate once, build both languages in parallel, index, publish atomically.

    this process: the guide's modules ─┬─ validate ─ hand over ─────────── "go" ─┐
    builder:                           └─ MkDocs, config ─ fork ─┬─ en: wait ────┴─ stage, build ─┐
                                                                 └─ ru: wait ────┴─ stage, build ─┴─ merge ─ steps ─ site/

Stock static-i18n builds the second language as a second full build in the same process. Here each
language has its own process, which runs static-i18n's build of that language alone (ONLY_LANGUAGE_ENV,
see hooks.py), so the two use both cores. The language builder (langproc.py), forked from this process
once the guide's modules are imported, imports MkDocs while this process validates the sources, then
forks one child per language, so the imports are done once; each child stages its language's pages from
the validated guide and builds it. The result is assembled in a scratch folder and swapped into place
only when every step succeeded, so a failed build leaves the previous site/ intact.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Only light modules here: the guide's own (pydantic) modules load when the build needs them (LanguageBuilder).
from . import gitdates
from .languages import DEFAULT, LANGUAGES
from .paths import BUILD, MKDOCS_YML, ROOT, SITE, STAGE_DOCS

ONLY_LANGUAGE_ENV = "TEIA_ONLY_LANGUAGE"   # read by the hook: build this language only
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


def mkdocs_env(stage_dir: Path) -> dict[str, str]:
    """Environment of a MkDocs build of the staged docs, all languages (the language builder adds
    ONLY_LANGUAGE_ENV per child); the hook loads the handed-over guide if its file exists when the build
    starts (hooks.on_config)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{DOCS_DIR_ENV: str(stage_dir),
                                                       GUIDE_ENV: str(guide_file(stage_dir))})
    env.pop(ONLY_LANGUAGE_ENV, None)
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


def run_mkdocs(site_dir: Path, stage_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(MKDOCS_YML),
                             "--site-dir", str(site_dir)],
                            cwd=ROOT, env=mkdocs_env(stage_dir),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def language_sites(work: Path) -> dict[str, Path]:
    return {lang: work / f"site-{lang}" for lang in LANGUAGES}


class LanguageBuilder:
    """The process that builds the languages (teiaguide/langproc.py), started with its plan: it imports
    MkDocs and loads the configuration while this process validates the sources, and builds when
    finish(go=True) says so.

    A process that runs no other thread (`teia-guide build`) forks it, after importing the guide's
    modules, which the builder then shares instead of importing them again in a new interpreter. Else
    (the preview server, the tests' web server) it is started as a program, since forking a process
    with threads is unsafe."""

    def __init__(self, work: Path, stage_dir: Path):
        plan = {
            "config_file": str(MKDOCS_YML), "env": mkdocs_env(stage_dir), "cwd": str(ROOT),
            "docs_dir": str(stage_dir),
            "languages": {lang: {"site": str(path), "log": str(work / f"mkdocs-{lang}.log"),
                                 "env": {ONLY_LANGUAGE_ENV: lang}} for lang, path in language_sites(work).items()},
        }
        self.returncode: int | None = None
        if threading.active_count() == 1:
            from . import features, langproc  # noqa: F401  the guide's modules, for the builder to share

            sys.stdout.flush()
            sys.stderr.flush()
            pid, orders, output = langproc.fork(plan)
            self._orders = open(orders, "w", encoding="utf-8")
            self._output = open(output, encoding="utf-8", errors="replace")
            self._wait = lambda: os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        else:
            process = subprocess.Popen([sys.executable, "-m", "teiaguide.langproc"], cwd=ROOT,
                                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       errors="replace")
            self._orders, self._output, self._wait = process.stdin, process.stdout, process.wait
            self._orders.write(json.dumps(plan) + "\n")
            self._orders.flush()

    def finish(self, go: bool) -> str:
        """Say "go" (or nothing: the builder then ends without building), wait for the builder to end and
        return its output; the exit code is in `returncode`."""
        try:
            if go:
                self._orders.write("go\n")
            self._orders.close()
        except BrokenPipeError:          # it ended already (an invalid mkdocs.yml): its output says why
            pass
        output = self._output.read()
        self._output.close()
        self.returncode = self._wait()
        return output

    def stop(self) -> None:
        """End the builder if it got no "go" yet (nothing is built)."""
        if self.returncode is None:
            self.finish(go=False)


def _check(name: str, returncode: int, output: str) -> None:
    if returncode != 0:
        output = output.strip()
        raise BuildError(f"--- {name} failed ---\n{output}" if output else f"{name} failed")


def build_languages(work: Path, stage_dir: Path, parallel: bool = True,
                    builder: LanguageBuilder | None = None) -> Path:
    """Build the HTML of both languages into work/site and return that folder (`builder`: one started
    earlier, else one is started now)."""
    site = work / "site"
    if not parallel:
        # stock static-i18n: one process, the second language as a second full build
        process = run_mkdocs(site, stage_dir)
        output, _ = process.communicate()
        _check("mkdocs build (all languages)", process.returncode, output)
        return site
    builder = builder or LanguageBuilder(work, stage_dir)
    output = builder.finish(go=True)
    _check("language builder", builder.returncode, output)
    parts = language_sites(work)
    shutil.move(parts[DEFAULT], site)
    for lang in LANGUAGES:
        if lang != DEFAULT:
            merge_language(parts[lang], site, lang)
    return site


def merge_language(part: Path, site: Path, lang: str) -> None:
    """Move a non-default language's build into the site. Its pages are already in part/<lang>/ and link to
    the theme files at the root, which the default language's build wrote (see hooks.on_files); its
    sitemap and 404 page, which MkDocs writes at the root of the site folder, go into the language's
    folder."""
    target = site / lang
    shutil.move(part / lang, target)
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html"):
        if (part / name).exists():
            os.replace(part / name, target / name)


ALL_STEPS = ("pdf", "search")


def post_build_steps() -> dict[str, Callable[[Path], None]]:
    """Steps that work on the assembled HTML site, by name, in the order they run. Each imports its
    modules when it runs: an HTML-only build (serve, benchmark) does not load the PDF tool chain."""
    def pdf(site: Path) -> None:
        from . import pack

        pack.run(site)

    def search(site: Path) -> None:
        from . import search

        search.index_site(site)

    # PDFs first: the pack step writes the table of files into the Downloads pages, which the search
    # index should then see.
    return {"pdf": pdf, "search": search}


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:              # someone else's process
        return True
    return True


def remove_leftovers(target: Path, stage_dir: Path) -> list[Path]:
    """What builds that were killed left behind: their scratch folders next to the site
    (.site.build-<pid>, .site.old-<pid>) and their handed-over guides (guide-<pid>.pickle). Only those
    of processes that no longer run are removed, so a build running at the same time keeps its own."""
    candidates = [*target.resolve().parent.glob(f".{target.name}.build-*"),
                  *target.resolve().parent.glob(f".{target.name}.old-*"),
                  *stage_dir.parent.glob("guide-*.pickle"), *stage_dir.parent.glob("guide-*.tmp")]
    removed = []
    for path in candidates:
        pid = path.name.rsplit("-", 1)[-1].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def build_site(target: Path = SITE, *, parallel: bool = True, work_root: Path = BUILD,
               steps: tuple[str, ...] = ALL_STEPS) -> BuildReport:
    report = BuildReport(site=target)
    started = time.perf_counter()
    # Reproducible output: every date the tools write without a source (mkdocs' page dates, the gzip
    # header of sitemap.xml.gz, PDF metadata) comes from the last commit unless the caller set one.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(gitdates.source_date_epoch()))
    stage_dir = work_root / "stage" / "docs" if work_root != BUILD else STAGE_DOCS
    # the scratch folder sits next to the target so that the final swap is a rename on one file system
    target.resolve().parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target, stage_dir)
    work = target.resolve().parent / f".{target.name}.build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    builder = LanguageBuilder(work, stage_dir) if parallel else None
    try:
        from .guide import load_guide

        guide = load_guide()                   # raises SourceError before anything is written
        stage_dir.mkdir(parents=True, exist_ok=True)
        hand_over(guide, stage_dir)            # each language's build stages its own pages from it
        report.timings["validate"] = time.perf_counter() - started

        mark = time.perf_counter()
        site = build_languages(work, stage_dir, parallel, builder)
        report.timings["html"] = time.perf_counter() - mark
        for name, step in post_build_steps().items():
            if name in steps:
                mark = time.perf_counter()
                step(site)
                report.timings[name] = time.perf_counter() - mark
        publish(site, target)
    finally:
        if builder is not None:
            builder.stop()
        shutil.rmtree(work, ignore_errors=True)
        guide_file(stage_dir).unlink(missing_ok=True)
    report.timings["total"] = time.perf_counter() - started
    return report
