"""The whole guide of one language as one PDF: parts rendered (or reused), then front matter, stamps, merge."""
from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..languages import NAMES
from ..locale import format_date
from ..render import render
from ..site_records import SiteRecords
from .cache import DocumentCache, Rendered, key
from .merge import merge
from .pages import PreparedPage, SitePage, lang_root, prepare, select_pages
from .render import Document, RenderReport, render_all, worker_pool
from .styles import feature_stylesheets, stylesheet

WORKERS = 2
PART_BYTES = 120_000       # printable HTML per part: big enough to amortise start-up, small enough for memory


@dataclass(frozen=True)
class Export:
    path: Path
    pages: int
    report: RenderReport = field(default_factory=RenderReport)


@dataclass(frozen=True)
class Part:
    pages: tuple[SitePage, ...]
    prepared: tuple[PreparedPage, ...]

    def label(self, index: int) -> str:
        return f"part {index}: " + " ".join(page.url or "/" for page in self.pages)


def split_parts(pages: list[SitePage], prepared: list[PreparedPage], workers: int) -> list[Part]:
    """Consecutive pages grouped into parts of about PART_BYTES of printable HTML (at least 2 parts per
    worker). The budget is rounded, and a part ends where the budget is reached, so a change to one page
    moves no boundary elsewhere unless it crosses one: the other parts stay as they were, and are reused."""
    sizes = [len(page.html) for page in prepared]
    budget = min(PART_BYTES, sum(sizes) / max(1, min(len(pages), 2 * workers)))
    budget = max(4096, math.floor(budget / 4096) * 4096)
    parts: list[list[int]] = [[]]
    filled = 0
    for index, size in enumerate(sizes):
        if parts[-1] and filled + size / 2 > budget:
            parts.append([])
            filled = 0
        parts[-1].append(index)
        filled += size
    return [Part(tuple(pages[i] for i in part), tuple(prepared[i] for i in part)) for part in parts]


def toc_entries(pages: list[SitePage], parts: list[Part], anchors: dict, appendix_label: str) -> list[dict]:
    appendix_pages = {page.number for page in pages if page.appendix}
    entries, grouped = [], False
    for part in parts:
        for page, prepared in zip(part.pages, part.prepared):
            seen_h1 = False
            for level, text, name in prepared.headings:
                if level == 1:
                    if seen_h1:
                        continue                    # only the page title of a page, not its other h1s
                    seen_h1 = True
                group = None
                if page.number in appendix_pages and not grouped:
                    group, grouped = appendix_label, True
                entries.append({"level": level, "text": text, "anchor": name, "group": group,
                                "page": anchors[name][0] + 1 if name in anchors else "?"})
    return entries


def export_guide(site: Path, records: SiteRecords, target: Path, workers: int = WORKERS,
                 cache: DocumentCache | None = None) -> Export:
    """The guide of `records.lang` from the built `site` into `target`; the report says what was rendered
    and what was reused."""
    cache = cache or DocumentCache()
    lang, ui, facts = records.lang, records.ui, records.facts
    root = lang_root(site, lang)
    pages = select_pages(records, root)
    if not pages:
        raise RuntimeError(f"{root} has no pages to export")
    numbers = {page.url: page.number for page in pages}
    prepared = [prepare(page, numbers, facts.site_url) for page in pages]
    parts = split_parts(pages, prepared, workers)
    base_url = root.resolve().as_uri() + "/"
    report = RenderReport()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="teia-pdf-", dir=target.parent) as scratch:
        scratch = Path(scratch)
        part_css = stylesheet(ui, header=True, footer=False, features=feature_stylesheets(site, records))
        documents = [Document(part.label(index), render("pdf/part.html", lang=lang, sections=[p.html for p in part.prepared]),
                              part_css, base_url, scratch / f"part-{index:03d}.pdf",
                              tuple(file for p in part.prepared for file in p.files))
                     for index, part in enumerate(parts)]
        with worker_pool(workers, scratch) as pool:
            results = render_all(documents, pool, cache, report)
            context = {"lang": lang, "ui": ui, "title": facts.site_name, "language": NAMES[lang],
                       "edition": format_date(records.edition, lang), "version": facts.version,
                       "copyright": facts.copyright, "author": facts.author}
            front, footer = scratch / "front.pdf", scratch / "footer.pdf"
            anchors = front_matter_and_stamps(pool, cache, report, pages, parts, results, context, base_url,
                                              front, footer)
        metadata = {"Title": facts.site_name, "Author": facts.author, "Subject": ui["pdf_cover_subtitle"],
                    "Creator": f"teia-guide {facts.version}",
                    "CreationDate": records.edition.strftime("D:%Y%m%d000000Z")}
        # the merged guide is kept too: when every document came out as before (the other language's
        # guide, after a chapter changed in one), it is reused, not merged and stamped again
        merged = key(json.dumps([report.keys, metadata, lang]), "merge")
        reused = cache.fetch(merged, target)
        if reused is None:
            count = merge(front, [document.target for document in documents], footer, anchors, metadata, lang, target)
            cache.store(merged, target, Rendered(count, {}))
            report.rendered.append("the merged guide")
        else:
            count = reused.page_count
            report.reused.append("the merged guide")
        report.keys.append(merged)
    cache.keep(target.name, report.keys)
    return Export(target, count, report)


def front_matter_and_stamps(pool, cache: DocumentCache, report: RenderReport, pages: list[SitePage],
                            parts: list[Part], results: list[Rendered], context: dict, base_url: str,
                            front: Path, footer: Path) -> dict:
    """Render the cover and table of contents (into `front`) and the "page x of y" stamps (into
    `footer`) side by side on the workers; returns where every anchor landed in the whole PDF. The
    length of the front matter is guessed first and rendered again if the guess was wrong (it holds at
    once unless a long page number widens a line)."""
    ui, lang = context["ui"], context["lang"]
    front_css = stylesheet(ui, header=True, footer=False)
    footer_css = stylesheet(ui, header=False, footer=True)
    headings = sum(len(page.headings) for part in parts for page in part.prepared)
    front_pages = 2 + headings // 45                         # cover + ~45 entries a page
    for _attempt in range(4):
        anchors, offset = {}, front_pages
        for result in results:
            for name, (number, x, y) in result.anchors.items():
                anchors[name] = (offset + number, x, y)
            offset += result.page_count
        entries = toc_entries(pages, parts, anchors, ui["pdf_appendices"])
        documents = [Document("contents", render("pdf/front.html", entries=entries, **context), front_css, base_url, front),
                     Document("page numbers", render("pdf/footer.html", lang=lang, pages=offset), footer_css,
                              base_url, footer)]
        rendered, _ = render_all(documents, pool, cache, report)
        if rendered.page_count == front_pages:
            break
        front_pages = rendered.page_count
    return anchors
