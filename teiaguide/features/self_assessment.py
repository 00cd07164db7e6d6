"""Self-assessment and national action plan (data/self_assessment.yml, self_assessments/<ISO>/<year>.yml).

load() validates the indicator set (ids, the statement each points at in data/working_areas.yml, the
chapter sections the suggested actions link to, in every language) and the submitted assessments
(teiaguide/assessments.py). generate() writes per language:

    self-assessment/index.md          the tool (overrides/assets/javascripts/self-assessment.js); without
                                      JavaScript a printable questionnaire of every indicator and level
    self-assessment/indicators.json   what the tool reads
    self-assessment/overview.md       working areas x countries, and progress between editions

and gives the country pages their section (`country_section`). The charts are SVG drawn by Jinja
templates at build time, each next to a table with the same figures.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, RootModel

from .. import assessments
from ..browser_data import data_files
from ..generated import Generated, translation_pending
from ..languages import COMPLETE, DEFAULT, LANGUAGES, chain
from ..paths import DATA, ROOT
from ..problems import Problems
from ..records import Record, Slug, Text
from ..render import render
from ..urls import relative
from ..yamlsource import dotted, line_of, load_data_file
from ..locale import format_date, format_number
from . import pages as pages_feature

SOURCE = DATA / "self_assessment.yml"
PAGE = "self-assessment/index.md"
OVERVIEW = "self-assessment/overview.md"
DATA_FILE = "self-assessment/indicators.json"
EXAMPLE_PAGE = "self-assessment/example.md"     # the fictional "Country X" (examples/self_assessments/)
STORAGE_KEY = "teia.self-assessment.v1"        # + "." + language: the tool's autosave (versioned)
UI_PREFIX = "sa_"
_SECTION = re.compile(r"^(?P<page>areas/[a-z0-9-]+\.md)#(?P<anchor>[a-z0-9-]+)$")


class Level(Record):
    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    value: Annotated[int, Field(ge=0)]
    label: Text
    evidence: Text


class Status(Record):
    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    label: Text


class Indicator(Record):
    id: Slug
    statement: Annotated[int, Field(gt=0)]     # number of its statement in data/working_areas.yml (1 = first)
    evidence: Text
    action: Text
    section: Annotated[str, Field(pattern=_SECTION.pattern)]

    @property
    def page(self) -> str:
        return self.section.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.section.partition("#")[2]


class AreaIndicators(Record):
    area: Slug
    indicators: Annotated[list[Indicator], Field(min_length=1)]


class PageTexts(RootModel[dict[str, Text]]):
    def for_lang(self, lang: str) -> dict[str, str]:
        return {key: text(lang) for key, text in self.root.items()}


class IndicatorSet(Record):
    version: str
    plan_below: str
    levels: Annotated[list[Level], Field(min_length=2)]
    statuses: Annotated[list[Status], Field(min_length=1)]
    areas: list[AreaIndicators]
    text: PageTexts

    def indicator_ids(self) -> dict[str, str]:
        """indicator id -> working-area id"""
        return {indicator.id: area.area for area in self.areas for indicator in area.indicators}

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    @property
    def top(self) -> int:
        return self.levels[-1].value


@dataclass
class SelfAssessment:
    """guide.extra["self_assessment"]: the indicator set and the checked submissions."""

    indicators: IndicatorSet
    submissions: list[assessments.Assessment]
    examples: dict[str, assessments.Assessment] | None = None      # language -> the fictional example

    def example(self, lang: str) -> assessments.Assessment | None:
        """The example shown in `lang`: its own, else its fallback's (the assessment's language says which)."""
        return next((self.examples[code] for code in chain(lang) if (self.examples or {}).get(code)), None)

    def by_country(self) -> dict[str, list[assessments.Assessment]]:
        """country -> its submissions, oldest edition first (the last is the latest)."""
        grouped: dict[str, list[assessments.Assessment]] = {}
        for item in sorted(self.submissions, key=lambda a: (a.country, a.edition)):
            grouped.setdefault(item.country, []).append(item)
        return grouped


# --- loading --------------------------------------------------------------------------------------------

def load(guide, problems: Problems) -> None:
    indicator_set = load_indicator_set(guide, problems)
    if indicator_set is None:
        return
    known = [country.iso2 for country in guide.countries] if guide.countries is not None else None
    submissions = assessments.read_folder(assessments.SOURCE, indicator_set, problems, known or [])
    # the example of every language kept complete, and of any other that has one (the rest show their
    # fallback's, as a page whose translation is pending)
    examples = {lang: assessments.read(assessments.example(lang), indicator_set, problems, known) for lang in LANGUAGES
                if lang in COMPLETE or assessments.example(lang).is_file()}
    guide.extra["self_assessment"] = SelfAssessment(indicator_set, submissions, examples)


def load_indicator_set(guide, problems: Problems, path=SOURCE) -> IndicatorSet | None:
    loaded = load_data_file(path, IndicatorSet, problems)
    if loaded is None:
        return None
    tree, data = loaded
    before = len(problems)
    _cross_check(data, tree, path, guide, problems)
    return data if len(problems) == before else None


def _cross_check(data: IndicatorSet, tree, path, guide, problems: Problems) -> None:
    def add(loc: tuple, en: str, ru: str) -> None:
        problems.add(path, line_of(tree, loc), dotted(loc), en, ru)

    values = [level.value for level in data.levels]
    if values != list(range(len(values))):
        add(("levels",), "level values must be 0, 1, 2 ... in order", "значения уровней должны идти по порядку: 0, 1, 2 ...")
    if data.plan_below not in [level.id for level in data.levels]:
        add(("plan_below",), f"unknown level '{data.plan_below}'", f"неизвестный уровень '{data.plan_below}'")
    seen: set[str] = set()
    areas = guide.areas
    for a_index, group in enumerate(data.areas):
        area = areas.get(group.area) if areas is not None else None
        if areas is not None and area is None:
            add(("areas", a_index, "area"), f"unknown working area '{group.area}'; known: {', '.join(areas)}",
                f"неизвестная область работы '{group.area}'; допустимо: {', '.join(areas)}")
        statements: set[int] = set()
        for i_index, indicator in enumerate(group.indicators):
            loc = ("areas", a_index, "indicators", i_index)
            if indicator.id in seen:
                add(loc + ("id",), f"duplicate indicator id '{indicator.id}'", f"повторяющийся идентификатор показателя '{indicator.id}'")
            seen.add(indicator.id)
            prefix = group.area.split("-")[0] + "-"
            if not indicator.id.startswith(prefix):
                add(loc + ("id",), f"an indicator id of this area starts with '{prefix}'",
                    f"идентификатор показателя этой области начинается с '{prefix}'")
            if area is not None and not 1 <= indicator.statement <= len(area.indicators):
                add(loc + ("statement",), f"data/working_areas.yml has {len(area.indicators)} statements for '{group.area}'",
                    f"в data/working_areas.yml для '{group.area}' {len(area.indicators)} формулировок")
            if indicator.statement in statements:
                add(loc + ("statement",), f"statement {indicator.statement} is used twice", f"формулировка {indicator.statement} использована дважды")
            statements.add(indicator.statement)
            _check_section(indicator, guide, lambda en, ru, loc=loc: add(loc + ("section",), en, ru))
        if area is not None and len(statements) != len(area.indicators):
            add(("areas", a_index), f"every statement of '{group.area}' in data/working_areas.yml needs an indicator here",
                f"каждой формулировке области '{group.area}' в data/working_areas.yml нужен показатель здесь")
    if areas is not None:
        missing = [area_id for area_id in areas if area_id not in [g.area for g in data.areas]]
        if missing:
            add(("areas",), f"working areas without indicators: {', '.join(missing)}",
                f"области работы без показателей: {', '.join(missing)}")


def _check_section(indicator: Indicator, guide, report) -> None:
    """The suggested action links to a heading id that the chapter has in every language it is written in
    (the others show it from another language: pages.missing_translations)."""
    if guide.pages is None:
        return
    versions = [guide.pages[lang][indicator.page] for lang in LANGUAGES if indicator.page in guide.pages[lang]]
    if not versions:
        report(f"the page '{indicator.page}' does not exist in docs/", f"страницы '{indicator.page}' нет в docs/")
    for page in versions:
        if not re.search(r"\{[^}\n]*#" + re.escape(indicator.anchor) + r"(?![\w-])", page.text):
            report(f"the page '{page.lang}/{indicator.page}' has no heading with the id '#{indicator.anchor}'",
                   f"на странице '{page.lang}/{indicator.page}' нет заголовка с идентификатором '#{indicator.anchor}'")


# --- views: what the templates and the report show ------------------------------------------------------

def ui_strings(guide, lang: str) -> dict[str, str]:
    """The feature's interface strings without their prefix, for the browser tool's data (the templates
    name the keys in full, ui.sa_<key>, so that `check` finds them in data/ui.yml)."""
    return {key[len(UI_PREFIX):]: value for key, value in guide.ui.for_lang(lang).items() if key.startswith(UI_PREFIX)}


def area_views(guide, indicator_set: IndicatorSet, lang: str, page: str) -> list[dict[str, Any]]:
    """The working areas with their indicators as the pages show them (links relative to `page`)."""
    views = []
    for group in indicator_set.areas:
        area = guide.areas[group.area]
        indicators = []
        for number, indicator in enumerate(group.indicators, start=1):
            indicators.append({
                "id": indicator.id,
                "code": f"{area.number}.{number}",         # as the tables number them: 1.3 = area 1, third
                "statement": area.indicators[indicator.statement - 1](lang),
                "evidence": indicator.evidence(lang),
                "action": indicator.action(lang),
                "href": relative(lang, page, lang, indicator.page, indicator.anchor),
                "section_title": _heading(guide, lang, indicator),
            })
        views.append({"id": group.area, "number": area.number, "title": area.title(lang), "short": area.short(lang),
                      "indicators": indicators})
    return views


def _heading(guide, lang: str, indicator: Indicator) -> str:
    return pages_feature.section_title(guide, lang, indicator.page, indicator.anchor)


def scored(submission: assessments.Submission, indicator_id: str) -> str | None:
    """The level given to an indicator, None if it is not assessed."""
    score = submission.scores.get(indicator_id)
    return score.level if score else None


@dataclass
class AreaScore:
    area: str
    title: str
    short: str
    assessed: int
    total: int
    mean: float | None


def area_scores(guide, indicator_set: IndicatorSet, submission: assessments.Submission, lang: str) -> list[AreaScore]:
    rows = []
    for group in indicator_set.areas:
        area = guide.areas[group.area]
        values = [indicator_set.level(level).value for i in group.indicators if (level := scored(submission, i.id))]
        rows.append(AreaScore(group.area, area.title(lang), area.short(lang), len(values), len(group.indicators),
                              sum(values) / len(values) if values else None))
    return rows


def report_context(guide, indicator_set: IndicatorSet, assessment: assessments.Assessment, lang: str,
                   page: str) -> dict[str, Any]:
    """Everything one assessment shows in one language: scores per area (chart and table), indicators
    with their levels and evidence, the action plan (table and timeline)."""
    data = assessment.data
    ui = guide.ui.for_lang(lang)
    areas = area_views(guide, indicator_set, lang, page)
    codes = {i["id"]: i["code"] for area in areas for i in area["indicators"]}
    for area in areas:
        for indicator in area["indicators"]:
            level = scored(data, indicator["id"])
            indicator["level"] = indicator_set.level(level) if level else None
            indicator["level_label"] = indicator_set.level(level).label(lang) if level else ui["sa_not_assessed"]
            indicator["given_evidence"] = data.scores[indicator["id"]].evidence if indicator["id"] in data.scores else ""
    statuses = {status.id: status.label(lang) for status in indicator_set.statuses}
    actions = []
    for number, action in enumerate(sorted(data.actions, key=lambda a: (a.start, a.end)), start=1):
        actions.append({"number": number, "text": action.action, "responsible": action.responsible,
                        "partners": action.partners, "start": action.start, "end": action.end,
                        "status": statuses[action.status], "status_id": action.status,
                        "indicators": [codes[key] for key in action.indicators]})
    scores = area_scores(guide, indicator_set, data, lang)
    country = guide.countries[data.country].name(lang) if guide.countries is not None and data.country in guide.countries else (data.country_name or data.country)
    return {
        "lang": lang, "ui": ui, "data": data, "country": country, "areas": areas, "scores": scores,
        "levels": indicator_set.levels, "top": indicator_set.top, "actions": actions,
        "timeline": timeline(actions), "fmt": lambda value: format_number(value, lang, decimals=1),
        "fmt_date": lambda value: format_date(value, lang),
        "text": indicator_set.text.for_lang(lang),
    }


def timeline(actions: list[dict]) -> dict[str, Any] | None:
    """Positions (0..1) of each action's bar between the first start and the last end, and the years."""
    if not actions:
        return None
    first = min(a["start"] for a in actions).replace(month=1, day=1)
    last = max(a["end"] for a in actions).replace(month=12, day=31)
    span = (last - first).days or 1
    bars = [{"number": a["number"], "x": (a["start"] - first).days / span,
             "width": max((a["end"] - a["start"]).days / span, 0.01), "status": a["status_id"]} for a in actions]
    years = [{"year": year, "x": (dt.date(year, 1, 1) - first).days / span} for year in range(first.year, last.year + 1)]
    return {"bars": bars, "years": years}


# --- generated pages ------------------------------------------------------------------------------------

def browser_data(guide, indicator_set: IndicatorSet, lang: str) -> dict[str, Any]:
    """What self-assessment.js needs: the indicator set in the page language, the countries, the labels."""
    countries = guide.countries.central_asia if guide.countries is not None else []
    return {
        "format": assessments.FORMAT, "version": indicator_set.version, "lang": lang,
        "storage_key": f"{STORAGE_KEY}.{lang}", "plan_below": indicator_set.plan_below,
        "max_bytes": assessments.MAX_BYTES, "limits": assessments.LIMITS,
        "levels": [{"id": level.id, "value": level.value, "label": level.label(lang), "evidence": level.evidence(lang)}
                   for level in indicator_set.levels],
        "statuses": [{"id": status.id, "label": status.label(lang)} for status in indicator_set.statuses],
        "countries": [{"code": country.iso2, "name": country.name(lang)} for country in countries],
        "areas": area_views(guide, indicator_set, lang, PAGE),
        "ui": ui_strings(guide, lang),
    }


def generate(guide, lang: str) -> Iterator[Generated]:
    state: SelfAssessment | None = guide.extra.get("self_assessment")
    if state is None or guide.areas is None or guide.pages is None:
        return
    indicator_set = state.indicators
    text = indicator_set.text.for_lang(lang)
    ui = guide.ui.for_lang(lang)
    yield from data_files(DATA_FILE, browser_data(guide, indicator_set, lang), separators=(",", ":"))   # JSON + .data.js
    yield Generated(PAGE, render(
        "self_assessment/index.md.j2", lang=lang, ui=ui, text=text, levels=indicator_set.levels,
        areas=area_views(guide, indicator_set, lang, PAGE),
        example="example.md" if state.example(lang) else None, overview="overview.md",
        script=to_site_root(lang, PAGE) + "assets/javascripts/self-assessment.js",
        contributing=contributing_link(lang), source_file=SOURCE.relative_to(ROOT).as_posix()),
        records=indicator_set)
    yield Generated(OVERVIEW, render("self_assessment/overview.md.j2", **overview_context(guide, state, lang)),
                    records=indicator_set)
    example = state.example(lang)
    if example is not None:
        r = report_context(guide, indicator_set, example, lang, EXAMPLE_PAGE)
        page = render("self_assessment/example.md.j2", r=r, ui=ui, text=text, data=example.data, areas=r["areas"],
                      fmt_date=r["fmt_date"], tool=relative(lang, EXAMPLE_PAGE, lang, PAGE),
                      example_file=example.path.relative_to(ROOT).as_posix())
        written_in = example.data.language
        yield Generated(EXAMPLE_PAGE, page if written_in == lang else translation_pending(page, written_in),
                        records=indicator_set)


def to_site_root(lang: str, page: str) -> str:
    """From a built page to the site root, where the theme's assets and downloads/files/ are for every language."""
    from ..urls import page_url

    return "../" * page_url(lang, page).count("/")     # "ru/self-assessment/" or "…/index.html": two up


def contributing_link(lang: str) -> str:
    """The contributors' guide in the language, else in the first language of its chain that has one."""
    code = next(code for code in chain(lang) if code == DEFAULT or (ROOT / f"CONTRIBUTING.{code}.md").is_file())
    return repository_url("CONTRIBUTING.md" if code == DEFAULT else f"CONTRIBUTING.{code}.md", "self-assessment")


def repository_url(path: str, anchor: str = "") -> str:
    """A file of the repository on its hosting service (repo_url of mkdocs.yml, as the theme links it)."""
    import os

    base = os.environ.get("REPO_URL", "https://github.com/unece-teia-guide/central-asia-guide").rstrip("/")
    return f"{base}/blob/main/{path}" + (f"#{anchor}" if anchor else "")


def overview_context(guide, state: SelfAssessment, lang: str) -> dict[str, Any]:
    indicator_set = state.indicators
    grouped = state.by_country()
    order = {country.iso2: index for index, country in enumerate(guide.countries)} if guide.countries is not None else {}
    columns = []
    for code in sorted(grouped, key=lambda c: (order.get(c, len(order)), c)):
        editions = grouped[code]
        latest = editions[-1]
        name = guide.countries[code].name(lang) if guide.countries is not None and code in guide.countries else (latest.data.country_name or code)
        columns.append({
            "code": code, "name": name, "edition": latest.edition, "example": latest.data.example,
            "page": relative(lang, OVERVIEW, lang, f"countries/{code.lower()}.md") if code in order else None,
            "scores": area_scores(guide, indicator_set, latest.data, lang),
            "editions": [{"edition": e.edition, "scores": area_scores(guide, indicator_set, e.data, lang)} for e in editions],
        })
    areas = [{"id": g.area, "title": guide.areas[g.area].title(lang)} for g in indicator_set.areas]
    return {"lang": lang, "ui": guide.ui.for_lang(lang), "text": indicator_set.text.for_lang(lang), "columns": columns,
            "areas": areas, "top": indicator_set.top, "fmt": lambda value: format_number(value, lang, decimals=1),
            "tool": relative(lang, OVERVIEW, lang, PAGE), "levels": indicator_set.levels,
            "example": relative(lang, OVERVIEW, lang, EXAMPLE_PAGE) if state.example(lang) else None,
            "source_file": SOURCE.relative_to(ROOT).as_posix()}


def country_section(guide, country_code: str, lang: str) -> dict[str, Any] | None:
    """Context of the self-assessment section of a country page (templates/self_assessment/country.md.j2)."""
    state: SelfAssessment | None = guide.extra.get("self_assessment")
    if state is None:
        return None
    page = f"countries/{country_code.lower()}.md"
    editions = state.by_country().get(country_code, [])
    if not editions and guide.countries[country_code].group != "central_asia":
        return None                 # the donors' pages: the programme's self-assessments are the beneficiaries'
    context = {"text": state.indicators.text.for_lang(lang), "sa_ui": guide.ui.for_lang(lang),
               "tool": relative(lang, page, lang, PAGE), "overview": relative(lang, page, lang, OVERVIEW),
               "contributing": contributing_link(lang), "report": None}
    if editions:
        latest = editions[-1]
        context["report"] = report_context(guide, state.indicators, latest, lang, page)
        context["older"] = [e.edition for e in editions[:-1]]
        context["pdf"] = pdf_link(lang, page, country_code)
    return context


def pdf_name(country_code: str, lang: str) -> str:
    """The country's PDF in the workshop pack (teiaguide/pack.py writes it to downloads/files/)."""
    return f"self-assessment-{country_code.lower()}-{lang}.pdf"


def pdf_link(lang: str, page: str, country_code: str) -> str:
    return to_site_root(lang, page) + "downloads/files/" + pdf_name(country_code, lang)
