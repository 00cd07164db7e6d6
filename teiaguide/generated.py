"""A generated file: a path under docs/<lang>/ of the staged docs and its content."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .yamlsource import split_front_matter


@dataclass(frozen=True)
class Generated:
    path: str               # relative to docs/<lang>/, with forward slashes, e.g. "glossary/index.md"
    content: str | bytes
    # None for a file that is not a generated page (a hand-written page, a data file for the browser);
    # for a generated page, the records it shows (data/ records, lists of them; () for none): when a text
    # among them or among the interface strings lacks the page's language, its translation is pending
    # (stage.py adds the marker of the banner).
    records: Any = None


def translation_pending(page: str, original: str) -> str:
    """A page's Markdown with the front-matter marker that the theme turns into the "translation pending"
    banner, linking to the page in `original` (overrides/main.html)."""
    front, body, _ = split_front_matter(page)
    if front and re.search(r"^translation_of:", front, re.M):
        return page                     # marked already (e.g. a page shown from another language's file)
    return f"---\n{front or ''}translation_of: {original}\n---\n{body}"
