"""Downloads page (downloads/index.md): the guide PDF and the workshop pack, per language.

The files, their sizes and dates exist only after the HTML is built (they are made from it), so the
page is generated with a placeholder box; the build step "pdf" (teiaguide/pack.py) replaces that box in
the built page with the table of files it has just written. A site built with --html-only keeps the
placeholder, which says how to make the files.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..generated import Generated
from ..problems import Problems
from ..render import render

PAGE = "downloads/index.md"
GENERATED_FROM = "teiaguide/pack.py"


def load(guide, problems: Problems) -> None:
    """Nothing to read: the page lists files the build makes."""


def generate(guide, lang: str) -> Iterator[Generated]:
    yield Generated(PAGE, render("downloads.md.j2", ui=guide.ui.for_lang(lang), generated_from=GENERATED_FROM), records=())
