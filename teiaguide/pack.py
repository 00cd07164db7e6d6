"""Workshop pack: per language the guide PDF, the quiz handout and answer key, and the blank notification
form, in site/downloads/files/ and as one ZIP per language, and the offline bundle of the whole guide
(teiaguide/offline.py); then the Downloads pages get the table of files.

Runs as the build step "pdf" (teiaguide/build.py) and alone on a built site (`teia-guide pack`).
Files are written to a scratch folder first and moved into place when all of them exist.

Why the table is written into the built page instead of generated with it: sizes and dates exist only
after the files are made, and the files are made from the built HTML. Rendering the PDFs before the
HTML would mean building the HTML twice.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import offline as offline_bundle
from .assess import country_pdfs
from .languages import LANGUAGES, prefix
from .locale import format_number
from .pdf import edition_date, export_guide, export_page, format_date, ui_strings
from .pdf_pages import lang_root, page_file
from .render import render

FILES_DIR = "downloads/files"           # under the site root, shared by both languages
DOWNLOADS_PAGE = "downloads/index.html"

# (kind, file name, page of the built site it is made from: None = the whole guide, UI label key)
ITEMS = (
    ("guide", "teia-guide-{lang}.pdf", None, "downloads_guide"),
    ("handout", "quiz-handout-{lang}.pdf", "quiz/handout/", "downloads_handout"),
    ("answer-key", "quiz-answer-key-{lang}.pdf", "quiz/answer-key/", "downloads_answer_key"),
    ("blank-form", "notification-form-{lang}.pdf", "notification/blank/", "downloads_blank_form"),
    ("sa-questionnaire", "self-assessment-questionnaire-{lang}.pdf", "self-assessment/", "sa_downloads_questionnaire"),
)
ZIP_NAME = "workshop-pack-{lang}.zip"

PLACEHOLDER = re.compile(r'<div class="teia-downloads" data-teia-downloads>.*?</div>', re.S)


@dataclass(frozen=True)
class PackFile:
    lang: str
    kind: str
    name: str
    label: str
    path: Path


def make_files(site: Path, lang: str, scratch: Path, workers: int) -> list[PackFile]:
    ui = ui_strings(lang)
    root = lang_root(site, lang)
    files = []
    for kind, pattern, page, label in ITEMS:
        name = pattern.format(lang=lang)
        if page is None:
            export_guide(site, lang, scratch / name, workers=workers)
        elif page_file(root, page).is_file():
            export_page(site, lang, page, scratch / name)
        else:
            continue            # that page is not (yet) part of the site
        files.append(PackFile(lang, kind, name, ui[label], scratch / name))
    for name, label, pdf in country_pdfs(lang):        # submitted self-assessments, one per country
        (scratch / name).write_bytes(pdf)
        files.append(PackFile(lang, "self-assessment", name, label, scratch / name))
    archive = scratch / ZIP_NAME.format(lang=lang)
    folder = f"workshop-pack-{lang}"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as bundle:   # PDFs are compressed already
        for item in files:
            bundle.writestr(_zip_entry(f"{folder}/{item.name}"), item.path.read_bytes())
    files.append(PackFile(lang, "pack", archive.name, ui["downloads_pack"], archive))
    return files


def _zip_entry(name: str) -> zipfile.ZipInfo:
    """An entry dated SOURCE_DATE_EPOCH (the last commit), not the file's mtime: two builds of one commit
    give the same ZIP bytes (reproducible builds; ZIP dates start in 1980)."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800), 315532800)
    info = zipfile.ZipInfo(name, date_time=dt.datetime.fromtimestamp(epoch, dt.timezone.utc).timetuple()[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED
    return info


def pack(site: Path, workers: int = 2) -> list[PackFile]:
    """Make every file of both languages, move them into site/downloads/files/, fill the Downloads pages."""
    target = site / FILES_DIR
    target.parent.mkdir(parents=True, exist_ok=True)
    made: list[PackFile] = []
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=target.parent) as scratch:
        scratch = Path(scratch)
        for lang in LANGUAGES:
            made += make_files(site, lang, scratch, workers)
        offline = offline_bundle.make_bundle(scratch)           # one file, every language: listed on each page
        made += [PackFile(lang, "offline", offline.name, ui_strings(lang)["downloads_offline"], offline)
                 for lang in LANGUAGES]
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        placed = []
        for item in made:
            destination = target / item.name
            if item.path.exists():                  # the offline bundle is one file for every language
                os.replace(item.path, destination)
            placed.append(PackFile(item.lang, item.kind, item.name, item.label, destination))
    for lang in LANGUAGES:
        fill_downloads_page(site, lang, [item for item in placed if item.lang == lang])
    return placed


def human_size(size: int, ui: dict[str, str], lang: str) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} {ui['downloads_kb']}"
    return f"{format_number(size / (1024 * 1024), lang, decimals=1)} {ui['downloads_mb']}"


def fill_downloads_page(site: Path, lang: str, files: list[PackFile]) -> bool:
    """Replace the placeholder of the built Downloads page with the table of files. False if no page."""
    page = site / prefix(lang) / DOWNLOADS_PAGE
    if not page.is_file():
        return False
    ui = ui_strings(lang)
    rows = []
    for item in files:
        made = dt.datetime.fromtimestamp(item.path.stat().st_mtime, dt.timezone.utc).date()
        if os.environ.get("SOURCE_DATE_EPOCH"):
            made = edition_date()                   # reproducible builds: no wall-clock date in the site
        href = os.path.relpath(item.path, page.parent).replace(os.sep, "/")
        rows.append({"href": href, "label": item.label, "name": item.name, "size": human_size(item.path.stat().st_size, ui, lang),
                     "date": format_date(made, lang), "iso_date": made.isoformat()})
    table = render("pdf/downloads_table.html", ui=ui, files=rows)
    text = page.read_text(encoding="utf-8")
    updated, count = PLACEHOLDER.subn(lambda _: table, text, count=1)
    if count:
        page.write_text(updated, encoding="utf-8")
    return bool(count)


def run(site: Path) -> None:
    """The build step "pdf"."""
    pack(site)
