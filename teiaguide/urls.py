"""Relative URLs between pages of the built site, for links inside raw-HTML blocks of generated pages.

MkDocs rewrites `.md` links only in Markdown; links inside raw HTML (practice cards, the filterable index)
must already be final. The site uses directory URLs (MkDocs' default `use_directory_urls: true`), and the
Russian site lives under ru/, so a page `areas/prevention.md` in Russian is served at ru/areas/prevention/.
"""
from __future__ import annotations

import posixpath

from .languages import prefix


def page_url(lang: str, md_path: str) -> str:
    """URL of a page relative to the site root: ('ru', 'practices/index.md') -> 'ru/practices/'."""
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return prefix(lang) + stem


def relative(from_lang: str, from_md: str, to_lang: str, to_md: str, anchor: str = "") -> str:
    """Relative link from one page to another (possibly in the other language)."""
    source = page_url(from_lang, from_md).rstrip("/") or "."
    target = page_url(to_lang, to_md).rstrip("/") or "."
    path = posixpath.relpath(target, source)
    path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "")
