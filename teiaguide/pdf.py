"""Export the guide as one PDF per language from the BUILT site (WeasyPrint + pypdf).

    built site ─► pages in nav order + appendices (pdf_pages) ─► parts of a few pages
               ─► each part rendered to PDF in a worker process, 2 at a time (pdf_render)
               ─► cover + table of contents rendered with the final page numbers
               ─► merged, page numbers stamped, links resolved, metadata set (pdf_merge)

Why parts: WeasyPrint on one 300-page document is slow and holds the whole layout in memory (~1 GB);
parts render in parallel on both cores and each worker's memory goes back to the system when it ends.
The workers are forked after WeasyPrint is imported, so its code and data are in memory once.
The table of contents is rendered last, so its page numbers come from where the headings actually
landed in the parts, not from a second layout pass.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import math
import multiprocessing
import os
import re
import subprocess
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .languages import NAMES, prefix
from .locale import format_date
from .paths import BUILD, OVERRIDES, ROOT
from .pdf_pages import (LINK_SCHEME, SitePage, anchor, lang_root, page_file, page_meta, prepare, select_pages,
                        site_url)
from .pdf_render import PartResult, PartTask, render_part
from .render import render

WORKERS = 2
PART_BYTES = 120_000       # article HTML per part: big enough to amortise start-up, small enough for memory
FONT_SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")


@dataclass(frozen=True)
class Export:
    path: Path
    pages: int


# --- facts shown on the cover and in the metadata ----------------------------------------------------

def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def edition_date() -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds), else the date of the latest commit, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
        epoch = result.stdout.strip() if result.returncode == 0 else ""
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def ui_strings(lang: str) -> dict[str, str]:
    from .features import ui
    from .problems import Problems

    class _Holder:
        ui = None

    holder, problems = _Holder(), Problems()
    ui.load(holder, problems)
    if holder.ui is None:
        raise RuntimeError("data/ui.yml could not be read; run `teia-guide check`")
    return holder.ui.for_lang(lang)


# --- stylesheet --------------------------------------------------------------------------------------

def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_of(template: str) -> str:
    """'Page {page} of {pages}' -> the CSS content value "Page " counter(page) " of " counter(pages)."""
    parts = []
    for piece in template.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


FONT_CACHE = BUILD / "cache" / "pdf-fonts"


def prepare_fonts(site: Path, target: Path = FONT_CACHE) -> list[dict]:
    """The site's PT Sans files as plain TrueType: WeasyPrint would otherwise unpack every WOFF file again
    for every document (pure Python, seconds per part). Converted once and kept in `target` under a name
    that carries the WOFF file's hash, for every later export."""
    files = site / "assets" / "fonts" / "files"
    target.mkdir(parents=True, exist_ok=True)
    fonts = []
    for subset in FONT_SUBSETS:
        for weight in (400, 700):
            for style in ("normal", "italic"):
                source = files / f"pt-sans-{subset}-{weight}-{style}.woff"
                if not source.is_file():
                    continue
                digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
                ttf = target / f"{source.stem}.{digest}.ttf"
                if not ttf.is_file():
                    _woff_to_ttf(source, ttf)
                fonts.append({"family": f"PT Sans {subset}", "weight": weight, "style": style,
                              "url": ttf.resolve().as_uri()})
    if not fonts:
        raise FileNotFoundError(f"{files} holds no PT Sans files: the site was built without its font")
    return fonts


def _woff_to_ttf(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    font.flavor = None
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    font.save(temp)
    os.replace(temp, target)            # another build may be converting the same file


# The site's own stylesheets that are about the page layout on screen, not about a feature's elements.
SCREEN_STYLESHEETS = ("guide.css", "print.css", "search.css")


def feature_stylesheets(root: Path) -> str:
    """The features' stylesheets of the site (blank form lines, quiz and calculator tables...), in the
    order the pages load them, with their @media print rules: the PDF shows these elements as printed."""
    head = (root / "index.html").read_text(encoding="utf-8")
    texts = []
    # relative to the language's home page: a language under its prefix (ru/) loads them from the site root
    for href in re.findall(r'<link rel="stylesheet" href="((?:\.\./)*assets/stylesheets/[^"]+\.css)"', head):
        name = href.rsplit("/", 1)[-1]
        if name not in SCREEN_STYLESHEETS and (OVERRIDES / "assets" / "stylesheets" / name).is_file():
            texts.append(f"/* assets/stylesheets/{name} */\n" + (root / href).read_text(encoding="utf-8"))
    return "\n".join(texts)


def stylesheet(fonts: list[dict], ui: dict[str, str], *, header: bool, footer: bool, features: str = "") -> str:
    families = ", ".join([css_string(f"PT Sans {subset}") for subset in FONT_SUBSETS] + ['"DejaVu Sans"', "sans-serif"])
    return render("pdf/print.css", fonts=fonts, families=families, header=header, features=features,
                  footer=page_of(ui["pdf_page_of"]) if footer else "none",
                  appendix_label=ui["pdf_appendix"].replace('"', "'"),
                  contents_label=ui["pdf_contents"].replace('"', "'"))


# --- the guide ---------------------------------------------------------------------------------------

def split_parts(pages: list[SitePage], workers: int) -> list[tuple[SitePage, ...]]:
    """Consecutive pages grouped into parts of about PART_BYTES (at least 2 parts per worker)."""
    sizes = [page.file.stat().st_size for page in pages]
    baseline = min(sizes, default=0) // 2           # navigation and theme: the same on every page
    weights = [size - baseline for size in sizes]
    count = max(min(len(pages), 2 * workers), math.ceil(sum(weights) / PART_BYTES))
    budget = sum(weights) / max(count, 1)
    parts: list[list[SitePage]] = [[]]
    filled = 0.0
    for page, weight in zip(pages, weights):
        if parts[-1] and filled + weight / 2 > budget:
            parts.append([])
            filled = 0.0
        parts[-1].append(page)
        filled += weight
    return [tuple(part) for part in parts]


@contextlib.contextmanager
def worker_pool(workers: int, css: str | None = None):
    """Worker processes for WeasyPrint, or None to render in this process.

    A fresh worker for every task (maxtasksperchild=1): its memory goes back to the system when the task
    is done. Workers are forked from this process once it has imported WeasyPrint (and parsed `css`, the
    parts' stylesheet), with the objects loaded so far frozen for the garbage collector (until the pool
    ends), so that the workers share those memory pages instead of copying them. A process that runs other threads (the test server) must
    not fork: its workers start from a forkserver instead, which imports WeasyPrint itself."""
    if workers <= 1:
        yield None
        return
    frozen = threading.active_count() == 1
    if frozen:
        import weasyprint  # noqa: F401  imported once here, shared by the forked workers

        from .pdf_render import stylesheet as parsed_stylesheet

        if css is not None:
            parsed_stylesheet(css)      # parsed, and its fonts loaded, once for every part
        gc.freeze()
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["weasyprint", "teiaguide.pdf_render"])
    pool = context.Pool(workers, maxtasksperchild=1)
    try:
        yield pool
    finally:
        pool.close()
        pool.join()
        if frozen:
            gc.unfreeze()


def render_parts(tasks: list[PartTask], pool) -> list[PartResult]:
    if pool is None:
        return [render_part(task) for task in tasks]
    # biggest parts first, so that no worker ends with a long part while the other one idles
    order = sorted(tasks, key=lambda task: -sum(page.file.stat().st_size for page in task.pages))
    results = list(pool.imap_unordered(render_part, order))
    return sorted(results, key=lambda result: result.index)


def _submit(pool, function, *args):
    """Run `function` on a worker (in this process without a pool); returns a call that waits for it."""
    if pool is None:
        result = function(*args)
        return lambda: result
    return pool.apply_async(function, args).get


def _write(html: str, css: str, base_url: str, target: Path) -> int:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url).render(
        stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts)
    document.write_pdf(target)
    return len(document.pages)


def toc_entries(pages: list[SitePage], results: list[PartResult], anchors: dict, appendix_label: str) -> list[dict]:
    appendix_pages = {page.number for page in pages if page.appendix}
    entries, grouped = [], False
    for result in results:
        seen_h1: set[int] = set()
        for level, text, name in result.headings:
            page_number = int(name.split("-")[0][1:])
            if level == 1:
                if page_number in seen_h1:
                    continue                    # only the page title of a page, not its other h1s
                seen_h1.add(page_number)
            group = None
            if page_number in appendix_pages and not grouped:
                group, grouped = appendix_label, True
            entries.append({"level": level, "text": text, "anchor": name, "group": group,
                            "page": anchors[name][0] + 1 if name in anchors else "?"})
    return entries


def export_guide(site: Path, lang: str, target: Path, workers: int = WORKERS) -> Export:
    root = lang_root(site, lang)
    pages = select_pages(root)
    if not pages:
        raise RuntimeError(f"{root} has no pages to export")
    ui = ui_strings(lang)
    numbers = {page.url: page.number for page in pages}
    base = site_url(site)
    public = base + prefix(lang) if base else None
    target.parent.mkdir(parents=True, exist_ok=True)
    base_url = root.resolve().as_uri() + "/"
    meta = page_meta(root)
    with tempfile.TemporaryDirectory(prefix="teia-pdf-", dir=target.parent) as scratch:
        scratch = Path(scratch)
        fonts = prepare_fonts(site)
        part_css = stylesheet(fonts, ui, header=True, footer=False, features=feature_stylesheets(root))
        with worker_pool(workers, part_css) as pool:
            tasks = [PartTask(index, part, numbers, public, lang, part_css, base_url,
                              scratch / f"part-{index:03d}.pdf")
                     for index, part in enumerate(split_parts(pages, workers))]
            results = render_parts(tasks, pool)
            context = {"lang": lang, "ui": ui, "title": ui["site_name"], "language": NAMES[lang],
                       "edition": format_date(edition_date(), lang), "version": version(),
                       "copyright": meta["copyright"], "author": meta["author"]}
            front, footer = scratch / "front.pdf", scratch / "footer.pdf"
            anchors = front_matter_and_stamps(pool, pages, results, context, fonts, base_url, front, footer)
        metadata = {"Title": ui["site_name"], "Author": meta["author"],
                    "Subject": ui["pdf_cover_subtitle"], "Creator": f"teia-guide {version()}",
                    "CreationDate": edition_date().strftime("D:%Y%m%d000000Z")}
        from .pdf_merge import merge

        count = merge(front, [result.target for result in results], footer, anchors, metadata, lang, target)
    return Export(target, count)


def front_matter_and_stamps(pool, pages: list[SitePage], results: list[PartResult], context: dict,
                            fonts: list[dict], base_url: str, front: Path, footer: Path) -> dict:
    """Render the cover and table of contents (into `front`) and the "page x of y" stamps (into
    `footer`) side by side on the workers; returns where every anchor landed in the whole PDF. The
    length of the front matter is guessed first and rendered again if the guess was wrong (it holds at
    once unless a long page number widens a line)."""
    ui, lang = context["ui"], context["lang"]
    front_css = stylesheet(fonts, ui, header=True, footer=False)
    footer_css = stylesheet(fonts, ui, header=False, footer=True)
    front_pages = 2 + sum(len(result.headings) for result in results) // 45   # cover + ~45 entries a page
    for _attempt in range(4):
        anchors, offset = {}, front_pages
        for result in results:
            for name, (number, x, y) in result.anchors.items():
                anchors[name] = (offset + number, x, y)
            offset += result.page_count
        entries = toc_entries(pages, results, anchors, ui["pdf_appendices"])
        front_job = _submit(pool, _write, render("pdf/front.html", entries=entries, **context), front_css,
                            base_url, front)
        footer_job = _submit(pool, _write, render("pdf/footer.html", lang=lang, pages=offset), footer_css,
                             base_url, footer)
        rendered, _ = front_job(), footer_job()
        if rendered == front_pages:
            break
        front_pages = rendered
    return anchors


# --- one page as its own PDF ----------------------------------------------------------------------------

def export_page(site: Path, lang: str, url: str, target: Path) -> Export:
    """A single page of the built site (quiz handout, answer key, blank form) as a PDF with page numbers."""
    root = lang_root(site, lang)
    if not page_file(root, url).is_file():
        raise FileNotFoundError(page_file(root, url))
    ui = ui_strings(lang)
    base = site_url(site)
    page = SitePage(0, url, page_file(root, url))
    prepared = prepare(page, {url: 0}, base + prefix(lang) if base else None)
    section = prepared.html.replace(f'href="{LINK_SCHEME}', 'href="#')     # links inside the page
    title = next((text for level, text, _ in prepared.headings if level == 1), url)
    html = render("pdf/single.html", lang=lang, title=title, section=section, site_name=ui["site_name"],
                  author=page_meta(root)["author"])
    target.parent.mkdir(parents=True, exist_ok=True)
    css = stylesheet(prepare_fonts(site), ui, header=False, footer=True, features=feature_stylesheets(root))
    return Export(target, _write(html, css, root.resolve().as_uri() + "/", target))
