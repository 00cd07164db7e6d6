"""Good practices contributed by countries (good_practices/<ISO2>/<slug>.<lang>.md).

Loading and every check live in teiaguide/practice_validation.py; this module groups the language
versions of each practice and generates:

- a "Good practices" section at the end of each working-area chapter (`chapter_sections`),
- one page per practice, practices/<id>.md, in every language (a practice missing in a language is
  staged there with `translation_of`, which the theme turns into a "translation pending" banner),
- the index practices/index.md, filterable by country and working area in the browser
  (overrides/assets/javascripts/practices-filter.js); without JavaScript everything is listed.

Contributed text reaches the pages only as sanitised HTML (body) or escaped text (front matter), inside
raw-HTML blocks, so that MkDocs' Markdown never interprets it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..generated import Generated
from ..languages import LANGUAGES, stand_ins
from ..paths import PRACTICES, ROOT
from ..practice_validation import CONFIRMED_STATUSES, PracticeFile, read_practices
from ..problems import Problems
from ..render import render
from ..urls import relative
from . import sources as sources_feature

# TEIA_PRACTICES_DIR lets the tests check and build from a folder of broken practices without touching
# the real good_practices/ (other builds may be running from the same checkout).
SOURCE = Path(os.environ.get("TEIA_PRACTICES_DIR") or PRACTICES)
INDEX = "practices/index.md"
_URL = re.compile(r"https?://[^\s<>\"']+")
_SOURCE_KEY = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")     # a key of data/sources.yml, not free text


@dataclass(frozen=True)
class Practice:
    """One practice with its language versions (at least one)."""

    id: str
    versions: dict[str, PracticeFile]

    @property
    def first(self) -> PracticeFile:
        return next(self.versions[lang] for lang in LANGUAGES if lang in self.versions)

    @property
    def country(self) -> str:
        return self.first.meta.country

    @property
    def areas(self) -> list[str]:
        return self.first.meta.areas

    @property
    def year(self) -> int:
        return self.first.meta.year

    @property
    def page(self) -> str:
        return f"practices/{self.id}.md"

    def version(self, lang: str) -> tuple[PracticeFile, bool]:
        """The version to show to a reader of `lang`, and whether it is a stand-in (translation pending)."""
        shown = next(code for code in stand_ins(lang) if code in self.versions)
        return self.versions[shown], shown != lang


def load(guide, problems: Problems) -> None:
    countries = list(guide.countries.by_code) if guide.countries is not None else None
    areas = list(guide.areas) if guide.areas is not None else None
    files = read_practices(SOURCE, problems, countries, areas)
    grouped: dict[str, dict[str, PracticeFile]] = {}
    for item in files:
        grouped.setdefault(item.meta.id, {})[item.lang] = item
    practices = [Practice(practice_id, versions) for practice_id, versions in grouped.items()]
    order = guide.countries.order if guide.countries is not None else (lambda code: 0)
    practices.sort(key=lambda p: (order(p.country), -p.year, p.id))
    guide.practices = practices
    _check_source_keys(files, sources_feature.registry(guide), problems)


def _check_source_keys(files: list[PracticeFile], registry, problems: Problems) -> None:
    """A source may be written out ("Law No. 5 of 2016: https://...") or given as a key of
    data/sources.yml (`almaty_2018_conclusions`); a key must be known, or the reader would see it."""
    if registry is None:
        return
    for item in files:
        for index, source in enumerate(item.meta.sources):
            if _SOURCE_KEY.match(source) and source not in registry:
                line = item.lines.get("sources")
                problems.add(item.file, line + 1 + index if line else None, f"sources[{index}]",
                             f"unknown source '{source}': write the source out (title, number, date, address) "
                             "or use a key of data/sources.yml",
                             f"неизвестный источник '{source}': опишите источник полностью (название, номер, дата, адрес) "
                             "или укажите ключ из data/sources.yml")


# --- template data -------------------------------------------------------------------------------------

def _source_item(text: str, guide, lang: str) -> dict:
    """A key of data/sources.yml -> the document as cited everywhere (title, issuer, symbol, date, link);
    'Law No. 5 of 2016: https://...' -> label 'Law No. 5 of 2016' linked to the address."""
    registry = sources_feature.registry(guide)
    if _SOURCE_KEY.match(text) and registry is not None and text in registry:
        return {"cite": registry.cite(text, lang), "more": []}
    urls = _URL.findall(text)
    label = _URL.sub("", text).strip().rstrip(":;,—-–").strip()
    return {"label": label or (urls[0] if urls else text), "url": urls[0] if urls else None,
            "more": urls[1:]}


def practice_item(guide, practice: Practice, lang: str, from_page: str) -> dict:
    """Everything a template needs to show one practice to a reader of `lang` on page `from_page`."""
    version, pending = practice.version(lang)
    meta = version.meta
    country = guide.countries[practice.country]
    return {
        "id": practice.id,
        "anchor": f"practice-{practice.id}",
        "title": meta.title,
        "country_code": practice.country,
        "country_name": country.name(lang),
        "country_href": relative(lang, from_page, lang, country.page),
        "year": practice.year,
        "organisation": meta.organisation,
        "areas": [{"id": area, "title": guide.areas[area].title(lang),
                   "href": relative(lang, from_page, lang, f"areas/{area}.md", "good-practices")}
                  for area in practice.areas],
        "sources": [_source_item(source, guide, lang) for source in meta.sources],
        "status": meta.status,
        "confirmed": meta.status in CONFIRMED_STATUSES,
        "body": version.body_html,
        "content_lang": version.lang,
        "pending": pending,
        "href": relative(lang, from_page, lang, practice.page),
        "original_href": relative(lang, from_page, version.lang, practice.page) if pending else None,
        "source_file": version.file.relative_to(ROOT).as_posix() if version.file.is_relative_to(ROOT) else version.file.name,
    }


def _context(guide, lang: str) -> dict:
    return {"lang": lang, "t": lambda key: guide.t(key, lang)}


# --- generated Markdown --------------------------------------------------------------------------------

def chapter_sections(guide, area: str, lang: str) -> str:
    page = f"areas/{area}.md"
    items = [practice_item(guide, p, lang, page) for p in guide.practices if area in p.areas]
    return render("practices/chapter_section.md.j2", **_context(guide, lang), items=items,
                  index_href=relative(lang, page, lang, INDEX))


def generate(guide, lang: str) -> Iterator[Generated]:
    items = [practice_item(guide, p, lang, INDEX) for p in guide.practices]
    used_countries = [c for c in guide.countries if any(p.country == c.iso2 for p in guide.practices)]
    yield Generated(INDEX, render(
        "practices/index.md.j2", **_context(guide, lang), items=items,
        countries=[{"code": c.iso2, "name": c.name(lang)} for c in used_countries],
        areas=[{"id": a.id, "title": a.title(lang)} for a in guide.areas.values()],
    ), records=(used_countries, list(guide.areas.values())))
    for practice in guide.practices:
        item = practice_item(guide, practice, lang, practice.page)
        yield Generated(practice.page, render("practices/page.md.j2", **_context(guide, lang), item=item,
                                              description=_description(guide, practice, lang)),
                        records=guide.countries[practice.country])


def _description(guide, practice: Practice, lang: str) -> str:
    country = guide.countries[practice.country].name(lang)
    return guide.t("gp_description", lang).format(country=country, year=practice.year)
