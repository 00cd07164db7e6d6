"""Link and anchor check of the built site: every internal link and #anchor of both languages resolves.

Works on what a reader gets (site/), so links written by hand, links in generated pages and links the
theme adds are all covered. PDFs in site/ (the "pdf" post-build step) are checked too: their internal
links must point at a named destination of the same PDF, and relative URIs at a file of the site.
External links are only listed (a closed network and CI must not depend on other hosts).
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser navigate or load something, by tag.
_LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
                    "iframe": "src", "source": "src", "audio": "src", "video": "src", "form": "action"}
_SKIPPED_DIRS = ("pagefind/",)      # Pagefind's own bundle: generated, no links of ours
_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "ftp")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str           # file in site/ where the link is, e.g. "ru/areas/prevention/index.html"
    target: str         # the href as written
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))   # url -> pages

    def __bool__(self) -> bool:
        return not self.broken

    def format(self) -> str:
        lines = [f"Checked {self.links} internal links on {self.pages} pages/PDFs: {len(self.broken)} broken."]
        lines += [f"  BROKEN {item.format()}" for item in sorted(self.broken)]
        lines.append(f"External links (listed, not fetched): {len(self.external)}")
        lines += [f"  {url}  ({len(pages)} page(s), e.g. {min(pages)})" for url, pages in sorted(self.external.items())]
        return "\n".join(lines)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        if tag == "base" and attributes.get("href"):
            self.base = attributes["href"]
        wanted = _LINK_ATTRIBUTES.get(tag)
        value = attributes.get(wanted) if wanted else None
        if value is not None and not (tag == "link" and "preconnect" in (attributes.get("rel") or "")):
            self.links.append(value)


@dataclass
class _Page:
    ids: set[str]
    links: list[str]


def _parse(file: Path) -> _Page:
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    return _Page(parser.ids, parser.links)


def _target_file(site: Path, rel_path: str) -> str | None:
    """The file (relative to site/) that a URL path serves, as a static host would, or None."""
    rel_path = rel_path.lstrip("/")
    candidates = [rel_path] if rel_path and not rel_path.endswith("/") else []
    candidates.append(posixpath.join(rel_path, "index.html") if rel_path else "index.html")
    for candidate in candidates:
        if (site / candidate).is_file():
            return posixpath.normpath(candidate)
    return None


def site_url() -> str:
    """site_url of mkdocs.yml (after !ENV), e.g. "https://example.org/guide/"."""
    from .mkdocs_settings import mkdocs_config

    return mkdocs_config().get("site_url") or "/"


def check_site(site: Path, url: str | None = None) -> LinkReport:
    """Check every HTML page and PDF of `site`, published at `url` (default: site_url of mkdocs.yml).
    Links to `url` itself (canonical links, 404.html's absolute paths) are internal links."""
    site = Path(site)
    url = url if url is not None else site_url()
    root_path = urlsplit(url).path.rstrip("/") + "/"
    origin = url[: len(url) - len(urlsplit(url).path)] if urlsplit(url).scheme else None
    report = LinkReport()
    html_files = sorted(p for p in site.rglob("*.html")
                        if not p.relative_to(site).as_posix().startswith(_SKIPPED_DIRS))
    parsed = {file.relative_to(site).as_posix(): _parse(file) for file in html_files}
    report.pages = len(parsed)
    for page_rel, page in parsed.items():
        page_dir = posixpath.dirname(page_rel)
        for href in page.links:
            href = href.strip()
            if origin and href.startswith(origin + root_path):
                href = href[len(origin):]          # same site, written as an absolute URL
            _check_link(site, parsed, report, page_rel, page_dir, href, root_path)
    for pdf in sorted(site.rglob("*.pdf")):
        _check_pdf(site, pdf, report)
    return report


def _check_link(site: Path, parsed: dict[str, _Page], report: LinkReport, page_rel: str, page_dir: str,
                href: str, root_path: str) -> None:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        if parts.scheme in _EXTERNAL_SCHEMES or href.startswith("//"):
            report.external[href].add(page_rel)
        elif parts.scheme not in ("data", "javascript", "blob"):
            report.broken.append(BrokenLink(page_rel, href, f"unknown scheme {parts.scheme}:"))
        return
    report.links += 1
    path = unquote(parts.path)
    if not path:
        target = page_rel
    else:
        if path.startswith("/"):
            if not (path + "/").startswith(root_path):
                report.broken.append(BrokenLink(page_rel, href, f"absolute path outside the site's root {root_path}"))
                return
            joined = path[len(root_path):] if len(path) >= len(root_path) else ""
        else:
            joined = posixpath.join(page_dir, path)
        normal = posixpath.normpath(joined).lstrip("/")
        if normal.startswith(".."):
            report.broken.append(BrokenLink(page_rel, href, "points above the site root"))
            return
        if normal == ".":
            normal = ""
        if path.endswith("/") and normal:
            normal += "/"
        target = _target_file(site, normal)
        if target is None:
            report.broken.append(BrokenLink(page_rel, href, f"no file {normal or 'index.html'} in the site"))
            return
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html"):
        ids = parsed[target].ids if target in parsed else _parse(site / target).ids
        if fragment not in ids:
            report.broken.append(BrokenLink(page_rel, href, f"no id '{fragment}' in {target}"))


def _check_pdf(site: Path, pdf: Path, report: LinkReport) -> None:
    """Internal links of a PDF go to its named destinations; relative URIs to files of the site."""
    from pypdf import PdfReader

    rel = pdf.relative_to(site).as_posix()
    report.pages += 1
    try:
        reader = PdfReader(str(pdf))
        names = set(reader.named_destinations)
    except Exception as err:  # a PDF that cannot be read is itself a broken target
        report.broken.append(BrokenLink(rel, rel, f"unreadable PDF: {err}"))
        return
    for number, pdf_page in enumerate(reader.pages, start=1):
        for annotation in pdf_page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            action = action.get_object() if action is not None else {}
            destination = annotation.get("/Dest", action.get("/D"))
            uri = action.get("/URI")
            where = f"{rel} (page {number})"
            if destination is not None:
                report.links += 1
                destination = destination.get_object() if hasattr(destination, "get_object") else destination
                if isinstance(destination, str) and destination not in names:
                    report.broken.append(BrokenLink(where, f"#{destination}", "no such named destination in the PDF"))
            elif uri is not None:
                uri = str(uri)
                parts = urlsplit(uri)
                if parts.scheme:
                    if parts.scheme == "file":
                        report.broken.append(BrokenLink(where, uri, "file: URI (a link resolved on the build machine)"))
                    else:
                        report.external[uri].add(where)
                    continue
                report.links += 1
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
                if joined.startswith("..") or _target_file(site, joined + ("/" if uri.endswith("/") else "")) is None:
                    report.broken.append(BrokenLink(where, uri, "no such file in the site"))
