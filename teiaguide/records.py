"""Typed records shared by several parts of the guide. Feature-specific records live with their feature."""
from __future__ import annotations

from typing import Annotated, Any

from typing_extensions import NotRequired, Required, TypedDict

from pydantic import BaseModel, ConfigDict, RootModel, StringConstraints, with_config

from .languages import COMPLETE, DEFAULT, LANGUAGES, chain

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Record(BaseModel):
    """Strict base: unknown keys are errors (a typo in a key must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# The strings of a Text as pydantic checks them: one key per configured language, required in the
# languages kept complete (languages.COMPLETE, the default among them), optional in the others; another
# key is an error of its line ("unknown field"), like any misspelt key.
_TextFields = with_config(ConfigDict(extra="forbid"))(TypedDict("_TextFields", {
    code: Required[NonEmpty] if code in COMPLETE else NotRequired[NonEmpty] for code in LANGUAGES}))


class Text(RootModel[_TextFields]):
    """A visible string, one per language: a language without its own falls back along its configured
    chain (languages.chain), and `missing(lang)` says so, for the "translation pending" banner."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    def __call__(self, lang: str) -> str:
        return next(self.root[code] for code in chain(lang) if code in self.root)

    def missing(self, lang: str) -> bool:
        return lang not in self.root

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.root[DEFAULT]


def falls_back(value: Any, lang: str) -> bool:
    """Whether any text in `value` (a record, a list, tuple or dict of them, nested) lacks `lang`."""
    if isinstance(value, Text):
        return value.missing(lang)
    if isinstance(value, BaseModel):
        return any(falls_back(getattr(value, name), lang) for name in type(value).model_fields)
    if isinstance(value, dict):
        return any(falls_back(item, lang) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(falls_back(item, lang) for item in value)
    return False


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

