"""The whole build, in the order the data flows:

    sources ─ validate (guide) ─ stage every language (docs, page context, site records)
        ─┬─ mkdocs build (en) ─┐
         └─ mkdocs build (ru) ─┴─ merge ─ PDFs and pack ─ search ─ publish site/

Validation reads every source into typed records and stops before anything is written. Staging writes
each language's complete docs and, next to them, what the theme (page context) and the steps after
MkDocs (site records) need to know. The engine (build.py) builds every language and merges them; the
post-build steps work on the merged site, fed by the site records; the site is published only when
every step succeeded.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import gitdates
from .build import build_languages, publish, remove_leftovers
from .guide import load_guide
from .paths import BUILD, SITE, STAGE_DOCS
from .site_records import records_dir
from .stage import stage


@dataclass
class BuildReport:
    site: Path
    timings: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        parts = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.timings.items())
        return f"Built {self.site} ({parts})"


ALL_STEPS = ("pdf", "search")


def post_build_steps(records: Path) -> dict[str, Callable[[Path], None]]:
    """Steps that work on the assembled HTML site, by name, in the order they run, fed by the site records
    staged with the guide (`records`, teiaguide/site_records.py). Each imports its modules when it runs:
    an HTML-only build (serve, benchmark) does not load the PDF tool chain."""
    def pdf(site: Path) -> None:
        from . import pack

        pack.run(site, records)

    def search(site: Path) -> None:
        from . import search

        search.index_site(site)

    # PDFs first: the pack step writes the sizes of the files into the Downloads pages, which the search
    # index should then see.
    return {"pdf": pdf, "search": search}


def build_site(target: Path = SITE, *, parallel: bool = True, work_root: Path = BUILD,
               steps: tuple[str, ...] = ALL_STEPS) -> BuildReport:
    """Build the site into `target`; scratch files (staged docs, the languages' builds) go into
    `work_root`, which is git-ignored in the repository."""
    report = BuildReport(site=target)
    started = time.perf_counter()
    # Reproducible output: every date the tools write without a source (mkdocs' page dates, the gzip
    # header of sitemap.xml.gz, PDF metadata) comes from the last commit unless the caller set one.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(gitdates.source_date_epoch()))
    stage_dir = work_root / "stage" / "docs" if work_root != BUILD else STAGE_DOCS
    target = target.resolve()
    scratch = work_root.resolve() / "scratch"
    remove_leftovers(scratch, target)
    guide = load_guide()                   # raises SourceError before anything is written
    report.timings["validate"] = time.perf_counter() - started

    mark = time.perf_counter()
    stage(guide, stage_dir)
    report.timings["stage"] = time.perf_counter() - mark
    work = scratch / str(os.getpid())
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        mark = time.perf_counter()
        site = build_languages(work, stage_dir, parallel)
        report.timings["html"] = time.perf_counter() - mark
        for name, step in post_build_steps(records_dir(stage_dir)).items():
            if name in steps:
                mark = time.perf_counter()
                step(site)
                report.timings[name] = time.perf_counter() - mark
        target.parent.mkdir(parents=True, exist_ok=True)
        publish(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.timings["total"] = time.perf_counter() - started
    return report
