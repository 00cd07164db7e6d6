"""A generated file: a path under docs/<lang>/ of the staged docs and its content."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Generated:
    path: str               # relative to docs/<lang>/, with forward slashes, e.g. "glossary/index.md"
    content: str | bytes
