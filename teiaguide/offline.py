"""The offline bundle, downloads/files/teia-guide-offline.zip: the whole guide, every language, for file://.

Workshops often have no reliable internet, and officials open files from a shared drive or a USB stick.
A copy of the published site does not work there: its links end in folders (a folder URL opened from
file:// shows a file listing), and browsers block fetch() of local files, which Pagefind and the tools use.
So the bundle is a build of its own, made by the pack step (teiaguide/pack.py):

1. the guide is staged again into a scratch folder and every language built by the same plain
   `mkdocs build` as the site, with the variables of BUILD_ENV, which mkdocs.yml reads:
   TEIA_DIRECTORY_URLS=false, so that MkDocs itself writes every link as a file (…/index.html; the links
   that generated pages write themselves follow it, teiaguide/urls.py), and TEIA_OFFLINE=true, so that
   the pages load offline-search.js in place of Pagefind (overrides/main.html);
2. what offline readers do not need is left out (sitemaps, source maps, the 404 page that only a web
   server shows; Pagefind is not run); the tools' data is in the build already as <name>.data.js
   scripts (teiaguide/browser_data.py);
3. the search index of every language is written as a script (teiaguide/offline_search.py), next to the
   Snowball stemmers taken from npm (snowball-stemmers);
4. the Downloads pages are staged with a note in place of the table of files: the PDFs are not in the
   bundle (teiaguide/features/downloads.py);
5. the ZIP holds the built site in guide/, and at its root a start page (index.html, every language)
   and a README.txt.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .archive import zip_entry
from .features.downloads import OFFLINE_ENV, OFFLINE_FILE
from .languages import LANGUAGES, prefix
from .paths import NODE_MODULES, ROOT
from .site_records import SiteRecords, records_dir

BUNDLE_NAME = OFFLINE_FILE
FOLDER = "guide"                       # the built site, below the start page
# mkdocs.yml reads these (see its use_directory_urls, validation and extra.offline); SITE_URL empty: no
# absolute canonical links to a web server in the pages
BUILD_ENV = {"TEIA_DIRECTORY_URLS": "false", "TEIA_LINKS_NOT_FOUND": "info", OFFLINE_ENV: "true", "SITE_URL": ""}
STEMMERS = NODE_MODULES / "snowball-stemmers" / "snowball-stemmers.js"
STEMMERS_TARGET = "assets/offline/snowball-stemmers.js"      # offline-search.js loads it from there
LEFT_OUT_NAMES = {"sitemap.xml", "sitemap.xml.gz", "404.html"}    # 404: only a web server shows it
LEFT_OUT_SUFFIXES = (".map",)


def build_offline_site(work: Path) -> Path:
    """Stage the guide and build every language for file:// into work/site; returns that folder."""
    from .build import build_languages
    from .guide import load_guide
    from .stage import stage

    stage_dir = work / "stage" / "docs"
    with _environment(BUILD_ENV):       # the generated pages' own links are files too (teiaguide/urls.py)
        stage(load_guide(), stage_dir)
    return build_languages(work, stage_dir, extra_env=BUILD_ENV)


@contextmanager
def _environment(values: dict[str, str]):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def finish(site: Path) -> None:
    """Everything after MkDocs: leave out what offline readers do not need, add search."""
    from .offline_search import write_indexes

    for path in sorted(site.rglob("*")):
        if path.is_file() and (path.name in LEFT_OUT_NAMES or path.name.endswith(LEFT_OUT_SUFFIXES)):
            path.unlink()
    write_indexes(site, LANGUAGES)
    target = site / STEMMERS_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STEMMERS, target)


def start_page_and_readme(records: Path) -> dict[str, str]:
    """The files at the root of the ZIP, by name (`records`: the site records of the offline staging)."""
    from .render import render

    languages = [{"lang": lang, "ui": SiteRecords.load(records, lang).ui, "href": f"{FOLDER}/{prefix(lang)}index.html"}
                 for lang in LANGUAGES]
    return {"index.html": render("offline/start.html", languages=languages, folder=FOLDER),
            "README.txt": render("offline/README.txt", languages=languages)}


def write_zip(site: Path, records: Path, target: Path) -> Path:
    """The ZIP: start page and README at the root, the site in guide/; entries dated by the last commit."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for name, text in start_page_and_readme(records).items():
            bundle.writestr(zip_entry(name), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
        for path in sorted(site.rglob("*")):
            if path.is_file():
                name = f"{FOLDER}/{path.relative_to(site).as_posix()}"
                bundle.writestr(zip_entry(name), path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    return target


def make_bundle(scratch: Path) -> Path:
    """Build the offline site in scratch/offline/ and write scratch/teia-guide-offline.zip."""
    work = scratch / "offline"
    work.mkdir(parents=True, exist_ok=True)
    try:
        site = build_offline_site(work)
        finish(site)
        return write_zip(site, records_dir(work / "stage" / "docs"), scratch / BUNDLE_NAME)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def bundle_alongside(scratch: Path) -> Iterator[Callable[[], Path]]:
    """Make the bundle in a process of its own (`python -m teiaguide.offline`), so that its MkDocs builds
    run while the PDFs are made; yields a call that waits for it and returns its path. The process is
    stopped if the caller fails first."""
    from . import gitdates

    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", str(gitdates.source_date_epoch()))    # the dates of the site's build
    process = subprocess.Popen([sys.executable, "-m", "teiaguide.offline", str(scratch)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")

    def wait() -> Path:
        output, _ = process.communicate()
        if process.returncode:
            raise RuntimeError(f"the offline bundle failed:\n{output.strip()[-3000:]}")
        return scratch / BUNDLE_NAME

    try:
        yield wait
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


if __name__ == "__main__":          # python -m teiaguide.offline <folder>: the bundle alone, for a look
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")
    print(make_bundle(out))
