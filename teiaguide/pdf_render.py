"""Render one part of the guide (a few consecutive pages) to its own PDF, in a worker process.

WeasyPrint's time and memory grow faster than the document: small parts rendered in separate processes
are faster, and the memory of a part is returned to the system when its worker ends. Each result tells
the merge step how many pages the part has and where each anchor landed (page, position in points).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .pdf_pages import PreparedPage, SitePage, prepare
from .render import render

PX_TO_PT = 0.75     # WeasyPrint positions are CSS pixels (1/96 in); PDF uses points (1/72 in)


@dataclass(frozen=True)
class PartTask:
    index: int
    pages: tuple[SitePage, ...]
    numbers: dict[str, int]        # URL -> page number, for every page in the PDF
    site_url: str | None
    lang: str
    css: str
    base_url: str
    target: Path


@dataclass(frozen=True)
class PartResult:
    index: int
    target: Path
    page_count: int
    anchors: dict[str, tuple[int, float, float]]     # id -> (page in the part, x pt, y pt from the top)
    headings: list[tuple[int, str, str]]             # (level, text, id) in document order


@functools.lru_cache(maxsize=4)
def stylesheet(css: str):
    """The parsed stylesheet and its fonts. Parsing it and loading its @font-face fonts cost a third of a
    small part; pdf.py calls this before forking the workers, which then find it done."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return CSS(string=css, font_config=fonts), fonts


def render_part(task: PartTask) -> PartResult:
    from weasyprint import HTML

    prepared: list[PreparedPage] = [prepare(page, task.numbers, task.site_url) for page in task.pages]
    html = render("pdf/part.html", lang=task.lang, sections=[page.html for page in prepared])
    css, fonts = stylesheet(task.css)
    document = HTML(string=html, base_url=task.base_url).render(stylesheets=[css], font_config=fonts)
    anchors = {}
    for number, page in enumerate(document.pages):
        for name, box in page.anchors.items():
            anchors[name] = (number, box[0] * PX_TO_PT, box[1] * PX_TO_PT)
    document.write_pdf(task.target)
    headings = [heading for page in prepared for heading in page.headings]
    return PartResult(task.index, task.target, len(document.pages), anchors, headings)
