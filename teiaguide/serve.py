"""Live-reloading preview: the same pages as `teia-guide build`, rebuilt in about a second after a save.

The first build is the whole HTML site with its search index. After that, a change is validated and
staged as in a build, and only the languages whose staged pages changed are built again, in this
process, where MkDocs and the guide's code stay loaded; a change to the theme, the generator or
mkdocs.yml rebuilds every language. The search index of the first build is kept (restart the preview
to refresh it), and no PDF is made. We watch the sources (docs/, data/, good_practices/, overrides/,
the generator), not the staged docs, so that one edit triggers one rebuild. Invalid sources print their
problems and keep the last good preview online.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from .build import DOCS_DIR_ENV, LANGUAGE_ENV, BuildError, merge_language
from .guide import load_guide
from .languages import DEFAULT, LANGUAGES
from .paths import ASSESSMENTS, DATA, DOCS, EXAMPLES, MKDOCS_YML, OVERRIDES, PRACTICES, ROOT
from .problems import SourceError
from .stage import stage

log = logging.getLogger("teiaguide.serve")

SOURCES = (DOCS, DATA, PRACTICES, ASSESSMENTS, EXAMPLES)  # staged: a change shows in the staged pages
ENGINE = (OVERRIDES, ROOT / "teiaguide", MKDOCS_YML)   # a change here can touch every page of every language


class Preview:
    """The preview's site and the scratch folders it is built from."""

    def __init__(self, root: Path):
        self.root = root
        self.site = root / "site"
        self.stage_dir = root / "stage" / "docs"
        self.parts = {lang: root / f"site-{lang}" for lang in LANGUAGES}
        self.engine = _fingerprint(ENGINE)

    def first_build(self) -> None:
        self.rebuild(every_language=True)
        if self.site.is_dir():
            from .search import index_site

            index_site(self.site)

    def rebuild(self, every_language: bool = False) -> None:
        """Validate and stage; build again the languages that changed; put the site together."""
        started = time.perf_counter()
        try:
            written = stage(load_guide(), self.stage_dir)
        except SourceError as err:
            log.error("%s", err)
            return
        engine = _fingerprint(ENGINE)
        every_language = every_language or engine != self.engine
        self.engine = engine
        languages = [lang for lang in LANGUAGES if every_language or written[lang]]
        try:
            for lang in languages:
                self._build_language(lang)
        except BuildError as err:
            log.error("%s", err)
            return
        if languages:
            self._assemble()
        log.info("Built %s in %.2f s", ", ".join(languages) or "nothing (no page changed)",
                 time.perf_counter() - started)

    def _build_language(self, lang: str) -> None:
        """One language's `mkdocs build`, in this process (the imports and compiled templates stay warm)."""
        os.environ.update({DOCS_DIR_ENV: str(self.stage_dir), LANGUAGE_ENV: lang})
        try:
            config = load_config(config_file=str(MKDOCS_YML), site_dir=str(self.parts[lang]), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except Exception as err:            # MkDocs' own errors (strict-mode warnings, plugin errors)
            raise BuildError(f"--- mkdocs build ({lang}) failed ---\n{err}") from err
        finally:
            os.environ.pop(LANGUAGE_ENV, None)

    def _assemble(self) -> None:
        """The languages' latest builds, merged as `teia-guide build` merges them, swapped into place; the
        search index of the first build comes along."""
        new = self.root / "site.new"
        shutil.rmtree(new, ignore_errors=True)
        shutil.copytree(self.parts[DEFAULT], new)
        for lang in LANGUAGES:
            if lang != DEFAULT:
                merge_language(self.parts[lang], new, lang, move=shutil.copytree)
        if (self.site / "pagefind").is_dir():
            shutil.copytree(self.site / "pagefind", new / "pagefind")
        old = self.root / "site.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            os.replace(self.site, old)
        os.replace(new, self.site)
        shutil.rmtree(old, ignore_errors=True)


def _fingerprint(paths) -> tuple:
    """Path, size and modification time of every file under `paths` (a stat per file: milliseconds)."""
    files = []
    for path in paths:
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [(str(file), stat.st_size, stat.st_mtime_ns) for file in found
                  if "__pycache__" not in file.parts and (stat := file.stat()) and file.is_file()]
    return tuple(files)


def serve(port: int = 8000) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    preview = Preview(Path(tempfile.mkdtemp(prefix="teia-serve-")))
    preview.first_build()
    preview.site.mkdir(parents=True, exist_ok=True)     # (invalid sources: an empty preview until fixed)
    server = LiveReloadServer(builder=preview.rebuild, host="127.0.0.1", port=port, root=str(preview.site))
    for path in (*SOURCES, *ENGINE):
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
