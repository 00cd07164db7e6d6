"""`teia-guide new-practice`: ask a few questions and write a valid skeleton of a good-practice file.

The questions are asked through a `prompt` function (click.prompt on the command line, a stub in the
tests). The written file is checked at once by the same validation the build uses, so a contributor
starts from a file that passes `teia-guide check`.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

from . import assessments
from .languages import LANGUAGES, chain
from .practice_validation import FILENAME, read_practices
from .problems import Problems

Prompt = Callable[..., str]

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "q", "n", "o", "u", "u", "h", "i"],
))

# The body a contributor replaces: three short parts, the same in every practice (a language without its
# own has its fallback's, languages.chain).
BODY = {
    "en": (
        "Describe in two or three sentences what was done, by whom and when.\n\n"
        "**Why it is a good practice.** Say which obligation of the Convention it helps to meet, "
        "with the article or annex, e.g. (Art. 6, Annex IV).\n\n"
        "**What others can reuse.** Say what another country could copy and what it needs for that.\n"
    ),
    "ru": (
        "В двух-трёх предложениях опишите, что было сделано, кем и когда.\n\n"
        "**Чем эта практика полезна.** Укажите, выполнению какого обязательства по Конвенции она помогает, "
        "со ссылкой на статью или приложение, например (ст. 6, приложение IV).\n\n"
        "**Что могут перенять другие страны.** Напишите, что может повторить другая страна и что ей для этого нужно.\n"
    ),
}


@dataclass
class Answers:
    country: str
    lang: str
    title: str
    areas: list[str]
    year: int
    organisation: str
    sources: list[str]
    slug: str = ""
    id: str = ""
    status: str = "contributed"
    body: str = ""
    notes: list[str] = field(default_factory=list)


def slugify(text: str, words: int = 6) -> str:
    """A file name from a title, in Latin letters: 'Реестр опасных объектов' -> 'reestr-opasnykh-obektov'."""
    latin = "".join(_CYRILLIC.get(char, char) for char in text.lower())
    parts = re.findall(r"[a-z0-9]+", latin)
    return "-".join(parts[:words]) or "practice"


def find_practice(root: Path, practice_id: str) -> tuple[Path, dict] | None:
    """An existing language version of a practice (file, front matter), to write its translation."""
    for file in sorted(root.glob("*/*.md")):
        text = file.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        front = text.split("---", 2)[1]
        try:
            meta = YAML(typ="safe").load(front) or {}
        except Exception:  # a broken file is reported by `check`; here it is just not a match
            continue
        if isinstance(meta, dict) and meta.get("id") == practice_id:
            return file, meta
    return None


def ask(prompt: Prompt, root: Path, countries: dict[str, str], areas: dict[str, str], lang: str | None = None,
        translation_of: str | None = None) -> Answers:
    """Ask the questions; `countries` and `areas` map codes/ids to names shown in the questions."""
    lang = lang or _choose(prompt, "Language of this file / Язык этого файла", list(LANGUAGES))
    if translation_of is None:
        translation_of = prompt("If this translates a practice that already exists, its id (else press Enter) / "
                                "Если это перевод уже существующей практики, её id (иначе нажмите Enter)",
                                default="", show_default=False).strip()
    if translation_of:
        found = find_practice(root, translation_of)
        if found is None:
            raise ValueError(f"no practice with id '{translation_of}' in {root} / практика с id '{translation_of}' не найдена")
        file, meta = found
        slug = FILENAME.match(file.name).group("slug") if FILENAME.match(file.name) else slugify(meta["id"])
        title = prompt("Title in this language / Название на этом языке")
        organisation = prompt("Organisation in this language / Организация на этом языке",
                              default=str(meta.get("organisation", "")))
        return Answers(country=meta["country"], lang=lang, title=title, areas=list(meta["areas"]),
                       year=int(meta["year"]), organisation=organisation, sources=list(meta.get("sources") or []),
                       slug=slug, id=meta["id"], status=str(meta.get("status", "contributed")))

    listing = ", ".join(f"{code} ({name})" for code, name in countries.items())
    country = _choose(prompt, f"Country code / Код страны: {listing}", list(countries), upper=True)
    title = prompt("Title of the practice / Название практики")
    print("Working areas / Рабочие области:")
    for number, (area_id, name) in enumerate(areas.items(), start=1):
        print(f"  {number}. {area_id} — {name}")
    chosen = prompt("Numbers of its working areas, e.g. 1,3 / Номера рабочих областей, например 1,3")
    area_ids = list(areas)
    picked = []
    for part in re.split(r"[,\s]+", chosen.strip()):
        if part.isdigit() and 1 <= int(part) <= len(area_ids):
            picked.append(area_ids[int(part) - 1])
        elif part in areas:
            picked.append(part)
        elif part:
            raise ValueError(f"unknown working area '{part}' / неизвестная рабочая область '{part}'")
    if not picked:
        raise ValueError("choose at least one working area / выберите хотя бы одну рабочую область")
    year = int(prompt("Year / Год", default=str(dt.date.today().year)))
    organisation = prompt("Authority or organisation behind it / Орган или организация")
    sources = []
    while True:
        source = prompt("Source: document, law or web address (empty line to finish) / "
                        "Источник: документ, закон или адрес в интернете (пустая строка — конец)",
                        default="", show_default=False).strip()
        if not source:
            if sources:
                break
            print("At least one source is needed / Нужен хотя бы один источник")
            continue
        sources.append(source)
    slug = slugify(title)
    return Answers(country=country, lang=lang, title=title, areas=list(dict.fromkeys(picked)), year=year,
                   organisation=organisation, sources=sources, slug=slug, id=f"{country.lower()}-{slug}")


def _choose(prompt: Prompt, question: str, options: list[str], upper: bool = False) -> str:
    while True:
        answer = prompt(question).strip()
        answer = answer.upper() if upper else answer.lower()
        if answer in options:
            return answer
        print(f"Please answer one of / Ответьте одним из вариантов: {', '.join(options)}")


def render(answers: Answers) -> str:
    """The file's text: YAML front matter (quoted safely by ruamel) and the body to fill in."""
    meta = CommentedMap()
    meta["id"] = answers.id
    meta["country"] = answers.country
    areas = CommentedSeq(answers.areas)
    areas.fa.set_flow_style()
    meta["areas"] = areas
    meta["title"] = Quoted(answers.title)          # always quoted, as CONTRIBUTING.md shows
    meta["year"] = answers.year
    meta["organisation"] = Quoted(answers.organisation)
    meta["sources"] = CommentedSeq(Quoted(source) for source in answers.sources)
    meta["status"] = answers.status
    yaml = YAML()
    yaml.width = 4096                     # one line per value: easier to edit on the GitHub page
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(meta, out)
    return f"---\n{out.getvalue()}---\n{answers.body or next(BODY[code] for code in chain(answers.lang) if code in BODY)}"


def write(answers: Answers, root: Path, countries: list[str], areas: list[str]) -> tuple[Path, Problems]:
    """Write the file (never over an existing one) and check it with the build's validation."""
    target = root / answers.country / f"{answers.slug}.{answers.lang}.md"
    if target.exists():
        raise FileExistsError(f"{target} already exists / файл уже существует")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(answers), encoding="utf-8")
    problems = Problems()
    read_practices(root, problems, countries, areas)
    mine = Problems([p for p in problems.items if p.path.resolve() == target.resolve()])
    return target, mine


# --- `teia-guide new-assessment`: a self-assessment file to fill in ------------------------------------------

def assessment_text(country: str, year: int, lang: str, indicator_set, guide) -> str:
    """A submission with every indicator listed, none scored yet (`level:` empty), and one commented action
    to copy. Strings are written as JSON strings, which YAML reads as they are."""
    q = lambda value: json.dumps(value, ensure_ascii=False)   # noqa: E731 - a quoting helper
    levels = ", ".join(level.id for level in indicator_set.levels)
    statuses = ", ".join(status.id for status in indicator_set.statuses)
    lines = [
        f"# Self-assessment and national action plan / Самооценка и национальный план действий: {country} {year}",
        "# Format / Формат: self_assessments/README.md. Check / Проверка: teia-guide check",
        f"format: {assessments.FORMAT}",
        f"indicator_set: {q(indicator_set.version)}",
        f"country: {country}",
        f"edition: {year}",
        f"date: {dt.date.today().isoformat()}      # date the assessment was agreed / дата согласования самооценки",
        f"language: {lang}                # language of the texts below / язык текстов ниже",
        'prepared_by: ""',
        f"plan_below: {indicator_set.plan_below}",
        f"# level: {levels}",
        "scores:",
    ]
    for group in indicator_set.areas:
        area = guide.areas[group.area]
        lines.append(f"  # {area.number}. {area.title(lang)}")
        for number, indicator in enumerate(group.indicators, start=1):
            statement = area.indicators[indicator.statement - 1](lang)
            lines += [f"  # {area.number}.{number} {statement}", f"  {indicator.id}:", "    level:", '    evidence: ""']
    lines += [
        f"# status: {statuses}",
        "actions: []",
        "# actions:",
        f"#   - indicators: [{indicator_set.areas[0].indicators[0].id}]",
        '#     action: ""',
        '#     responsible: ""',
        '#     partners: ""',
        f"#     start: {year}-01-01",
        f"#     end: {year}-12-31",
        f"#     status: {indicator_set.statuses[0].id}",
    ]
    return "\n".join(lines) + "\n"


def write_assessment(root: Path, country: str, year: int, lang: str, indicator_set, guide,
                     known_countries: list[str]) -> tuple[Path, Problems]:
    """Write self_assessments/<ISO>/<year>.yml (never over an existing one) and check it as the build does."""
    target = root / country / f"{year}.yml"
    if target.exists():
        raise FileExistsError(f"{target} already exists / файл уже существует")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(assessment_text(country, year, lang, indicator_set, guide), encoding="utf-8")
    problems = Problems()
    assessments.read(target, indicator_set, problems, known_countries, country, year)
    return target, problems
