"""The whole guide as typed records: what every generator and hook works from.

`load_guide()` runs every feature's loader, collects all problems (so a contributor sees all of them at
once) and raises SourceError if there is any. Nothing is written before that point.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import Problems, SourceError


@dataclass
class Guide:
    """Filled by the feature loaders (teiaguide/features/*); each feature owns its attribute."""

    ui: Any = None              # features.ui: UI strings
    areas: Any = None           # features.areas: the six working areas
    pages: Any = None           # features.pages: hand-written pages and their front matter
    glossary: Any = None        # features.glossary
    countries: Any = None       # features.countries
    practices: Any = None       # features.practices
    annex1: Any = None          # features.calculator
    notification: Any = None    # features.notification
    quiz: Any = None            # features.quiz
    extra: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, lang: str) -> str:
        return self.ui.get(key, lang)


def load_guide() -> Guide:
    from .features import FEATURES

    guide = Guide()
    problems = Problems()
    for feature in FEATURES:
        feature.load(guide, problems)
    if problems:
        raise SourceError(problems)
    return guide
