"""Relative URLs between pages of the built site, for links inside raw-HTML blocks of generated pages.

MkDocs rewrites `.md` links only in Markdown; links inside raw HTML (practice cards, the filterable index)
must already be final. The site uses directory URLs (MkDocs' default `use_directory_urls: true`), and the
Russian site lives under ru/, so a page `areas/prevention.md` in Russian is served at ru/areas/prevention/.
The offline bundle (teiaguide/offline.py) is staged and built with TEIA_DIRECTORY_URLS=false, the variable
mkdocs.yml reads too: there the page is the file ru/areas/prevention.html, which opens from file://.
"""
from __future__ import annotations

import os
import posixpath

from .languages import prefix


DIRECTORY_URLS_ENV = "TEIA_DIRECTORY_URLS"


def directory_urls() -> bool:
    """False while the offline bundle is staged and built (pages are files: …/index.html)."""
    return os.environ.get(DIRECTORY_URLS_ENV, "true").lower() != "false"


def page_url(lang: str, md_path: str) -> str:
    """URL of a page relative to the site root: ('ru', 'practices/index.md') -> 'ru/practices/'
    ('ru/practices/index.html' in the offline bundle)."""
    stem = md_path[: -len(".md")]
    if not directory_urls():
        return prefix(lang) + stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return prefix(lang) + stem


def relative(from_lang: str, from_md: str, to_lang: str, to_md: str, anchor: str = "") -> str:
    """Relative link from one page to another (possibly in the other language)."""
    if not directory_urls():            # files: relative to the folder of the page that links
        source = posixpath.dirname(page_url(from_lang, from_md)) or "."
        return posixpath.relpath(page_url(to_lang, to_md), source) + (f"#{anchor}" if anchor else "")
    source = page_url(from_lang, from_md).rstrip("/") or "."
    target = page_url(to_lang, to_md).rstrip("/") or "."
    path = posixpath.relpath(target, source)
    path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "")


def to_file(lang: str, from_md: str, path: str) -> str:
    """Relative link from a page to a file below the same language's root (a tool's data, say):
    ('en', 'notification/form.md', 'notification/fields.json') -> '../fields.json' ('fields.json' offline)."""
    url = page_url(lang, from_md)
    folder = url.rstrip("/") if directory_urls() else posixpath.dirname(url)
    return posixpath.relpath(prefix(lang) + path, folder or ".")
