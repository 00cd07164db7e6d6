"""Terminology (data/terminology.yml): one form per term of the Convention and per body, and the variants
the guide does not use. Validated here like all data; tests/test_terminology.py checks the built pages
against it, and CONTRIBUTING.md / CONTRIBUTING.ru.md explain it as the style sheet.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import field_validator

from ..generated import Generated
from ..languages import LANGUAGES
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text
from ..yamlsource import BilingualError, line_of, load_data_file

SOURCE = DATA / "terminology.yml"


class Term(Record):
    id: Slug
    preferred: Text
    basis: Text
    variants: dict[str, list[NonEmpty]] = {}

    @field_validator("variants")
    @classmethod
    def _known_languages_and_valid_expressions(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, patterns in value.items():
            if lang not in LANGUAGES:
                raise BilingualError(f"unknown language '{lang}'; use one of: {', '.join(LANGUAGES)}",
                                     f"неизвестный язык '{lang}'; допустимо: {', '.join(LANGUAGES)}")
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as err:
                    raise BilingualError(f"'{pattern}' is not a valid regular expression ({err})",
                                         f"'{pattern}' — недопустимое регулярное выражение ({err})") from None
        return value

    def variant_patterns(self, lang: str) -> list[re.Pattern]:
        return [re.compile(pattern, re.IGNORECASE) for pattern in self.variants.get(lang, [])]


class TerminologyFile(Record):
    terms: list[Term]


def load(guide, problems: Problems) -> None:
    loaded = load_data_file(SOURCE, TerminologyFile, problems)
    if loaded is None:
        return
    tree, data = loaded
    seen: set[str] = set()
    for index, term in enumerate(data.terms):
        if term.id in seen:
            problems.add(SOURCE, line_of(tree, ("terms", index, "id")), f"terms[{index}].id",
                         f"duplicate id '{term.id}'", f"идентификатор '{term.id}' повторяется")
        seen.add(term.id)
    guide.extra["terminology"] = data.terms


def generate(guide, lang: str) -> Iterator[Generated]:
    return iter(())
