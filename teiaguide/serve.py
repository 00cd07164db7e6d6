"""Live-reloading preview: the same pages as `teia-guide build`, rebuilt in about a second after a save.

The first build is the whole HTML site with its search index. After that, a change is validated and
staged as in a build, and MkDocs runs again, in this process (MkDocs and the guide's code stay
loaded), only for the languages whose staged pages changed. Where only the text of existing pages
changed, it renders just those pages (a "dirty" build: staging rewrites only the files whose content
changed, and MkDocs skips the pages older than their HTML); a new or removed page, a changed title or
interface string renders the whole language again, and a change to the theme, the generator or
mkdocs.yml every language. The search index of the first build is kept (restart the preview to refresh
it), and no PDF is made. We watch the sources (docs/, data/, good_practices/, overrides/, the
generator), not the staged docs, so that one edit triggers one rebuild. Invalid sources print their
problems and keep the last good preview online.
"""
from __future__ import annotations

import functools
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


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns on every dirty build that its navigation may be wrong; here it is not (the staged
    titles name every page, hooks.on_nav), and the warning would follow every save."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_DIRTY_BUILD_NOTICE = _DirtyBuildNotice()

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
        self.failed = False
        logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_BUILD_NOTICE)   # (added once)

    def first_build(self) -> None:
        self.rebuild(every_language=True)
        if self.site.is_dir():
            from .search import index_site

            index_site(self.site)

    def rebuild(self, every_language: bool = False) -> None:
        """Validate and stage; build again the languages that changed; put the site together."""
        started = time.perf_counter()
        try:
            changes = stage(load_guide(), self.stage_dir)
        except SourceError as err:
            log.error("%s", err)
            return
        engine = _fingerprint(ENGINE)
        every_language = every_language or engine != self.engine or self.failed
        self.engine = engine
        # lang -> whether only its changed pages need rendering
        languages = {lang: not every_language and changes[lang].pages_only
                     for lang in LANGUAGES if every_language or changes[lang]}
        try:
            for lang, dirty in languages.items():
                self._build_language(lang, dirty)
        except BuildError as err:
            self.failed = True                  # the next build starts from clean builds
            log.error("%s", err)
            return
        self.failed = False
        if languages:
            self._assemble()
        done = [f"{lang} (only {_files(len(changes[lang].written))})" if dirty else lang
                for lang, dirty in languages.items()]
        log.info("Built %s in %.2f s", ", ".join(done) or "nothing (no page changed)", time.perf_counter() - started)

    def _build_language(self, lang: str, dirty: bool = False) -> None:
        """One language's `mkdocs build`, in this process (the imports and compiled templates stay warm).
        `dirty`: render only the pages whose staged file is newer than their HTML. MkDocs warns about
        every dirty build, so such a build is not strict; the full builds are."""
        os.environ.update({DOCS_DIR_ENV: str(self.stage_dir), LANGUAGE_ENV: lang})
        try:
            config = load_config(config_file=str(MKDOCS_YML), site_dir=str(self.parts[lang]), strict=not dirty)
            config.plugins.on_startup(command="build", dirty=dirty)
            try:
                mkdocs_build(config, dirty=dirty)
            finally:
                config.plugins.on_shutdown()
        except Exception as err:            # MkDocs' own errors (strict-mode warnings, plugin errors)
            raise BuildError(f"--- mkdocs build ({lang}) failed ---\n{err}") from err
        finally:
            os.environ.pop(LANGUAGE_ENV, None)

    def _assemble(self) -> None:
        """The languages' latest builds, merged as `teia-guide build` merges them, swapped into place; the
        search index of the first build comes along. Files are hard links, not copies (about ten times
        quicker); a page that a dirty build renders again is rewritten in place, so the served site may show
        it a moment before the swap, which a preview can afford."""
        new = self.root / "site.new"
        shutil.rmtree(new, ignore_errors=True)
        link_tree = functools.partial(shutil.copytree, copy_function=os.link)
        link_tree(self.parts[DEFAULT], new)
        for lang in LANGUAGES:
            if lang != DEFAULT:
                merge_language(self.parts[lang], new, lang, move=link_tree)
        if (self.site / "pagefind").is_dir():
            link_tree(self.site / "pagefind", new / "pagefind")
        old = self.root / "site.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            os.replace(self.site, old)
        os.replace(new, self.site)
        shutil.rmtree(old, ignore_errors=True)


def _files(count: int) -> str:
    return f"{count} changed file" + ("" if count == 1 else "s")


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
    # the sources are polled five times a second (MkDocs' default: twice), a tenth of a second of the
    # preview's one-second goal; a poll of the few hundred files costs a few milliseconds
    server = LiveReloadServer(builder=preview.rebuild, host="127.0.0.1", port=port, root=str(preview.site),
                              polling_interval=0.2)
    for path in (*SOURCES, *ENGINE):
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
