"""Render documents (parts of the guide, its front matter and stamps, single pages) to PDF with WeasyPrint,
on worker processes, reusing what the cache (cache.py) holds.

WeasyPrint's time and memory grow faster than the document: small parts rendered in separate processes
are faster, and the memory of a part is returned to the system when its worker ends. Each result tells
the merge step how many pages the document has and where each anchor landed (page, position in points).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .cache import DocumentCache, Rendered, key

PX_TO_PT = 0.75     # WeasyPrint positions are CSS pixels (1/96 in); PDF uses points (1/72 in)


@dataclass(frozen=True)
class Document:
    label: str                  # for the report: "part 3 (areas/notification/ …)", "contents"
    html: str
    css: str
    base_url: str
    target: Path
    files: tuple[Path, ...] = field(default=())     # images it shows (part of its cache key)

    @property
    def key(self) -> str:
        return key(self.html, self.css, list(self.files))


@dataclass
class RenderReport:
    """What an export rendered and what it reused from the cache."""
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


def render_document(document: Document) -> Rendered:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()         # its copies of the @font-face fonts go to the worker's temp folder
    css = CSS(string=document.css, font_config=fonts)
    laid_out = HTML(string=document.html, base_url=document.base_url).render(stylesheets=[css], font_config=fonts)
    anchors = {}
    for number, page in enumerate(laid_out.pages):
        for name, box in page.anchors.items():
            anchors[name] = (number, box[0] * PX_TO_PT, box[1] * PX_TO_PT)
    laid_out.write_pdf(document.target)
    return Rendered(len(laid_out.pages), anchors)


class Workers:
    """`count` processes that render documents, a fresh one for every document (maxtasksperchild=1): its
    memory goes back to the system when it ends. They start from a forkserver that has imported
    WeasyPrint, which is safe whether or not this process runs other threads (the test server does), and
    only when a document needs rendering: an export whose documents all come from the cache starts none.
    Their temporary files (WeasyPrint's copies of the fonts, which an ending worker leaves behind) go to
    `temp`, not to the system's temporary folder."""

    def __init__(self, count: int, temp: str):
        self.count, self.temp = count, temp
        self._pool = None

    def map(self, function, items: list) -> list:
        if not items:
            return []
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["weasyprint", "teiaguide.pdf.render"])
            self._pool = context.Pool(self.count, initializer=_use_temp_folder, initargs=(self.temp,),
                                      maxtasksperchild=1)
        return self._pool.map(function, items, chunksize=1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()


@contextlib.contextmanager
def worker_pool(workers: int, beside: Path):
    """Workers whose temporary folder, in `beside`, is removed when they have ended."""
    with tempfile.TemporaryDirectory(prefix=".teia-pdf-temp-", dir=beside) as temp:
        pool = Workers(workers, temp)
        try:
            yield pool
        finally:
            pool.close()


def _use_temp_folder(folder: str) -> None:
    tempfile.tempdir = folder


def render_all(documents: list[Document], pool, cache: DocumentCache, report: RenderReport) -> list[Rendered]:
    """Every document rendered to its target, or taken from the cache; results in the order given."""
    results: dict[int, Rendered] = {}
    missing = []
    names = [document.key for document in documents]
    report.keys += names
    for index, document in enumerate(documents):
        found = cache.fetch(names[index], document.target)
        if found is None:
            missing.append(index)
        else:
            results[index] = found
            report.reused.append(document.label)
    # biggest first, so that no worker ends with a long document while the other one idles
    missing.sort(key=lambda index: -len(documents[index].html))
    rendered = pool.map(render_document, [documents[index] for index in missing])
    for index, result in zip(missing, rendered):
        cache.store(names[index], documents[index].target, result)
        results[index] = result
        report.rendered.append(documents[index].label)
    return [results[index] for index in range(len(documents))]
