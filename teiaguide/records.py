"""Typed records shared by several parts of the guide. Feature-specific records live with their feature."""
from __future__ import annotations

from typing import Annotated, Any

from typing_extensions import NotRequired, Required, TypedDict

from pydantic import BaseModel, ConfigDict, RootModel, StringConstraints, model_serializer, with_config

from .languages import COMPLETE, DEFAULT, LANGUAGES, chain

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Record(BaseModel):
    """Strict base: unknown keys are errors (a typo in a key must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A translated string (a Text, a quiz option) holds one string per configured language, under the language's
# key: required in the languages kept complete (languages.COMPLETE, the default among them), optional in
# the others. Another key is an error of its line ("unknown field"), like any misspelt key.
REQUIRED = {code: code in COMPLETE for code in LANGUAGES}


def language_fields() -> dict[str, Any]:
    """The language keys as fields of a record that has other fields too (a quiz option)."""
    return {code: (NonEmpty, ...) if required else (NonEmpty | None, None) for code, required in REQUIRED.items()}


class Translated:
    """One string per language, read in a language along its fallback chain (languages.chain);
    `missing(lang)` says that the language has none of its own (for the "translation pending" banner)."""

    def strings(self) -> dict[str, str | None]:
        raise NotImplementedError

    def __call__(self, lang: str) -> str:
        strings = self.strings()
        return strings.get(lang) or next(strings[code] for code in chain(lang) if strings.get(code))

    def missing(self, lang: str) -> bool:
        return not self.strings().get(lang)


# the language keys as a mapping of their own (a Text)
_TextFields = with_config(ConfigDict(extra="forbid"))(TypedDict("_TextFields", {
    code: Required[NonEmpty] if required else NotRequired[NonEmpty] for code, required in REQUIRED.items()}))


class Text(Translated, RootModel[_TextFields]):
    """A visible string: a mapping of language to string (`{en: "…", ru: "…"}` in the data)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    def strings(self) -> dict[str, str]:
        return self.root

    @model_serializer
    def _every_language(self) -> dict[str, str]:
        """Dumped for a browser tool (the notification form's fields.json): a string in every configured
        language, a missing one from its fallback chain, as the pages show it."""
        return {code: self(code) for code in LANGUAGES}

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.root[DEFAULT]


def falls_back(value: Any, lang: str) -> bool:
    """Whether any text in `value` (a record, a list, tuple or dict of them, nested) lacks `lang`."""
    if lang in COMPLETE:
        return False                # validation required every text in that language
    if isinstance(value, Translated):
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

