"""Problems found in the sources, reported as `path:line: field: message` in English and Russian.

Every loader collects problems instead of stopping at the first one, so that a contributor sees all of
them at once; the build stops before writing anything when there is at least one.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .paths import ROOT


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int | None
    field: str
    en: str
    ru: str

    def location(self) -> str:
        # the path as it appears in the tree: never resolved, so a symbolic link is named, not its target
        absolute = Path(os.path.abspath(self.path))
        shown = absolute.relative_to(ROOT) if absolute.is_relative_to(ROOT) else self.path
        return f"{shown}:{self.line}" if self.line else str(shown)

    def format(self) -> str:
        """One problem, two lines: English first, then the same in Russian."""
        where = self.location()
        field_part = f" {self.field}:" if self.field else ""
        return f"{where}:{field_part} {self.en}\n{where}:{field_part} {self.ru}"


BUILD_STOPPED = ("{count} problem(s) in the sources; nothing was built.",
                 "Найдено проблем в исходных файлах: {count}; сборка не выполнена.")


@dataclass
class Problems:
    """A bag of problems shared by all loaders of one run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int | None, field_name: str, en: str, ru: str) -> None:
        self.items.append(Problem(Path(path), line, field_name, en, ru))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self, header: tuple[str, str] = BUILD_STOPPED) -> str:
        """Every problem once, by file and line, under `header` (English, Russian; `{count}` filled in)."""
        lines = [p.format() for p in sorted(set(self.items), key=lambda p: (str(p.path), p.line or 0, p.field))]
        return "\n".join(text.format(count=len(lines)) for text in header) + "\n\n" + "\n".join(lines)


class SourceError(Exception):
    """Raised when the sources have problems; carries all of them."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())
