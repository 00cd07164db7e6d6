"""The "For contributors" page (contributors/index.md): what maintainers need, kept off the reader's pages.

Readers' pages say nothing about pull requests, commands or files; this page, in its own navigation
section at the end (with the translation status), does: how to propose a practice, the style sheet,
the commands that check and build the guide, and the notification generator.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..generated import Generated
from ..problems import Problems
from ..render import render
from . import status

PAGE = "contributors/index.md"
GENERATED_FROM = "CONTRIBUTING.md"


def load(guide, problems: Problems) -> None:
    """Nothing to read: the page is made of interface strings."""


def generate(guide, lang: str) -> Iterator[Generated]:
    yield Generated(PAGE, render("contributors.md.j2", t=lambda key: guide.t(key, lang),
                                 generated_from=GENERATED_FROM, status_page="../" + status.PAGE), records=())
