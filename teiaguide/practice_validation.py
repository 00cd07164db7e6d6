"""Validation of contributed good practices: the one place that decides whether a practice file is valid.

Used by the build, `teia-guide check`, the tests and CI (through features/practices.py). Each practice is
one Markdown file per language:

    good_practices/<ISO2>/<slug>.<lang>.md      e.g. good_practices/KZ/industrial-safety-declarations.ru.md

with YAML front matter (schema: `PracticeMeta`) and a Markdown body. Language versions of one practice
share the `id`. Every problem is reported as file:line: field: message, in English and Russian.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from markupsafe import Markup
from pydantic import Field, StringConstraints, field_validator

from .languages import DEFAULT, LANGUAGES
from .plain_text import LINE_MAX, SENTENCE_MAX, TITLE_MAX, PlainText
from .problems import Problems
from .records import Record, Slug
from .untrusted_markdown import check_body, render_body
from .yamlsource import BilingualError, file_problem, line_of, read_front_matter, validate

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
FILENAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
IGNORED = {"README.md", "README.ru.md"}           # explanations for contributors inside good_practices/
MAX_PRACTICE_FILE = 100_000   # bytes of one practice file: about 15,000 words, twenty times the longest today

# verified / single_source: may be stated; the others are shown with a "not confirmed" mark.
PracticeStatus = Literal["verified", "single_source", "contributed", "from_brief", "UNVERIFIED"]
CONFIRMED_STATUSES = ("verified", "single_source")


class PracticeMeta(Record):
    """Front matter of one language version of a practice."""

    id: Slug
    country: CountryCode
    areas: list[Slug] = Field(min_length=1)
    title: PlainText(TITLE_MAX)
    year: int = Field(ge=1950, le=dt.date.today().year + 1)
    organisation: PlainText(LINE_MAX)
    sources: list[PlainText(SENTENCE_MAX)] = Field(min_length=1, max_length=30)
    status: PracticeStatus = "contributed"

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value == "index":                       # practices/index.md is the list of all practices
            raise BilingualError("'index' is reserved; choose another id", "'index' зарезервирован; выберите другой id")
        return value

    @field_validator("areas", mode="before")
    @classmethod
    def _one_area_is_a_list(cls, value):
        return [value] if isinstance(value, str) else value

    @field_validator("areas")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise BilingualError("a working area is listed twice", "рабочая область указана дважды")
        return value


@dataclass(frozen=True)
class PracticeFile:
    """One valid language version of a practice."""

    lang: str
    file: Path
    meta: PracticeMeta
    body_html: Markup          # sanitised HTML of the body
    lines: dict[str, int]      # line of each front-matter key, for cross-file messages


def read_practices(root: Path, problems: Problems, countries: Collection[str] | None, areas: Collection[str] | None
                   ) -> list[PracticeFile]:
    """Read and check every practice file under `root`; problems for everything that is wrong.

    `countries` / `areas` are the known codes and ids (None when their own data failed to load: the
    cross-checks are then skipped rather than reported wrongly).
    """
    found: list[PracticeFile] = []
    if not root.is_dir():
        return found
    for file in _files(root, problems):
        if file.relative_to(root).as_posix() in IGNORED:
            continue
        if _placed_correctly(file, root, problems, countries):
            practice = _read_file(file, problems, countries, areas)
            if practice is not None:
                found.append(practice)
    _check_across_files(found, problems)
    return found


def _files(root: Path, problems: Problems) -> list[Path]:
    """Every ordinary file under `root`, in order, without following symbolic links; anything else
    (a link, a hidden file or folder, a device or pipe) is reported under the name it has in the tree."""
    files, folders = [], [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = Path(entry.path)
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                    folders.append(path)
                elif entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                    problems.add(path, None, "", "hidden folders (names starting with '.') are not allowed here: rename or remove it",
                                 "скрытые папки (имя начинается с «.») здесь не допускаются: переименуйте или удалите её")
                else:
                    why = file_problem(path, root)
                    if why:
                        problems.add(path, None, "", *why)
                    else:
                        files.append(path)
    return sorted(files)


def _placed_correctly(file: Path, root: Path, problems: Problems, countries: Collection[str] | None) -> bool:
    parts = file.relative_to(root).parts
    known = ", ".join(countries) if countries else "KZ, KG, TJ, TM, UZ"
    if len(parts) != 2:
        problems.add(file, 1, "", f"a practice file must be directly in a country folder, e.g. good_practices/KZ/<name>.en.md (known: {known})",
                     f"файл практики должен лежать прямо в папке страны, например good_practices/KZ/<имя>.ru.md (допустимо: {known})")
        return False
    folder = parts[0]
    if not re.fullmatch(r"[A-Z]{2}", folder) or (countries is not None and folder not in countries):
        problems.add(file, 1, "", f"folder '{folder}' is not a known country code; use one of: {known}",
                     f"папка '{folder}' не является известным кодом страны; допустимо: {known}")
        return False
    match = FILENAME.match(file.name)
    if not match:
        problems.add(file, 1, "", "file name must be <name>.<language>.md in lower case with hyphens, e.g. state-register.en.md",
                     "имя файла должно иметь вид <имя>.<язык>.md строчными латинскими буквами с дефисами, например state-register.ru.md")
        return False
    if match.group("lang") not in LANGUAGES:
        problems.add(file, 1, "", f"unknown language suffix '.{match.group('lang')}.md'; use one of: {', '.join(LANGUAGES)}",
                     f"неизвестный суффикс языка '.{match.group('lang')}.md'; допустимо: {', '.join(LANGUAGES)}")
        return False
    return True


def _read_file(file: Path, problems: Problems, countries: Collection[str] | None, areas: Collection[str] | None
               ) -> PracticeFile | None:
    lang = FILENAME.match(file.name).group("lang")
    read = read_front_matter(file, problems, "id, country, areas, title, year, organisation, sources, status",
                             MAX_PRACTICE_FILE, file.parent.parent)
    if read is None:
        return None
    tree, _text, body, body_line = read
    meta = validate(PracticeMeta, tree, file, problems, first_line=2)   # front-matter texts: plain_text.py
    safe = check_body(body, file, body_line, problems)
    if not body.strip():
        problems.add(file, body_line, "body", "the description of the practice (text after the front matter) is empty",
                     "описание практики (текст после front matter) пустое")
        safe = False
    # country and areas are checked on the raw values, so that a typo elsewhere does not hide them
    valid = _check_references(tree, file, problems, countries, areas)
    if meta is None or not (valid and safe):
        return None
    lines = {key: line_of(tree, (key,), 2) or 2 for key in tree}
    return PracticeFile(lang, file, meta, render_body(body), lines)


def _check_references(tree, file: Path, problems: Problems, countries: Collection[str] | None, areas: Collection[str] | None
                      ) -> bool:
    valid = True
    folder = file.parent.name
    country = tree.get("country")
    if isinstance(country, str):
        line = line_of(tree, ("country",), 2)
        if countries is not None and country not in countries:
            problems.add(file, line, "country", f"unknown country '{country}'; use one of: {', '.join(countries)}",
                         f"неизвестная страна '{country}'; допустимо: {', '.join(countries)}")
            valid = False
        elif country != folder:
            problems.add(file, line, "country",
                         f"country is '{country}' but the file is in folder '{folder}': move the file to good_practices/{country}/ or correct the country",
                         f"указана страна '{country}', а файл лежит в папке '{folder}': перенесите файл в good_practices/{country}/ или исправьте страну")
            valid = False
    chosen = tree.get("areas")
    if areas is not None and isinstance(chosen, (list, str)):
        for index, area in enumerate([chosen] if isinstance(chosen, str) else chosen):
            if isinstance(area, str) and area not in areas:
                loc = ("areas",) if isinstance(chosen, str) else ("areas", index)
                problems.add(file, line_of(tree, loc, 2), f"areas[{index}]",
                             f"unknown working area '{area}'; use one of: {', '.join(areas)}",
                             f"неизвестная рабочая область '{area}'; допустимо: {', '.join(areas)}")
                valid = False
    return valid


def _check_across_files(found: list[PracticeFile], problems: Problems) -> None:
    """Duplicate ids within a language; language versions of one practice must agree."""
    by_lang_id: dict[tuple[str, str], PracticeFile] = {}
    for practice in list(found):
        key = (practice.lang, practice.meta.id)
        first = by_lang_id.get(key)
        if first is not None:
            problems.add(practice.file, practice.lines["id"], "id",
                         f"duplicate id '{practice.meta.id}': {first.file.parent.name}/{first.file.name} already uses it for language '{practice.lang}'",
                         f"повторяющийся id '{practice.meta.id}': он уже используется в {first.file.parent.name}/{first.file.name} для языка '{practice.lang}'")
            found.remove(practice)
            continue
        by_lang_id[key] = practice
    by_id: dict[str, list[PracticeFile]] = {}
    for practice in found:
        by_id.setdefault(practice.meta.id, []).append(practice)
    for versions in by_id.values():
        versions.sort(key=lambda p: (p.lang != DEFAULT, p.lang))
        reference = versions[0]
        for other in versions[1:]:
            for name in ("country", "areas", "year"):
                mine, theirs = getattr(other.meta, name), getattr(reference.meta, name)
                if name == "areas":
                    mine, theirs = sorted(mine), sorted(theirs)
                if mine != theirs:
                    where = f"{reference.file.parent.name}/{reference.file.name}"
                    problems.add(other.file, other.lines[name], name,
                                 f"'{name}' differs between language versions of '{other.meta.id}': {_show(mine)} here, {_show(theirs)} in {where}",
                                 f"'{name}' различается в языковых версиях '{other.meta.id}': здесь {_show(mine)}, в {where} — {_show(theirs)}")
                    if other in found:
                        found.remove(other)


def _show(value) -> str:
    return "[" + ", ".join(value) + "]" if isinstance(value, list) else str(value)
