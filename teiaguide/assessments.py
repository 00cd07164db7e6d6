"""Submitted self-assessments and action plans: `self_assessments/<ISO>/<year>.yml`, one file per country
and edition, holding the scores and the action plan (format documented in self_assessments/README.md).

A submission is untrusted text: every string is checked for markup (`<`, `>`), control, bidirectional and
zero-width characters and for its length; every score and action must name indicator ids of
data/self_assessment.yml, levels and statuses must be known, dates valid (an action ends on or after its
start), the country known. The same checks serve the build, `teia-guide check`, `teia-guide assess` and
`teia-guide new-assessment`; the online tool exports files that pass them. JSON (what the tool can also
save) is YAML, so both are read by the same parser.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator

from .languages import LANGUAGES
from . import paths
from .paths import ASSESSMENTS
from .problems import Problems
from .records import Record
from .yamlsource import BilingualError, Mapping, line_of, dotted, load_yaml_file, validate

FORMAT = "teia-self-assessment"
FOLDER = ASSESSMENTS
# TEIA_SELF_ASSESSMENTS_DIR lets the tests (and the benchmark) build from another folder of submissions
# without touching the real one, as TEIA_PRACTICES_DIR does for good practices.
SOURCE = Path(os.environ.get("TEIA_SELF_ASSESSMENTS_DIR") or FOLDER)
EXAMPLES = paths.EXAMPLES / "self_assessments"    # the fictional "Country X", one file per language


def example(lang: str) -> Path:
    return EXAMPLES / f"country-x-2026.{lang}.yml"


EXAMPLE_COUNTRY = "XX"              # ISO 3166 user-assigned code: only in files marked `example: true`
MAX_BYTES = 256 * 1024              # the same cap as the online tool's import
FILENAME = re.compile(r"^(?P<year>\d{4})\.(?:yml|yaml|json)$")

# Characters that could hide or change what a reader sees: C0/C1 controls (tab and line breaks allowed),
# bidirectional controls, zero-width characters and the byte-order mark.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _plain(limit: int):
    def check(value: str) -> str:
        value = value.strip()
        if "<" in value or ">" in value:
            raise BilingualError("the characters < and > are not allowed (no markup); write 'less than' / 'more than'",
                                 "символы < и > запрещены (никакой разметки); пишите «меньше» / «больше»")
        if _FORBIDDEN.search(value):
            raise BilingualError("invisible control, text-direction or zero-width characters are not allowed",
                                 "невидимые управляющие символы, символы направления текста и символы нулевой ширины запрещены")
        if len(value) > limit:
            raise BilingualError(f"too long: {len(value)} characters, at most {limit}",
                                 f"слишком длинно: {len(value)} символов, допустимо не более {limit}")
        return value
    return AfterValidator(check)


# Length limits: also the tool's maxlength attributes (see browser_data in features/self_assessment.py).
LIMITS = {"evidence": 2000, "action": 1000, "name": 200}
Evidence = Annotated[str, _plain(LIMITS["evidence"])]
ActionText = Annotated[str, Field(min_length=1), _plain(LIMITS["action"])]
Name = Annotated[str, _plain(LIMITS["name"])]
RequiredName = Annotated[str, Field(min_length=1), _plain(LIMITS["name"])]
IndicatorId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Score(Record):
    level: str | None = None        # empty: not assessed (yet)
    evidence: Evidence = ""


class Action(Record):
    indicators: Annotated[list[IndicatorId], Field(min_length=1)]
    action: ActionText
    responsible: RequiredName
    partners: Name = ""
    start: dt.date
    end: dt.date
    status: str = "planned"


class Submission(Record):
    format: Literal["teia-self-assessment"]
    indicator_set: str
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    country_name: Name = ""
    edition: Annotated[int, Field(ge=1992, le=2100)]
    date: dt.date
    language: Literal[LANGUAGES]  # type: ignore[valid-type]  # language of the free text
    example: bool = False
    prepared_by: Name = ""
    plan_below: str | None = None
    scores: dict[IndicatorId, Score]
    actions: list[Action] = []

    @field_validator("indicator_set", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


@dataclass(frozen=True)
class Assessment:
    """A checked submission and the file it came from."""

    path: Path
    data: Submission

    @property
    def country(self) -> str:
        return self.data.country

    @property
    def edition(self) -> int:
        return self.data.edition


def read(path: Path, indicator_set, problems: Problems, known_countries: list[str] | None = None,
         folder_country: str | None = None, file_year: int | None = None) -> Assessment | None:
    """Read and check one submission; None (and problems with file, line and field) if it is not valid."""
    before = len(problems)
    try:
        size = path.stat().st_size
    except OSError as err:
        problems.add(path, None, "", f"cannot read the file: {err}", f"не удалось прочитать файл: {err}")
        return None
    if size > MAX_BYTES:
        problems.add(path, None, "", f"the file is larger than {MAX_BYTES // 1024} KB",
                     f"файл больше {MAX_BYTES // 1024} КБ")
        return None
    tree = load_yaml_file(path, problems, dates_as_text=True)
    if tree is None:
        if len(problems) == before:
            problems.add(path, 1, "", "the file is empty", "файл пуст")
        return None
    if not isinstance(tree, Mapping):
        problems.add(path, 1, "", "the file must contain fields as 'key: value' pairs",
                     "файл должен содержать поля в виде пар «ключ: значение»")
        return None
    # the cross-checks read the tree, so that they are reported together with the problems of the fields
    _cross_check(tree, path, indicator_set, problems, known_countries, folder_country, file_year)
    data = validate(Submission, tree, path, problems)
    if data is not None:
        for index, action in enumerate(data.actions):
            if action.end < action.start:
                loc = ("actions", index, "end")
                problems.add(path, line_of(tree, loc) or 1, dotted(loc), f"the end ({action.end}) is before the start ({action.start})",
                             f"дата окончания ({action.end}) раньше даты начала ({action.start})")
    return Assessment(path, data) if data is not None and len(problems) == before else None


def _cross_check(tree: Mapping, path: Path, indicator_set, problems: Problems,
                 known_countries, folder_country, file_year) -> None:
    """Ids, levels, statuses and the country against the indicator set and the countries (values of the
    wrong type are left to the record's validation)."""
    def add(loc: tuple, en: str, ru: str) -> None:
        problems.add(path, line_of(tree, loc) or 1, dotted(loc), en, ru)

    ids = indicator_set.indicator_ids()
    levels = [level.id for level in indicator_set.levels]
    statuses = [status.id for status in indicator_set.statuses]
    scores = tree.get("scores")
    for key, score in (scores.items() if isinstance(scores, dict) else ()):
        if isinstance(key, str) and key not in ids:
            add(("scores", key), f"unknown indicator '{key}'; the ids are listed in data/self_assessment.yml",
                f"неизвестный показатель '{key}'; идентификаторы перечислены в data/self_assessment.yml")
        level = score.get("level") if isinstance(score, dict) else None
        if isinstance(level, str) and level not in levels:
            add(("scores", key, "level"), f"unknown level '{level}'; choose one of: {', '.join(levels)}",
                f"неизвестный уровень '{level}'; выберите один из: {', '.join(levels)}")
    plan_below = tree.get("plan_below")
    if isinstance(plan_below, str) and plan_below not in levels:
        add(("plan_below",), f"unknown level '{plan_below}'; choose one of: {', '.join(levels)}",
            f"неизвестный уровень '{plan_below}'; выберите один из: {', '.join(levels)}")
    actions = tree.get("actions")
    for index, action in enumerate(actions if isinstance(actions, list) else ()):
        if not isinstance(action, dict):
            continue
        named = action.get("indicators")
        for i_index, key in enumerate(named if isinstance(named, list) else ()):
            if isinstance(key, str) and key not in ids:
                add(("actions", index, "indicators", i_index),
                    f"unknown indicator '{key}': every action must name indicators of data/self_assessment.yml",
                    f"неизвестный показатель '{key}': каждое мероприятие должно ссылаться на показатели из data/self_assessment.yml")
        status = action.get("status")
        if isinstance(status, str) and status not in statuses:
            add(("actions", index, "status"), f"unknown status '{status}'; choose one of: {', '.join(statuses)}",
                f"неизвестный статус '{status}'; выберите один из: {', '.join(statuses)}")
    country, example = tree.get("country"), tree.get("example") is True
    if not isinstance(country, str):
        return
    if country == EXAMPLE_COUNTRY:
        if not example:
            add(("country",), f"'{EXAMPLE_COUNTRY}' is the code of the fictional example only (set example: true)",
                f"'{EXAMPLE_COUNTRY}' — код только вымышленного примера (укажите example: true)")
    elif known_countries is not None and country not in known_countries:
        add(("country",), f"unknown country '{country}'; known: {', '.join(known_countries)}",
            f"неизвестная страна '{country}'; допустимо: {', '.join(known_countries)}")
    if folder_country is not None and country != folder_country:
        add(("country",), f"the file is in the folder {folder_country}/ but names the country '{country}'",
            f"файл лежит в папке {folder_country}/, но указана страна '{country}'")
    edition = tree.get("edition")
    if file_year is not None and isinstance(edition, int) and edition != file_year:
        add(("edition",), f"the file is named {file_year} but the edition is {edition}",
            f"файл назван {file_year}, но выпуск (edition) — {edition}")


def read_folder(folder: Path, indicator_set, problems: Problems, known_countries: list[str]) -> list[Assessment]:
    """Every submission of `folder` (<ISO>/<year>.yml), checked; files elsewhere are reported."""
    found: list[Assessment] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.name.lower() in ("readme.md", "readme.ru.md"):
            continue
        relative = path.relative_to(folder)
        match = FILENAME.match(path.name)
        if len(relative.parts) != 2 or not re.fullmatch(r"[A-Z]{2}", relative.parts[0]) or not match:
            problems.add(path, None, "", "a submission is self_assessments/<country code>/<year>.yml, e.g. KZ/2026.yml",
                         "файл самооценки должен называться self_assessments/<код страны>/<год>.yml, например KZ/2026.yml")
            continue
        assessment = read(path, indicator_set, problems, known_countries, relative.parts[0], int(match["year"]))
        if assessment is not None:
            found.append(assessment)
    return found
