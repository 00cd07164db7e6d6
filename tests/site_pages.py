"""Every page of the built site, for the tests that visit them all (phone layout, axe), and a browser page
that reaches the 404 pages' absolute links (they start with the path of mkdocs.yml's site_url)."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from teiaguide.languages import DEFAULT, LANGUAGES, prefix
from teiaguide.linkcheck import site_url


def language_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT else DEFAULT


def html_pages(site: Path, lang: str) -> list[str]:
    """URL paths (relative to the site root) of every HTML page of one language, 404 page included."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/") or language_of(rel) != lang:
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def page_file(site: Path, path: str) -> Path:
    """The file of a URL path from html_pages()."""
    return site / path if path.endswith(".html") else site / path / "index.html"


@functools.lru_cache(maxsize=None)
def parsed(file: Path) -> BeautifulSoup:
    """A built page, parsed once for the whole session: several tests read every page, and parsing is most
    of their time. Shared, so read-only: a test that changes the tree parses its own copy."""
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def serve_published_paths(page, server: str) -> None:
    """Absolute links under the published path (/central-asia-guide/…, the 404 pages' links) go to the
    test server's root."""
    published = urlsplit(site_url()).path.rstrip("/")
    if not published:
        return
    pattern = re.compile("^" + re.escape(server.rstrip("/") + published) + "/")
    page.route(pattern, lambda route: route.continue_(url=pattern.sub(server, route.request.url)))


__all__ = ["LANGUAGES", "html_pages", "language_of", "page_file", "parsed", "prefix", "serve_published_paths"]
