"""Sources (data/sources.yml): the documents the guide cites, as a reader needs them.

Data files and the pages' `based_on` refer to documents by a short key (`unece_news_ca_2018`) or, on the
pages, by an official symbol (`ECE/CP.TEIA/2010/6`). The key is for editors only: every footnote, list of
sources and "Based on" box shows the document's title, issuer, symbol and date, linked to its address
(templates/sources/_cite.j2). An unknown key is a problem reported on its line, in both languages.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints

from ..languages import LANGUAGES
from ..locale import format_partial_date
from ..paths import DATA
from ..problems import Problems
from ..records import Record, Text
from ..yamlsource import dotted, line_of, load_data_file

SOURCE = DATA / "sources.yml"

SourceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")]
Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


def same_in_every_language(value: Any) -> Any:
    """A text that is the same in every language (a Russian law's own title, a document number) may be
    written once: `title: "Закон ..."` stands for {en: "Закон ...", ru: "Закон ..."}."""
    return {lang: str(value) for lang in LANGUAGES} if isinstance(value, (str, int)) else value


Localised = Annotated[Text, BeforeValidator(same_in_every_language)]


class Source(Record):
    title: Localised
    issuer: Localised
    date: dt.date | Month | int | None = None
    symbol: Localised | None = None
    url: WebAddress | None = None


class SourcesFile(Record):
    sources: dict[SourceKey, Source]


class Registry:
    """The cited documents by key; a page may also name one by its symbol."""

    def __init__(self, data: SourcesFile):
        self.by_key = data.sources
        self.by_symbol = {source.symbol(lang): key for key, source in data.sources.items() if source.symbol
                          for lang in LANGUAGES}

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def resolve(self, reference: str) -> str | None:
        """The key of a document named by its key or its symbol; None if unknown."""
        return reference if reference in self.by_key else self.by_symbol.get(reference)

    def cite(self, key: str, lang: str) -> dict:
        """What a reader sees of one source (the template sources/_cite.j2 lays it out)."""
        source = self.by_key[key]
        return {
            "title": source.title(lang),
            "issuer": source.issuer(lang),
            "symbol": source.symbol(lang) if source.symbol else None,
            "date": format_partial_date(source.date, lang) if source.date is not None else None,
            "url": source.url,
        }

    def report_unknown(self, keys: Iterable[tuple[tuple, str]], tree, path: Path, problems: Problems) -> bool:
        """Report every (location in `tree`, key) whose key is not in the registry; True if all are known."""
        known = True
        for loc, key in keys:
            if key not in self.by_key:
                problems.add(path, line_of(tree, loc), dotted(loc),
                             f"unknown source '{key}': add it to data/sources.yml (title, issuer, date, symbol, url)",
                             f"неизвестный источник '{key}': добавьте его в data/sources.yml (title, issuer, date, symbol, url)")
                known = False
        return known


def registry(guide) -> Registry | None:
    """The loaded registry, or None if data/sources.yml did not load (its problems are reported)."""
    return guide.extra.get("sources")


def load(guide, problems: Problems) -> None:
    loaded = load_data_file(SOURCE, SourcesFile, problems)
    if loaded is not None:
        guide.extra["sources"] = Registry(loaded[1])


def generate(guide, lang: str):
    return iter(())
