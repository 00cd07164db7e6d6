"""The built quiz pages, as a reader gets them: the interactive quiz (readable without JavaScript), the
workshop handout without answers, the answer key, and the "Test yourself" section of every chapter."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from teiaguide.features.quiz import localise_basis
from teiaguide.guide import load_guide

LANGS = {"en": "", "ru": "ru/"}


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main_content(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_page_has_every_question_as_a_labelled_fieldset(site, guide, lang):
    page = soup(site, f"{LANGS[lang]}quiz/index.html")
    assert page.html["lang"] == lang
    assert norm(page.h1.get_text()) .startswith(guide.t("quiz_title", lang))
    fieldsets = page.select("form[data-teia-quiz] fieldset[data-question]")
    assert [f["data-question"] for f in fieldsets] == [q.id for q in _in_page_order(guide)]
    for question, fieldset in zip(_in_page_order(guide), fieldsets):
        legend = norm(fieldset.legend.get_text())
        assert legend.endswith(question.question(lang)), legend
        inputs = fieldset.select("input")
        assert [i["value"] for i in inputs] == [o.id for o in question.options]
        assert {i["type"] for i in inputs} == {"radio" if question.kind == "single" else "checkbox"}
        assert len({i["name"] for i in inputs}) == 1
        for option, field in zip(question.options, inputs):
            label = page.select_one(f'label[for="{field["id"]}"]')
            assert norm(label.get_text()) == option(lang)
        # the explanation waits, hidden, until the reader checks the answer
        feedback = fieldset.select_one("[data-teia-quiz-feedback]")
        assert feedback.has_attr("hidden")
        assert question.explanation(lang) in norm(feedback.get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_page_without_javascript_points_to_the_answer_key(site, lang):
    page = soup(site, f"{LANGS[lang]}quiz/index.html")
    note = page.select_one("[data-teia-quiz-nojs]")
    assert note is not None and not note.has_attr("hidden")
    assert note.select_one('a[href="answer-key/"]') is not None
    # controls that need the script are hidden until it runs; the live region is there for it
    assert page.select_one("[data-teia-quiz-controls]").has_attr("hidden")
    assert page.select_one("[data-teia-quiz-live]")["aria-live"] == "polite"
    assert page.select_one('script[src$="assets/javascripts/quiz.js"]') is not None


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_links_lead_to_existing_chapter_sections(site, lang):
    base = f"{LANGS[lang]}quiz/"
    page = soup(site, base + "index.html")
    links = [a["href"] for a in page.select("[data-teia-quiz-feedback] a")]
    assert len(links) == len(page.select("fieldset[data-question]"))
    for href in set(links):
        target = urlsplit(urljoin("/" + base, href))
        assert target.fragment, href
        html = site / target.path.lstrip("/") / "index.html"
        assert html.is_file(), href
        assert soup(site, str(html.relative_to(site))).find(id=target.fragment) is not None, href


@pytest.mark.parametrize("lang", LANGS)
def test_handout_has_every_question_and_option_but_no_answer(site, guide, lang):
    page = soup(site, f"{LANGS[lang]}quiz/handout/index.html")
    printable = page.select_one('[data-teia-print="quiz-handout"]')
    assert printable is not None
    text = norm(printable.get_text(" "))
    numbered = [norm(p.get_text(" ")) for p in printable.select(".teia-quiz-handout__question > p")]
    for number, question in enumerate(_in_page_order(guide), start=1):
        assert any(line.startswith(f"{number}. {question.question(lang)}") for line in numbered), question.id
        for option in question.options:
            assert option(lang) in text
        assert question.explanation(lang) not in text
    assert text.count("☐") == sum(len(q.options) for q in guide.quiz.questions)
    # nothing in the handout says or marks which option is right
    for word in (guide.t("quiz_correct_answer", lang), guide.t("quiz_correct_answers", lang)):
        assert word not in main_content(page).get_text()
    assert not main_content(page).select("[data-correct], .is-answer, [class*=correct], [class*=answer]")


@pytest.mark.parametrize("lang", LANGS)
def test_handout_gives_each_option_its_own_line_and_answer_box(site, guide, lang):
    """On the page (and so on paper) every option is a list item of its own with one box, not a run of
    options inside the question's paragraph."""
    page = soup(site, f"{LANGS[lang]}quiz/handout/index.html")
    blocks = page.select(".teia-quiz-handout__question")
    for question, block in zip(_in_page_order(guide), blocks):
        assert "☐" not in block.p.get_text(), f"{question.id}: options run on in the question's paragraph"
        items = block.select("ul > li")
        assert [norm(item.get_text(" ")).split(" ", 2)[2] for item in items] == [o(lang) for o in question.options]
        assert all(item.get_text().count("☐") == 1 for item in items), question.id


@pytest.mark.parametrize("lang", LANGS)
def test_answer_key_has_every_correct_answer_with_explanation_and_basis(site, guide, lang):
    page = soup(site, f"{LANGS[lang]}quiz/answer-key/index.html")
    printable = page.select_one('[data-teia-print="quiz-answer-key"]')
    blocks = printable.select(".teia-quiz-key__question")
    assert [b["id"] for b in blocks] == [f"q-{q.id}" for q in _in_page_order(guide)]
    for question, block in zip(_in_page_order(guide), blocks):
        answer = block.select_one(".teia-quiz-key__answer")
        assert answer["data-correct"].split() == [o.id for o in question.correct]
        answer_text = norm(answer.get_text(" "))
        for option in question.options:
            assert (option(lang) in answer_text) == option.correct, (question.id, option.id)
        text = norm(block.get_text(" "))
        assert question.explanation(lang) in text
        assert localise_basis(question.basis, lang, guide) in text


def test_russian_answer_key_translates_the_references(site):
    text = norm(soup(site, "ru/quiz/answer-key/index.html").get_text(" "))
    assert "преамбула; ст. 30" in text and "приложение III, п. 2" in text
    assert "Art. " not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_links_to_its_questions(site, guide, lang):
    quiz = soup(site, f"{LANGS[lang]}quiz/index.html")
    for area in guide.areas:
        count = len(guide.quiz.by_area(area))
        chapter = soup(site, f"{LANGS[lang]}areas/{area}/index.html")
        heading = chapter.find("h2", id="quiz")
        assert heading is not None and norm(heading.get_text()).startswith(guide.t("quiz_section_title", lang))
        section = heading.find_next("p")
        assert re.search(rf"\b{count}\b", section.get_text()), area
        link = heading.find_next("a", href=re.compile(r"quiz/#area-"))
        assert link["href"] == f"../../quiz/#area-{area}"
        assert quiz.find(id=f"area-{area}") is not None
        assert len(quiz.select(f'section[data-area="{area}"] fieldset')) == count


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_pages_are_in_the_tools_section_of_the_navigation(site, lang):
    page = soup(site, f"{LANGS[lang]}index.html")
    hrefs = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
    for path in ("quiz/", "quiz/handout/", "quiz/answer-key/"):
        assert path in hrefs


def _in_page_order(guide):
    """Questions as the pages list them: the Convention in general first, then the working areas."""
    order = ["general", *guide.areas]
    return sorted(guide.quiz.questions, key=lambda q: order.index(q.area))
