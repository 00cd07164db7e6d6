"""One page of the built site as its own PDF with page numbers (quiz handout, answer key, blank form)."""
from __future__ import annotations

from pathlib import Path

from ..render import render
from ..site_records import SiteRecords
from .cache import DocumentCache
from .guide import Export
from .pages import LINK_SCHEME, SitePage, lang_root, page_file, prepare
from .render import Document, RenderReport, render_all, worker_pool
from .styles import feature_stylesheets, stylesheet


def export_page(site: Path, records: SiteRecords, url: str, target: Path,
                cache: DocumentCache | None = None) -> Export:
    cache = cache or DocumentCache()
    root = lang_root(site, records.lang)
    page = SitePage(0, url, page_file(root, url))
    prepared = prepare(page, {url: 0}, records.facts.site_url)
    section = prepared.html.replace(f'href="{LINK_SCHEME}', 'href="#')     # links inside the page
    title = next((text for level, text, _ in prepared.headings if level == 1), url)
    html = render("pdf/single.html", lang=records.lang, title=title, section=section,
                  site_name=records.facts.site_name, author=records.facts.author)
    target.parent.mkdir(parents=True, exist_ok=True)
    css = stylesheet(records.ui, header=False, footer=True, features=feature_stylesheets(site, records))
    report = RenderReport()
    document = Document(url, html, css, root.resolve().as_uri() + "/", target, tuple(prepared.files))
    with worker_pool(1, target.parent) as pool:
        [rendered] = render_all([document], pool, cache, report)
    cache.keep(target.name, report.keys)
    return Export(target, rendered.page_count, report)
