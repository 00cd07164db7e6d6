"""The quiz on the Convention's main requirements (data/quiz.yml): one source, three pages per language.

    quiz/index.md        interactive quiz (questions as fieldsets; overrides/assets/javascripts/quiz.js
                         checks the answers in the browser; without JavaScript the questions stay readable)
    quiz/handout.md      printable handout for workshops: questions and answer boxes, no answers
    quiz/answer-key.md   the answer key: correct option(s), explanation, basis, link to the chapter

Every working-area chapter also gets a "Test yourself" section linking to its questions.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import StringConstraints, create_model

from ..generated import Generated
from ..languages import LANGUAGES
from ..locale import plural_form
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text, Translated, language_fields
from ..render import render
from ..yamlsource import line_of, load_yaml_file, validate
from . import pages as pages_feature

SOURCE = DATA / "quiz.yml"
GENERATED_FROM = "data/quiz.yml"
PAGE = "quiz/index.md"
HANDOUT = "quiz/handout.md"
ANSWER_KEY = "quiz/answer-key.md"
GENERAL = "general"            # questions on the Convention as a whole, not on one working area

# "areas/prevention.md#requires": a hand-written page and the explicit id of one of its headings
Link = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md#[a-z0-9]+(-[a-z0-9]+)*$")]


class _Option(Translated, Record):
    id: Slug
    correct: bool = False

    def strings(self) -> dict[str, str | None]:
        return {code: getattr(self, code) for code in LANGUAGES}


# an option's text is under language keys next to its id: {id: a, en: "…", ru: "…", correct: true}
Option = create_model("Option", __base__=_Option, **language_fields())


class Question(Record):
    id: Slug
    area: Slug
    basis: NonEmpty                 # article(s)/annex(es) in English form: "Art. 4(1); Annex III, para. 2"
    fact: int                       # item number in ../shared/domain/quiz_facts.md (provenance)
    kind: Literal["single", "multiple"]
    question: Text
    options: list[Option]
    explanation: Text
    link: Link

    @property
    def correct(self) -> list[Option]:
        return [option for option in self.options if option.correct]


class Quiz(Record):
    questions: list[Question]

    def by_area(self, area: str) -> list[Question]:
        return [question for question in self.questions if question.area == area]


# --- loading and validation ------------------------------------------------------------------------------

def load(guide, problems: Problems, source: Path | None = None) -> None:
    source = source or SOURCE
    tree = load_yaml_file(source, problems)
    if tree is None:
        return
    if not isinstance(tree, dict) or not isinstance(tree.get("questions"), list):
        problems.add(source, 1, "questions", "the file must hold a list 'questions:'",
                     "файл должен содержать список 'questions:'")
        return
    for key in tree:
        if key != "questions":
            problems.add(source, line_of(tree, (key,)), str(key), "unknown field (check the spelling)",
                         "неизвестное поле (проверьте написание)")
    if not tree["questions"]:
        problems.add(source, line_of(tree, ("questions",)), "questions",
                     "the quiz needs at least one question (the quiz pages, handout and answer key are built from them)",
                     "в тесте должен быть хотя бы один вопрос (из них строятся страницы теста, раздаточный материал и ключ)")
        return
    before = len(problems)
    questions = []
    for index in range(len(tree["questions"])):
        question = validate(Question, tree, source, problems, at=("questions", index))
        if question is not None:
            _check_question(question, index, tree, source, problems, guide)
            questions.append(question)
    _check_unique_ids(questions, tree, source, problems)
    if len(problems) == before:
        guide.quiz = Quiz(questions=questions)


def _check_question(question: Question, index: int, tree, source: Path, problems: Problems, guide) -> None:
    def report(loc: tuple, en: str, ru: str) -> None:
        full = ("questions", index, *loc)
        problems.add(source, line_of(tree, full), _dotted(full), f"question '{question.id}': {en}",
                     f"вопрос '{question.id}': {ru}")

    if len(question.options) < 2:
        report(("options",), "a question needs at least two options", "у вопроса должно быть не менее двух вариантов ответа")
    correct = len(question.correct)
    if correct == 0:
        report(("options",), "no option is marked 'correct: true'", "ни один вариант не отмечен как 'correct: true'")
    elif question.kind == "single" and correct > 1:
        report(("kind",), f"a single-choice question must have exactly one correct option, found {correct}; "
               "use 'kind: multiple' or unmark the others",
               f"у вопроса с одним ответом должен быть ровно один верный вариант, найдено: {correct}; "
               "укажите 'kind: multiple' или снимите отметку с остальных")
    seen: dict[str, int] = {}
    for position, option in enumerate(question.options):
        if option.id in seen:
            report(("options", position, "id"), f"duplicate option id '{option.id}'",
                   f"повторяющийся идентификатор варианта '{option.id}'")
        seen.setdefault(option.id, position)
    if guide.areas is not None and question.area != GENERAL and question.area not in guide.areas:
        known = ", ".join([GENERAL, *guide.areas])
        report(("area",), f"unknown working area '{question.area}'; known: {known}",
               f"неизвестная рабочая область '{question.area}'; допустимо: {known}")
    if guide.pages is not None:
        _check_link(question, report, guide)


def _check_link(question: Question, report, guide) -> None:
    """The link must point at a hand-written page and at a heading id that page really has."""
    path, _, anchor = question.link.partition("#")
    versions = [guide.pages[lang][path] for lang in LANGUAGES if path in guide.pages[lang]]
    if not versions:
        folders = ", ".join(f"docs/{lang}" for lang in LANGUAGES)
        report(("link",), f"the page '{path}' does not exist in {folders}",
               f"страница '{path}' отсутствует в {folders}")
        return
    for page in versions:
        if not re.search(r"\{[^}\n]*#" + re.escape(anchor) + r"(?![\w-])", page.text):
            report(("link",), f"the page '{page.lang}/{path}' has no heading with the id '#{anchor}'",
                   f"на странице '{page.lang}/{path}' нет заголовка с идентификатором '#{anchor}'")


def _check_unique_ids(questions: list[Question], tree, source: Path, problems: Problems) -> None:
    first: dict[str, int] = {}
    for index, item in enumerate(tree["questions"]):
        question_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(question_id, str):
            continue
        if question_id in first:
            problems.add(source, line_of(tree, ("questions", index, "id")), f"questions[{index}].id",
                         f"duplicate question id '{question_id}' (first used at line {first[question_id]})",
                         f"повторяющийся идентификатор вопроса '{question_id}' (впервые: строка {first[question_id]})")
        else:
            first[question_id] = line_of(tree, ("questions", index, "id"))


def _dotted(loc: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


# --- views for the templates --------------------------------------------------------------------------

def _area_groups(guide, lang: str) -> list[dict]:
    """Questions grouped by area: the Convention in general first, then the working areas in their order."""
    titles = {GENERAL: guide.t("quiz_area_general", lang)}
    titles.update({area_id: area.title(lang) for area_id, area in guide.areas.items()})
    groups, number = [], 0
    for area_id, title in titles.items():
        questions = []
        for question in guide.quiz.by_area(area_id):
            number += 1
            questions.append(_question_view(question, number, guide, lang))
        if questions:
            groups.append({"id": area_id, "title": title, "questions": questions})
    return groups


def _question_view(question: Question, number: int, guide, lang: str) -> dict:
    letters = guide.t("quiz_letters", lang)
    options = [{"id": option.id, "letter": letters[position], "text": option(lang), "correct": option.correct}
               for position, option in enumerate(question.options)]
    path, _, anchor = question.link.partition("#")
    hint = guide.t("quiz_hint_single" if question.kind == "single" else "quiz_hint_multiple", lang)
    text = question.question(lang)
    return {
        "id": question.id,
        "number": number,
        "kind": question.kind,
        "text": text,
        "hint": hint,
        # the handout repeats the hint after the question unless the question already says it
        "hint_in_text": hint.rstrip(".").lower() in text.lower(),
        "options": options,
        "correct": [option for option in options if option["correct"]],
        "explanation": question.explanation(lang),
        "basis": localise_basis(question.basis, lang, guide),
        "href": posixpath.relpath(path, posixpath.dirname(PAGE)) + "#" + anchor,
        "link_title": _link_title(guide, lang, path, anchor),
    }


def _link_title(guide, lang: str, path: str, anchor: str) -> str:
    """'Page title: section heading' of the link target, in the reader's language when it exists."""
    return pages_feature.section_title(guide, lang, path, anchor)


# English reference words of `basis` and the ui.yml key of their Russian form, longest first.
_REFERENCE_WORDS = {
    "Law of Kazakhstan No.": "quiz_ref_law_kz", "CoP decision": "quiz_ref_cop_decision",
    "decisions": "quiz_ref_decisions", "Preamble": "quiz_ref_preamble", "Annex": "quiz_ref_annex",
    "Art.": "quiz_ref_article", "Part": "quiz_ref_part", "para.": "quiz_ref_para", "entry": "quiz_ref_entry",
    "and": "quiz_ref_and",
}


def localise_basis(basis: str, lang: str, guide) -> str:
    """'Art. 4(1); Annex III, para. 2' -> 'ст. 4(1); приложение III, п. 2' (symbols stay as they are)."""
    pattern = r"(?<![\w.])(" + "|".join(re.escape(word) for word in _REFERENCE_WORDS) + r")(?![\w])"
    return re.sub(pattern, lambda match: guide.t(_REFERENCE_WORDS[match.group(1)], lang), basis)


def _count_words(count: int, lang: str, guide) -> str:
    """'8 questions' / '8 вопросов': the language's plural form (CLDR), one of the forms data/ui.yml has."""
    return f"{count} {guide.t('quiz_question_' + plural_form(count, lang, ('one', 'few', 'many')), lang)}"


# --- generated pages --------------------------------------------------------------------------------------

def generate(guide, lang: str) -> Iterator[Generated]:
    if guide.quiz is None:
        return
    context = {"ui": guide.ui.for_lang(lang), "lang": lang, "groups": _area_groups(guide, lang),
               "total": len(guide.quiz.questions), "generated_from": GENERATED_FROM}
    for path, template in ((PAGE, "quiz.md.j2"), (HANDOUT, "quiz_handout.md.j2"), (ANSWER_KEY, "quiz_answer_key.md.j2")):
        yield Generated(path, render(template, **context), records=guide.quiz)


def chapter_sections(guide, area: str, lang: str) -> str:
    if guide.quiz is None:
        return ""
    count = len(guide.quiz.by_area(area))
    if not count:
        return ""
    chapter = next((path for pages in guide.pages.values() for path, page in pages.items() if page.meta.area == area),
                   f"areas/{area}.md")
    folder = posixpath.dirname(chapter)
    return render("quiz_section.md.j2", ui=guide.ui.for_lang(lang), area=area,
                  count=_count_words(count, lang, guide),
                  quiz=posixpath.relpath(PAGE, folder), handout=posixpath.relpath(HANDOUT, folder))
