"""The PDF step leaves nothing in the system's temporary folder. WeasyPrint copies the fonts of every
document into a folder it makes there, and a worker process that ends does not remove it: every build
left a few dozen such folders in /tmp."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from teiaguide.languages import LANGUAGES
from teiaguide.paths import ROOT
from teiaguide.pdf.cache import DocumentCache
from teiaguide.pdf.render import Document, RenderReport, render_all, worker_pool
from teiaguide.pdf.styles import stylesheet
from teiaguide.render import render
from tests.test_pdf import guide, pdf_pages, squash

PAGES = 3


def test_rendering_on_workers_leaves_nothing_in_the_temporary_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # a short path: the forkserver's socket goes there, and a socket's path holds at most 107 bytes
    with tempfile.TemporaryDirectory(prefix="teia-test-") as temp:
        # in a process of its own, whose workers take the temporary folder from its environment
        subprocess.run([sys.executable, "-m", "tests.test_pdf_temp_files", str(out)], cwd=ROOT, check=True,
                       env=dict(os.environ, TMPDIR=temp))
        left = sorted(path.name for path in Path(temp).iterdir())
    for lang in LANGUAGES:
        pages = pdf_pages(out / f"{lang}.pdf")
        stamp = guide().ui.for_lang(lang)["pdf_page_of"].format(page=PAGES, pages=PAGES)
        assert len(pages) - 1 == PAGES and squash(stamp) in squash(pages[PAGES - 1])      # text ends with \f
    assert left == []


def render_stamps(out: Path) -> None:
    """The "page x of y" stamps of every language (a document with the site font), on two workers."""
    documents = []
    for lang in LANGUAGES:
        css = stylesheet(guide().ui.for_lang(lang), header=False, footer=True)
        html = render("pdf/footer.html", lang=lang, pages=PAGES)
        documents.append(Document(lang, html, css, out.as_uri() + "/", out / f"{lang}.pdf"))
    with worker_pool(2, out) as pool:
        render_all(documents, pool, DocumentCache(out / "cache"), RenderReport())


if __name__ == "__main__":
    render_stamps(Path(sys.argv[1]))
