"""Annex I data (data/annex1.yml) and the identification calculator page generated from it.

load() validates the file into records (positive thresholds, unique ids, CAS numbers with a correct
check digit, both languages, known verification tags and sources) and reports every problem with its
line; also the synonyms a reader may type for a substance and the units of quantity the calculator
understands. generate() writes, per language, calculator/index.md (the page: without JavaScript the full
Annex I tables; with it, the calculator) and calculator/annex1.json (the data the browser script reads).
The threshold rules and the substance search live in teiaguide/annex1_logic.py.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

from .. import annex1_logic as logic
from ..browser_data import data_files
from ..generated import Generated
from ..languages import LANGUAGES
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text
from ..render import render
from ..urls import relative
from ..yamlsource import BilingualError, line_of, load_data_file

SOURCE = DATA / "annex1.yml"
PAGE = "calculator/index.md"
DATA_FILE = "calculator/annex1.json"
# localStorage keys of the browser tools (read by calculator.js and notification-form.js from the JSON
# they load): the result carried over to the notification form, and the calculator's autosave.
RESULT_KEY = "teia.calculator.result"
AUTOSAVE_KEY = "teia.calculator.v1"
# What the calculator accepts from a reader or a saved state, so that a pasted book cannot freeze a tab.
LIMITS = {"rows": 200, "quantity_chars": 40, "name_chars": 200, "max_tonnes": 1e9}
SYNONYM_CHARS = 100


def _check_cas(value: str) -> str:
    """A CAS Registry Number: 2-7 digits, 2 digits, 1 check digit that matches the others."""
    match = re.fullmatch(r"(\d{2,7})-(\d{2})-(\d)", value)
    if not match:
        raise BilingualError(f"'{value}' is not a CAS number (format 1234-56-7)",
                             f"«{value}» - не номер CAS (формат 1234-56-7)")
    digits = (match.group(1) + match.group(2))[::-1]
    if sum((index + 1) * int(digit) for index, digit in enumerate(digits)) % 10 != int(match.group(3)):
        raise BilingualError(f"CAS number '{value}' has a wrong check digit (typing error?)",
                             f"у номера CAS «{value}» неверная контрольная цифра (опечатка?)")
    return value


def _check_tag(value: str) -> str:
    if value not in logic.KNOWN_TAGS:
        known = ", ".join(logic.KNOWN_TAGS)
        raise BilingualError(f"unknown verification tag '{value}'; known: {known}",
                             f"неизвестная отметка проверки «{value}»; допустимо: {known}")
    return value


Cas = Annotated[str, AfterValidator(_check_cas)]
Tag = Annotated[str, AfterValidator(_check_tag)]
Tonnes = Annotated[float, Field(gt=0)]


class Entry(Record):
    id: Slug
    no: NonEmpty | None = None              # number in the Annex, where known ("19?" = position uncertain)
    label: Text
    threshold_t: Tonnes
    verification: Tag
    sources: list[NonEmpty] = []
    note: Text | None = None


class Category(Entry):
    seveso_code: NonEmpty | None = None     # Seveso III code, for mapping only (the Convention numbers entries)
    presence_verification: Tag | None = None  # whether the entry is in the Convention at all, when in doubt


class Substance(Entry):
    cas: list[Cas] = []
    listed: NonEmpty | None = None          # carried_over_from_v2008 | probable_new (2015 list)


def _check_languages(value: dict[str, list[str]]) -> dict[str, list[str]]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise BilingualError(f"unknown language(s) {', '.join(unknown)}; known: {', '.join(LANGUAGES)}",
                             f"неизвестные языки: {', '.join(unknown)}; допустимо: {', '.join(LANGUAGES)}")
    return value


Synonym = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SYNONYM_CHARS)]
# other names of one substance, per language: {en: [ammonia, NH3], ru: [аммиак]}
SynonymsByLanguage = Annotated[dict[str, list[Synonym]], AfterValidator(_check_languages)]


class Unit(Record):
    """A unit of quantity a reader may type after the number ("25 т", "800 kg"), with its names."""

    factor_t: Tonnes                        # tonnes per unit
    names: SynonymsByLanguage


class Version(Record):
    id: Annotated[str, Field(pattern=r"^v\d{4}$")]
    year: int
    current: bool
    label: Text
    adopted_by: Text
    in_force: dt.date
    categories: Annotated[list[Category], Field(min_length=1)]
    substances: Annotated[list[Substance], Field(min_length=1)]

    def entries(self) -> Iterator[tuple[str, int, Entry]]:
        for kind, items in (("categories", self.categories), ("substances", self.substances)):
            for index, item in enumerate(items):
                yield kind, index, item

    def table(self, synonyms: dict[str, SynonymsByLanguage] | None = None) -> logic.Table:
        def entry(item: Entry, part: int) -> logic.Entry:
            other_names = (synonyms or {}).get(item.id, {})
            return logic.Entry(item.id, part, item.threshold_t, item.verification,
                               tuple(item.label(lang) for lang in LANGUAGES),
                               tuple(name for lang in LANGUAGES for name in other_names.get(lang, ())),
                               tuple(getattr(item, "cas", ())), getattr(item, "presence_verification", None))

        return logic.Table(self.id, {c.id: entry(c, 1) for c in self.categories},
                           {s.id: entry(s, 2) for s in self.substances})


class Annex1(Record):
    reviewed: dt.date
    default_version: NonEmpty
    versions: Annotated[list[Version], Field(min_length=1)]
    synonyms: dict[NonEmpty, SynonymsByLanguage] = {}
    units: Annotated[list[Unit], Field(min_length=1)]
    sources: dict[NonEmpty, Text]

    def version(self, version_id: str) -> Version:
        return next(version for version in self.versions if version.id == version_id)

    def table(self, version_id: str) -> logic.Table:
        return self.version(version_id).table(self.synonyms)


def load(guide, problems: Problems, source=None) -> None:
    """Read and check data/annex1.yml into guide.annex1 (None when it has problems)."""
    path = source or SOURCE
    loaded = load_data_file(path, Annex1, problems)
    if loaded is None:
        return
    tree, data = loaded
    before = len(problems)
    _cross_check(data, tree, path, problems)
    guide.annex1 = data if len(problems) == before else None


def _cross_check(data: Annex1, tree: Any, path, problems: Problems) -> None:
    """Checks across records: unique ids, known sources, one current version, a valid default."""
    def add(loc: tuple, en: str, ru: str) -> None:
        field = ".".join(str(part) if not isinstance(part, int) else f"[{part}]" for part in loc).replace(".[", "[")
        problems.add(path, line_of(tree, loc), field, en, ru)

    version_ids = [version.id for version in data.versions]
    for v_index, version in enumerate(data.versions):
        if version_ids.index(version.id) != v_index:
            add(("versions", v_index, "id"), f"duplicate version id '{version.id}'",
                f"повторяющийся идентификатор редакции «{version.id}»")
        seen: dict[str, str] = {}
        for kind, index, entry in version.entries():
            loc = ("versions", v_index, kind, index)
            if entry.id in seen:
                add(loc + ("id",), f"duplicate id '{entry.id}' in version {version.id} (also in {seen[entry.id]})",
                    f"повторяющийся идентификатор «{entry.id}» в редакции {version.id} (уже есть в {seen[entry.id]})")
            seen.setdefault(entry.id, kind)
            for s_index, key in enumerate(entry.sources):
                if key not in data.sources:
                    add(loc + ("sources", s_index), f"unknown source '{key}'; add it to the sources list at the end",
                        f"неизвестный источник «{key}»; добавьте его в список sources в конце файла")
            if entry.verification in logic.SETTLED_TAGS and not entry.sources:
                add(loc + ("verification",), f"a '{entry.verification}' value needs at least one source",
                    f"для значения с отметкой «{entry.verification}» нужен хотя бы один источник")
    substance_ids = {item.id for version in data.versions for item in version.substances}
    for key in data.synonyms:
        if key not in substance_ids:
            add(("synonyms", key), f"'{key}' is not the id of a named substance in any version",
                f"«{key}» - не идентификатор поименованного вещества ни в одной редакции")
    unit_names: dict[str, int] = {}
    for u_index, unit in enumerate(data.units):
        for lang, names in unit.names.items():
            for n_index, name in enumerate(names):
                key = logic.normalise(name)
                if key in unit_names and unit_names[key] != u_index:
                    add(("units", u_index, "names", lang, n_index), f"the unit name '{name}' is given to two units",
                        f"название единицы «{name}» дано двум единицам")
                unit_names[key] = u_index
    if data.default_version not in version_ids:
        add(("default_version",), f"unknown version '{data.default_version}'; known: {', '.join(version_ids)}",
            f"неизвестная редакция «{data.default_version}»; допустимо: {', '.join(version_ids)}")
    if sum(version.current for version in data.versions) != 1:
        add(("versions",), "exactly one version must be marked current: true",
            "ровно одна редакция должна иметь отметку current: true")


# --- generation --------------------------------------------------------------------------------------

def browser_data(annex: Annex1, ui: dict[str, str], lang: str) -> dict:
    """What calculator.js reads: every version with every language's names (search works in any), the
    synonyms, the units, the rules' settings and the page language's interface strings."""
    def entry(item: Entry, version: Version) -> dict:
        out = {"id": item.id, "no": item.no, "label": {code: item.label(code) for code in LANGUAGES},
               "threshold_t": item.threshold_t, "verification": item.verification}
        if isinstance(item, Substance):
            out["cas"] = item.cas
            labels = [item.label(code) for code in LANGUAGES]
            out["options"] = dict(zip(LANGUAGES, logic.option_texts(labels, item.cas)))
            names = annex.synonyms.get(item.id, {})
            out["synonyms"] = [name for code in LANGUAGES for name in names.get(code, ())]
        if isinstance(item, Category) and item.presence_verification:
            out["presence_verification"] = item.presence_verification
        return out

    versions = []
    for version in annex.versions:
        versions.append({
            "id": version.id, "year": version.year, "current": version.current, "label": version.label(lang),
            "categories": [entry(item, version) for item in version.categories],
            "substances": [entry(item, version) for item in version.substances],
        })
    return {
        "lang": lang,
        "default_version": annex.default_version,
        "settled_tags": sorted(logic.SETTLED_TAGS),
        "aligned_tags": sorted(logic.ALIGNED_TAGS),
        "rule_verification": logic.RULE_VERIFICATION,
        "units": [{"factor_t": unit.factor_t, "names": [name for code in LANGUAGES for name in unit.names.get(code, ())]}
                  for unit in annex.units],
        "limits": LIMITS,
        "storage": {"result": RESULT_KEY, "autosave": f"{AUTOSAVE_KEY}.{lang}"},
        "versions": versions,
        "ui": {key: text for key, text in ui.items() if key.startswith(("calc_", "verification_", "tools_"))},
    }


def generate(guide, lang: str) -> Iterator[Generated]:
    annex: Annex1 | None = guide.annex1
    if annex is None:
        return
    ui = guide.ui.for_lang(lang)
    default = annex.version(annex.default_version)
    yield from data_files(DATA_FILE, browser_data(annex, ui, lang), separators=(",", ":"))   # JSON + .data.js
    yield Generated(PAGE, records=annex, content=render(
        "calculator/index.md.j2", lang=lang, ui=ui, annex=annex, default=default,
        form_url=relative(lang, PAGE, lang, "notification/form.md"),
        others=[version for version in annex.versions if version.id != default.id],
        sources=annex.sources, tonnes=lambda value: format_tonnes(value, ui["tools_decimal_sign"]),
        mark=lambda item: verification_mark(item, ui),
        aligned=any(item.verification in logic.ALIGNED_TAGS for version in annex.versions for _, _, item in version.entries()),
    ))


def format_tonnes(value: float, decimal_sign: str) -> str:
    """12500.0 -> '12 500' (narrow no-break space grouping, as every language of the guide prints it);
    0.75 -> '0.75' or '0,75' with the page language's decimal sign (data/ui.yml, tools_decimal_sign)."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".").replace(",", "\u202f")
    return text.replace(".", decimal_sign)


def verification_mark(item: Entry, ui: dict[str, str]) -> str:
    """The basis shown next to a value. Only a real doubt (a value inferred, or an entry the Convention
    may not have) gets a warning sign; values resting on the full-alignment statement are explained once,
    in the note above the tables."""
    label = ui[f"verification_{item.verification}"]
    if item.verification not in logic.FIRM_TAGS:
        return f"⚠ {label}"
    presence = getattr(item, "presence_verification", None)
    if presence and presence not in logic.SETTLED_TAGS:
        return f"{label}; ⚠ {ui['calc_presence_unverified']}"
    return label
