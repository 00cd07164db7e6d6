"""Annex I data (data/annex1.yml) and the identification calculator page generated from it.

load() validates the file into records (positive thresholds, unique ids, CAS numbers with a correct
check digit, both languages, known verification tags and sources) and reports every problem with its
line. generate() writes, per language, calculator/index.md (the page: without JavaScript the full Annex I
tables; with it, the calculator) and calculator/annex1.json (the data the browser script reads).
The threshold rules themselves live in teiaguide/annex1_logic.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from .. import annex1_logic as logic
from ..generated import Generated
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text
from ..render import render
from ..yamlsource import BilingualError, line_of, load_data_file

SOURCE = DATA / "annex1.yml"
PAGE = "calculator/index.md"
DATA_FILE = "calculator/annex1.json"


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

    def table(self) -> logic.Table:
        def entry(item: Entry, part: int) -> logic.Entry:
            return logic.Entry(item.id, part, item.threshold_t, item.verification, item.label.en, item.label.ru,
                               tuple(getattr(item, "cas", ())))

        return logic.Table(self.id, {c.id: entry(c, 1) for c in self.categories},
                           {s.id: entry(s, 2) for s in self.substances})


class Annex1(Record):
    reviewed: dt.date
    default_version: NonEmpty
    versions: Annotated[list[Version], Field(min_length=1)]
    sources: dict[NonEmpty, Text]

    def version(self, version_id: str) -> Version:
        return next(version for version in self.versions if version.id == version_id)


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
    if data.default_version not in version_ids:
        add(("default_version",), f"unknown version '{data.default_version}'; known: {', '.join(version_ids)}",
            f"неизвестная редакция «{data.default_version}»; допустимо: {', '.join(version_ids)}")
    if sum(version.current for version in data.versions) != 1:
        add(("versions",), "exactly one version must be marked current: true",
            "ровно одна редакция должна иметь отметку current: true")


# --- generation --------------------------------------------------------------------------------------

def browser_data(annex: Annex1, ui: dict[str, str], lang: str) -> dict:
    """What calculator.js reads: every version with both languages (search works in either), and the
    page language's interface strings."""
    def entry(item: Entry) -> dict:
        out = {"id": item.id, "no": item.no, "label": {"en": item.label.en, "ru": item.label.ru},
               "threshold_t": item.threshold_t, "verification": item.verification,
               "settled": item.verification in logic.SETTLED_TAGS}
        if isinstance(item, Substance):
            out["cas"] = item.cas
            out["options"] = logic.option_texts(item.label.en, item.label.ru, item.cas)
        if isinstance(item, Category) and item.presence_verification:
            out["presence_verification"] = item.presence_verification
        return out

    versions = []
    for version in annex.versions:
        versions.append({
            "id": version.id, "year": version.year, "current": version.current, "label": version.label(lang),
            "categories": [entry(item) for item in version.categories],
            "substances": [entry(item) for item in version.substances],
        })
    return {
        "lang": lang,
        "default_version": annex.default_version,
        "settled_tags": sorted(logic.SETTLED_TAGS),
        "rule_verification": logic.RULE_VERIFICATION,
        "versions": versions,
        "ui": {key: text for key, text in ui.items() if key.startswith(("calc_", "verification_"))},
    }


def generate(guide, lang: str) -> Iterator[Generated]:
    annex: Annex1 | None = guide.annex1
    if annex is None:
        return
    ui = guide.ui.for_lang(lang)
    default = annex.version(annex.default_version)
    yield Generated(DATA_FILE, json.dumps(browser_data(annex, ui, lang), ensure_ascii=False, separators=(",", ":")))
    yield Generated(PAGE, render(
        "calculator/index.md.j2", lang=lang, ui=ui, annex=annex, default=default,
        others=[version for version in annex.versions if version.id != default.id],
        sources=annex.sources, tonnes=lambda value: format_tonnes(value, lang),
        mark=lambda tag: verification_mark(tag, ui),
    ))


def format_tonnes(value: float, lang: str) -> str:
    """12500.0 -> '12 500' (thin grouping as both languages print it); 0.75 -> '0.75' / '0,75'."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".").replace(",", "\u202f")
    return text.replace(".", ",") if lang == "ru" else text


def verification_mark(tag: str, ui: dict[str, str]) -> str:
    """The status shown next to a value; values that are not settled get a warning sign."""
    label = ui[f"verification_{tag}"]
    return label if tag in logic.SETTLED_TAGS else f"⚠ {label}"
