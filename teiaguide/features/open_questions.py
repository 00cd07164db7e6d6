"""Open questions (data/open_questions.yml): what the guide cannot state as settled yet, on one page.

Each entry says what is known and what would settle it, and links back to the pages where it matters;
the page (open-questions/index.md) is also an appendix of each guide PDF. Other data can point at an
entry (`open_question: <id>` in data/countries.yml), so that a fact still open carries one link to its
explanation instead of a warning on every row.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..generated import Generated
from ..languages import LANGUAGES
from ..paths import DATA, ROOT
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text
from ..render import render
from ..yamlsource import line_of, load_data_file
from . import pages as pages_feature

SOURCE = DATA / "open_questions.yml"
PAGE = "open-questions/index.md"


class OpenQuestion(Record):
    id: Slug
    title: Text
    known: Text                   # Markdown paragraph
    would_settle: Text            # Markdown paragraph
    pages: list[NonEmpty] = []    # hand-written pages where it matters, relative to docs/<lang>/


class OpenQuestionsFile(Record):
    open_questions: list[OpenQuestion]


def entries(guide) -> dict[str, OpenQuestion] | None:
    """The entries by id, or None if the file did not load."""
    return guide.extra.get("open_questions")


def link(from_page: str, question: str) -> str:
    """Markdown link target from a page (path relative to docs/<lang>/) to an entry of the page."""
    return posixpath.relpath(PAGE, posixpath.dirname(from_page) or ".") + "#" + question


def load(guide, problems: Problems) -> None:
    loaded = load_data_file(SOURCE, OpenQuestionsFile, problems)
    if loaded is None:
        return
    tree, data = loaded
    valid = True
    seen: set[str] = set()
    for index, entry in enumerate(data.open_questions):
        if entry.id in seen:
            problems.add(SOURCE, line_of(tree, ("open_questions", index, "id")), f"open_questions[{index}].id",
                         f"duplicate id '{entry.id}': each question needs its own (it is the anchor on the page)",
                         f"идентификатор '{entry.id}' повторяется: у каждого вопроса должен быть свой (это якорь на странице)")
            valid = False
        seen.add(entry.id)
        for p_index, page in enumerate(entry.pages):
            # a page missing in some languages is staged there from another (pages.missing_translations)
            if guide.pages is not None and not any(page in guide.pages[lang] for lang in LANGUAGES):
                folders = ", ".join(f"docs/{lang}/" for lang in LANGUAGES)
                problems.add(SOURCE, line_of(tree, ("open_questions", index, "pages", p_index)),
                             f"open_questions[{index}].pages[{p_index}]",
                             f"no page '{page}' in {folders} (write the path relative to docs/<lang>/, e.g. areas/identification.md)",
                             f"страницы '{page}' нет ни в одной из папок {folders} (укажите путь относительно docs/<язык>/, например areas/identification.md)")
                valid = False
    if valid:
        guide.extra["open_questions"] = {entry.id: entry for entry in data.open_questions}


def _back_links(guide, entry: OpenQuestion, lang: str) -> list[dict]:
    """The pages where the question matters: those the entry lists, then the generated pages whose data
    points at it (country facts)."""
    links = []
    for page in entry.pages:
        meta = pages_feature.shown(guide, lang, page).meta
        links.append({"title": meta.title, "href": posixpath.relpath(page, posixpath.dirname(PAGE))})
    if guide.countries is not None:
        pointing = [note for note in guide.countries.regional_notes if note.open_question == entry.id]
        if pointing:
            links.append({"title": guide.t("ct_index_title", lang), "href": "../countries/index.md"})
        for country in guide.countries:
            if any(fact.open_question == entry.id for fact in country.facts()):
                links.append({"title": country.name(lang), "href": f"../{country.page}"})
    return links


def generate(guide, lang: str) -> Iterator[Generated]:
    questions = entries(guide) or {}
    items = [{"entry": entry, "pages": _back_links(guide, entry, lang)} for entry in questions.values()]
    yield Generated(PAGE, render("open_questions.md.j2", lang=lang, t=lambda key: guide.t(key, lang),
                                 items=items, source_file=SOURCE.relative_to(ROOT).as_posix()),
                    records=list(questions.values()))
