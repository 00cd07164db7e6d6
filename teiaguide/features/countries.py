"""Countries (data/countries.yml): Party status, authorities, contacts, laws; country pages and the regional
status matrix (countries/index.md, countries/<iso2>.md).

Every fact keeps its verification tag. Settled facts (`verified`, `single_source`) are stated plainly; a
fact that is still open carries one mark: a link to its entry on the Open questions page when it has
`open_question`, "not confirmed" otherwise. A status that is "unknown" says so itself and gets no mark.
Sources are keys of data/sources.yml, shown as numbered footnotes with the document's title, issuer,
symbol and date: no key reaches a page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import StringConstraints

from ..generated import Generated
from ..paths import DATA, ROOT
from ..problems import Problems
from ..records import Record, Slug, Text
from ..render import render
from ..yamlsource import dotted, line_of, load_data_file
from . import open_questions, sources as sources_feature
from ..locale import format_partial_date
from .sources import Localised

SOURCE = DATA / "countries.yml"

Verification = Literal["verified", "single_source", "UNVERIFIED", "inferred_UNVERIFIED"]
CONFIRMED = ("verified", "single_source")
Status = Literal["yes", "no", "unknown"]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Sourced(Record):
    verification: Verification
    sources: list[str] = []
    open_question: Slug | None = None       # id of the entry of data/open_questions.yml about this fact

    @property
    def confirmed(self) -> bool:
        return self.verification in CONFIRMED

    @property
    def marked(self) -> bool:
        """Whether the page flags this fact as open (an unknown status says so itself)."""
        if getattr(self, "status", None) == "unknown":
            return False
        return bool(self.open_question) or not self.confirmed


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

    def facts(self) -> Iterator[Sourced]:
        """Every sourced fact of the country's record, in page order."""
        return _facts(self)

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
    regional_notes: list[SourcedText]
    countries: list[Country]


class Countries:
    """The loaded countries, in the order of the data file."""

    def __init__(self, data: CountriesFile):
        self.by_code = {country.iso2: country for country in data.countries}
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
    if _cross_check(guide, data, tree, problems):
        guide.countries = Countries(data)


def _cross_check(guide, data: CountriesFile, tree, problems: Problems) -> bool:
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
    registry = sources_feature.registry(guide)
    if registry is not None and not registry.report_unknown(_fields(tree, "sources"), tree, SOURCE, problems):
        valid = False
    questions = open_questions.entries(guide)
    if questions is not None:
        for loc, question in _fields(tree, "open_question"):
            if question not in questions:
                problems.add(SOURCE, line_of(tree, loc), dotted(loc),
                             f"unknown open question '{question}'; known: {', '.join(questions)}",
                             f"неизвестный открытый вопрос '{question}'; допустимо: {', '.join(questions)}")
                valid = False
    return valid


def _fields(node, name: str, loc=()) -> Iterator[tuple[tuple, str]]:
    """Every (location, value) of the field `name` in the tree; a list's items one by one."""
    if hasattr(node, "items"):
        for key, value in node.items():
            if key == name and isinstance(value, list):
                for index, item in enumerate(value):
                    yield (*loc, key, index), item
            elif key == name and isinstance(value, str):
                yield (*loc, key), value
            else:
                yield from _fields(value, name, (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _fields(item, name, (*loc, index))


# --- pages ---------------------------------------------------------------------------------------------


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


_STATUS_ROWS = ("competent_authority", "focal_point", "ian_point_of_contact", "self_assessment", "action_plan")


def _footnotes(guide, lang: str, page: str, records: list, extra: tuple[str, ...] = ()) -> dict:
    """Numbered footnotes of a page, in the order of first citation (`extra`: keys cited before the
    records, e.g. under the status table): which number each key gets, and what each note says."""
    keys = list(extra) + [key for key in _used_sources(*records) if key not in extra]
    t = lambda key: guide.t(key, lang)  # noqa: E731
    registry = sources_feature.registry(guide)
    return {"note_of": {key: number for number, key in enumerate(keys, 1)},
            "notes": [registry.cite(key, lang) for key in keys],
            "question_href": lambda question: open_questions.link(page, question)}


def generate(guide, lang: str) -> Iterator[Generated]:
    from .practices import practice_item      # practices come after countries in the loading order
    from .self_assessment import country_section

    countries = guide.countries
    central_asia = countries.central_asia
    t = lambda key: guide.t(key, lang)  # noqa: E731
    context = {
        "lang": lang, "t": t, "fmt_date": lambda value: format_partial_date(value, lang) if value is not None else None,
        "source_file": SOURCE.relative_to(ROOT).as_posix(),
        "central_asia": central_asia, "donors": [c for c in countries if c.group == "donor"],
    }
    index = "countries/index.md"
    yield Generated(index, render(
        "countries/index.md.j2", **context, rows=list(central_asia[0].matrix()),
        regional_notes=countries.regional_notes,
        # the matrix cites the Almaty conclusions once, under the table, before the regional notes
        **_footnotes(guide, lang, index, countries.regional_notes, extra=("almaty_2018_conclusions",))),
        records=[*countries, countries.regional_notes])
    for country in countries:
        items = [practice_item(guide, practice, lang, country.page)
                 for practice in (guide.practices or []) if practice.country == country.iso2]
        yield Generated(country.page, render(
            "countries/country.md.j2", **context, country=country, practices=items,
            sa=country_section(guide, country.iso2, lang),
            marked=any(fact.marked for fact in _facts(country)),
            # numbered in the order the page shows the facts: status table, authorities, laws, notes
            **_footnotes(guide, lang, country.page, [
                country.party, *(country.matrix()[row] for row in _STATUS_ROWS), country.authorities,
                country.key_laws, country.notes])),
            records=country)
