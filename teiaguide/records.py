"""Typed records shared by several parts of the guide. Feature-specific records live with their feature."""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from .languages import LANGUAGES

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Record(BaseModel):
    """Strict base: unknown keys are errors (a typo in a key must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Record):
    """A visible string in both languages."""

    en: NonEmpty
    ru: NonEmpty

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.en


class WorkingArea(Record):
    id: Slug
    number: int
    title: Text
    short: Text
    articles: list[str]
    annexes: list[str]
    indicators: list[Text]
    indicators_verification: str
    title_ru_verification: str


class WorkingAreas(Record):
    working_areas: list[WorkingArea]


assert LANGUAGES == ("en", "ru"), "Text has one field per language: update it with LANGUAGES"
