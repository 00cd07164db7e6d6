"""Live-reloading preview: the same build as `teia-guide build` (without PDFs), rebuilt on every change.

We watch the sources (docs/, data/, good_practices/, overrides/, the generator), not the staged docs, so
that one edit triggers exactly one rebuild. Invalid sources print their problems and keep the last good
preview online.
"""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import BuildError, build_site
from .paths import DATA, DOCS, MKDOCS_YML, OVERRIDES, PRACTICES, ROOT
from .problems import SourceError

log = logging.getLogger("teiaguide.serve")


def serve(port: int = 8000) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    root = Path(tempfile.mkdtemp(prefix="teia-serve-"))
    site = root / "site"

    def builder() -> None:
        try:
            report = build_site(site, work_root=root, steps=("search",))
            log.info(report.line())
        except (SourceError, BuildError) as err:
            log.error("%s", err)

    builder()
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=port, root=str(site))
    for path in (DOCS, DATA, PRACTICES, OVERRIDES, ROOT / "teiaguide", MKDOCS_YML):
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
