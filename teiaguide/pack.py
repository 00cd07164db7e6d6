"""Workshop pack: per language the files listed on its Downloads page (the guide PDF, the quiz handout and
answer key, the blank notification form, the self-assessments) in site/downloads/files/, one ZIP of them
per language, and the offline bundle of the whole guide (teiaguide/offline.py); then the sizes of the
files go into the Downloads pages.

Runs as the build step "pdf" (teiaguide/pipeline.py) and alone on a built site (`teia-guide pack`). Which
files, their names and labels come from the site records staged with the guide
(teiaguide/site_records.py, listed by teiaguide/features/downloads.py, which also wrote the page). Files
are written to a scratch folder first and moved into place when all of them exist.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import offline as offline_bundle
from .archive import zip_entry
from .assess import country_pdfs
from .features.downloads import FILES_DIR, PAGE
from .languages import LANGUAGES
from .locale import format_number
from .paths import STAGE_DOCS
from .pdf import export_guide, export_page
from .render import render
from .site_records import SiteRecords, records_dir
from .urls import page_url

STAGED_RECORDS = records_dir(STAGE_DOCS)


@dataclass(frozen=True)
class PackFile:
    lang: str
    kind: str
    name: str
    label: str
    path: Path


def make_files(site: Path, records: SiteRecords, scratch: Path, workers: int) -> list[PackFile]:
    """Every file of the language's Downloads page but the offline bundle (one for every language)."""
    lang = records.lang
    assessments = {name: pdf for name, _label, pdf in country_pdfs(lang)}
    files = []
    for item in records.downloads:
        path = scratch / item.name
        if item.kind == "guide":
            export_guide(site, records, path, workers=workers)
        elif item.kind == "self-assessment":
            path.write_bytes(assessments[item.name])
        elif item.page is not None:
            export_page(site, records, item.page, path)
        else:
            continue            # the ZIP of them (below) and the offline bundle (pack)
        files.append(PackFile(lang, item.kind, item.name, item.label, path))
    [archive] = [item for item in records.downloads if item.kind == "pack"]
    folder = Path(archive.name).stem
    with zipfile.ZipFile(scratch / archive.name, "w", compression=zipfile.ZIP_STORED) as bundle:   # PDFs are compressed
        for item in files:
            bundle.writestr(zip_entry(f"{folder}/{item.name}"), item.path.read_bytes())
    files.append(PackFile(lang, "pack", archive.name, archive.label, scratch / archive.name))
    return files


def pack(site: Path, records: Path = STAGED_RECORDS, workers: int = 2,
         timings: dict[str, float] | None = None) -> list[PackFile]:
    """Make every file of every language, move them into site/downloads/files/, fill in their sizes on the
    Downloads pages. `records`: the folder of the site records staged with the guide; `timings`, if
    given, gets the seconds spent on the PDFs and then waiting for the offline bundle."""
    timings = {} if timings is None else timings
    known = {lang: SiteRecords.load(records, lang) for lang in LANGUAGES}
    target = site / FILES_DIR
    target.parent.mkdir(parents=True, exist_ok=True)
    made: list[PackFile] = []
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=target.parent) as scratch:
        scratch = Path(scratch)
        with offline_bundle.bundle_alongside(scratch) as bundle:    # one file, every language: listed on each page
            started = time.perf_counter()
            for lang in LANGUAGES:
                made += make_files(site, known[lang], scratch, workers)
            timings["pdfs"] = time.perf_counter() - started
            offline = bundle()
            timings["offline bundle (after the PDFs)"] = time.perf_counter() - started - timings["pdfs"]
        made += [PackFile(lang, item.kind, item.name, item.label, offline)
                 for lang in LANGUAGES for item in known[lang].downloads if item.kind == "offline"]
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        placed = []
        for item in made:
            destination = target / item.name
            if item.path.exists():                  # the offline bundle is one file for every language
                os.replace(item.path, destination)
            placed.append(PackFile(item.lang, item.kind, item.name, item.label, destination))
    for lang in LANGUAGES:
        fill_sizes(site, known[lang], [item for item in placed if item.lang == lang])
    return placed


def human_size(size: int, ui: dict[str, str], lang: str) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} {ui['downloads_kb']}"
    return f"{format_number(size / (1024 * 1024), lang, decimals=1)} {ui['downloads_mb']}"


def fill_sizes(site: Path, records: SiteRecords, files: list[PackFile]) -> bool:
    """Fill each file's size cell of the built Downloads page (templates/downloads/size.html, staged
    empty). False if the language has no Downloads page."""
    page = site / page_url(records.lang, PAGE) / "index.html"
    if not page.is_file():
        return False
    text = page.read_text(encoding="utf-8")
    for item in files:
        empty = render("downloads/size.html", name=item.name, size=None)
        if text.count(empty) != 1:
            raise RuntimeError(f"{page} has no size cell of {item.name} to fill (templates/downloads/size.html)")
        size = human_size(item.path.stat().st_size, records.ui, records.lang)
        text = text.replace(empty, render("downloads/size.html", name=item.name, size=size))
    page.write_text(text, encoding="utf-8")
    return True


def run(site: Path, records: Path = STAGED_RECORDS) -> None:
    """The build step "pdf"."""
    pack(site, records)
