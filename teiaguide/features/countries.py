"""Countries (data/countries.yml): Party status, authorities, contacts, laws; country pages and the regional
status matrix (countries/index.md, countries/<iso2>.md).

Every fact keeps its verification tag; the pages show facts that are not `verified`/`single_source`
with a "not confirmed" mark and explain it, so that nothing reported only second-hand reads as settled.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BeforeValidator, StringConstraints

from ..generated import Generated
from ..languages import LANGUAGES
from ..paths import DATA, ROOT
from ..problems import Problems
from ..records import Record, Text
from ..render import render
from ..yamlsource import dotted, line_of, load_data_file

SOURCE = DATA / "countries.yml"

Verification = Literal["verified", "single_source", "from_brief", "UNVERIFIED", "inferred_UNVERIFIED"]
CONFIRMED = ("verified", "single_source")
Status = Literal["yes", "no", "unknown"]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


def _same_in_both(value):
    """A document number is usually written the same in both languages: `number: "864"` is {en, ru}."""
    return {lang: value for lang in LANGUAGES} if isinstance(value, (str, int)) else value


Localised = Annotated[Text, BeforeValidator(_same_in_both)]


class Sourced(Record):
    verification: Verification
    sources: list[str] = []

    @property
    def confirmed(self) -> bool:
        return self.verification in CONFIRMED


class StatusFact(Sourced):
    """A yes/no/unknown fact of the status matrix."""

    status: Status
    note: Text | None = None


class SourcedText(Sourced):
    text: Text


class PartyDate(Sourced):
    event: Literal["signed", "deposited", "in_force"]
    date: dt.date


class PartyStatus(StatusFact):
    instrument: Text | None = None
    dates: list[PartyDate] = []
    national_act: SourcedText | None = None
    as_of: Text | None = None


class Authority(Sourced):
    name: Text
    note: Text | None = None


class Law(Sourced):
    title: Text
    number: Localised | None = None
    date: dt.date | None = None
    year: int | None = None
    date_note: Text | None = None
    note: Text | None = None

    @property
    def shown_year(self) -> int | None:
        return self.date.year if self.date else self.year


class Country(Record):
    iso2: CountryCode
    group: Literal["central_asia", "donor"]
    name: Text
    official_name: Text
    role: Text | None = None
    party: PartyStatus
    competent_authority: StatusFact
    authorities: list[Authority]
    focal_point: StatusFact
    ian_point_of_contact: StatusFact
    self_assessment: StatusFact | None = None
    action_plan: StatusFact | None = None
    key_laws: list[Law]
    notes: list[SourcedText] = []

    @property
    def slug(self) -> str:
        return self.iso2.lower()

    @property
    def page(self) -> str:
        return f"countries/{self.slug}.md"

    def matrix(self) -> dict[str, StatusFact | Law | None]:
        """The rows of the regional status matrix, in order."""
        return {
            "party": self.party,
            "competent_authority": self.competent_authority,
            "focal_point": self.focal_point,
            "ian_point_of_contact": self.ian_point_of_contact,
            "self_assessment": self.self_assessment,
            "action_plan": self.action_plan,
            "key_law": self.key_laws[0] if self.key_laws else None,
        }


class CountriesFile(Record):
    sources: dict[str, str | None]
    regional_notes: list[SourcedText]
    countries: list[Country]


class Countries:
    """The loaded countries, in the order of the data file, and the source addresses."""

    def __init__(self, data: CountriesFile):
        self.by_code = {country.iso2: country for country in data.countries}
        self.sources = data.sources
        self.regional_notes = data.regional_notes

    def __iter__(self):
        return iter(self.by_code.values())

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def __getitem__(self, code: str) -> Country:
        return self.by_code[code]

    @property
    def central_asia(self) -> list[Country]:
        return [country for country in self if country.group == "central_asia"]

    def order(self, code: str) -> int:
        return list(self.by_code).index(code)


def load(guide, problems: Problems) -> None:
    loaded = load_data_file(SOURCE, CountriesFile, problems)
    if loaded is None:
        return
    tree, data = loaded
    if _cross_check(data, tree, problems):
        guide.countries = Countries(data)


def _cross_check(data: CountriesFile, tree, problems: Problems) -> bool:
    valid = True
    seen: set[str] = set()
    for index, country in enumerate(data.countries):
        if country.iso2 in seen:
            problems.add(SOURCE, line_of(tree, ("countries", index, "iso2")), f"countries[{index}].iso2",
                         f"duplicate country '{country.iso2}'", f"страна '{country.iso2}' указана дважды")
            valid = False
        seen.add(country.iso2)
        if country.group == "central_asia" and (country.self_assessment is None or country.action_plan is None):
            problems.add(SOURCE, line_of(tree, ("countries", index, "iso2")), f"countries[{index}]",
                         "a Central Asian country needs self_assessment and action_plan (the status matrix shows them)",
                         "для страны Центральной Азии нужны self_assessment и action_plan (они показаны в сводной таблице)")
            valid = False
    for loc, key in _source_keys(tree):
        if key not in data.sources:
            problems.add(SOURCE, line_of(tree, loc), dotted(loc),
                         f"unknown source key '{key}': add it to `sources:` at the top of the file",
                         f"неизвестный ключ источника '{key}': добавьте его в `sources:` в начале файла")
            valid = False
    return valid


def _source_keys(node, loc=()) -> Iterator[tuple[tuple, str]]:
    """Every (location, key) of a `sources:` list in the countries part of the tree."""
    if hasattr(node, "items"):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                for index, item in enumerate(value):
                    yield (*loc, key, index), item
            elif not (loc == () and key == "sources"):
                yield from _source_keys(value, (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _source_keys(item, (*loc, index))


# --- pages ---------------------------------------------------------------------------------------------

_MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")


def format_date(value: dt.date, lang: str) -> str:
    if lang == "ru":
        return f"{value.day} {_MONTHS_RU[value.month - 1]} {value.year} г."
    return value.strftime("%-d %B %Y")


def _facts(*records) -> Iterator[Sourced]:
    """Every sourced fact inside the given records (depth first, in page order)."""
    for record in records:
        if isinstance(record, Sourced):
            yield record
        if isinstance(record, Record):
            for name in type(record).model_fields:
                yield from _facts(getattr(record, name))
        elif isinstance(record, list):
            yield from _facts(*record)


def _used_sources(*records) -> list[str]:
    keys: list[str] = []
    for fact in _facts(*records):
        keys.extend(key for key in fact.sources if key not in keys)
    return keys


def generate(guide, lang: str) -> Iterator[Generated]:
    from .practices import practice_item      # practices come after countries in the loading order
    from .self_assessment import country_section

    countries = guide.countries
    central_asia = countries.central_asia
    context = {
        "lang": lang, "t": lambda key: guide.t(key, lang), "sources": countries.sources,
        "fmt_date": lambda value: format_date(value, lang), "source_file": SOURCE.relative_to(ROOT).as_posix(),
        "central_asia": central_asia, "donors": [c for c in countries if c.group == "donor"],
    }
    yield Generated("countries/index.md", render(
        "countries/index.md.j2", **context, rows=list(central_asia[0].matrix()),
        regional_notes=countries.regional_notes, used_sources=_used_sources(countries.regional_notes)))
    for country in countries:
        items = [practice_item(guide, practice, lang, country.page)
                 for practice in (guide.practices or []) if practice.country == country.iso2]
        facts = list(_facts(country))
        yield Generated(country.page, render(
            "countries/country.md.j2", **context, country=country, practices=items,
            sa=country_section(guide, country.iso2, lang),
            used_sources=_used_sources(country),
            unconfirmed=any(not fact.confirmed for fact in facts),
            from_brief=any(fact.verification == "from_brief" for fact in facts)))
