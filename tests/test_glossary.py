"""Glossary: the data (both languages, definitions, ids the chapters link to), the generated page in each
language, hover definitions in chapters, and file:line errors in English and Russian for a bad file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import glossary
from teiaguide.features import ui as features_ui
from teiaguide.guide import Guide
from teiaguide.paths import DOCS
from teiaguide.problems import Problems

PAGE = {"en": "glossary/index.html", "ru": "ru/glossary/index.html"}


@pytest.fixture(scope="module")
def ui():
    guide, problems = Guide(), Problems()
    features_ui.load(guide, problems)
    return guide.ui


@pytest.fixture(scope="module")
def data() -> glossary.Glossary:
    guide, problems = Guide(), Problems()
    glossary.load(guide, problems)
    assert not problems, problems.report()
    return guide.glossary


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


# --- data ------------------------------------------------------------------------------------------------

def test_every_term_has_both_languages_and_a_definition(data):
    assert len(data.terms) >= 70
    for term in data.terms:
        for lang in ("en", "ru"):
            assert term.term(lang).strip(), f"{term.id}: no {lang} term"
            assert len(term.definition(lang)) > 20, f"{term.id}: no real {lang} definition"
        assert re.search("[а-яё]", term.definition("ru"), re.I), f"{term.id}: Russian definition is not in Russian"
        assert term.definition("ru") != term.definition("en")


def test_every_glossary_link_in_the_chapters_has_its_term(data):
    ids = set(data.by_id())
    for file in sorted(DOCS.rglob("*.md")):
        for anchor in re.findall(r"glossary/index\.md#([^)\s]+)", file.read_text(encoding="utf-8")):
            assert anchor in ids, f"{file.relative_to(DOCS)} links to glossary #{anchor}, which data/glossary.yml lacks"


def test_hover_definitions_use_multi_word_forms_in_the_readers_language(data):
    english = glossary.hover_definitions(data, "en")
    russian = glossary.hover_definitions(data, "ru")
    hazardous = data.by_id()["hazardous-activity"]
    assert english["hazardous activities"] == hazardous.definition("en")
    assert russian["опасной деятельности"] == hazardous.definition("ru")
    assert russian["Опасная деятельность"] == hazardous.definition("ru")      # start of a sentence or heading
    # single common words and everyday phrases would underline half of every page
    for noisy in ("operator", "effects", "the public", "The public", "action plan"):
        assert noisy not in english
    for noisy in ("оператор", "общественность", "воздействие", "план действий"):
        assert noisy not in russian


# --- built pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_glossary_page_lists_every_term_with_its_anchor(site, data, ui, lang):
    page = soup(site, PAGE[lang])
    assert page.html["lang"] == lang
    content = page.select_one("article")
    other = "ru" if lang == "en" else "en"
    for term in data.terms:
        heading = content.find(id=term.id)
        assert heading is not None and heading.name == "h2", f"{PAGE[lang]}: no heading #{term.id}"
        assert heading.get_text().lower().startswith(term.term(lang).lower()), f"#{term.id}: {heading.get_text()!r}"
        entry = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            entry.append(sibling.get_text(" ", strip=True))
        entry_text = " ".join(entry)
        assert term.term(other) in entry_text, f"#{term.id}: the {other} term is missing"
        assert term.definition(lang) in entry_text, f"#{term.id}: the definition is missing"
        label = ui.get(f"glossary_source_{term.ru_source}", lang)
        assert label in entry_text, f"#{term.id}: no label for ru_source {term.ru_source} ({label!r})"
    assert not content.find("abbr"), "the glossary page itself needs no hover definitions"


def test_glossary_page_marks_official_convention_terms(site, data):
    page = soup(site, PAGE["ru"])
    entry = page.find(id="hazardous-activity").find_next_sibling(class_="teia-glossary__badge")
    assert "teia-glossary__badge--convention_ru" in entry["class"]
    assert "официальный текст Конвенции" in entry.get_text()
    entry = page.find(id="point-of-contact").find_next_sibling(class_="teia-glossary__badge")
    assert "teia-glossary__badge--our_rendering" in entry["class"]
    assert "ст. 17" in page.find(id="point-of-contact").find_next_sibling(class_="teia-glossary__provision").get_text()


@pytest.mark.parametrize("lang, path, text", [
    ("en", "areas/identification/index.html", "hazardous activities"),
    ("ru", "ru/areas/identification/index.html", "опасных видов деятельности"),
])
def test_chapter_shows_definitions_on_hover_in_the_readers_language(site, data, lang, path, text):
    content = soup(site, path).select_one("article")
    definition = data.by_id()["hazardous-activity"].definition(lang)
    hits = [abbr for abbr in content.find_all("abbr") if abbr.get_text() == text]
    assert hits, f"{path}: no <abbr> on {text!r}"
    assert hits[0]["title"] == definition
    titles = {abbr["title"] for abbr in content.find_all("abbr")}
    wrong_language = {term.definition("ru" if lang == "en" else "en") for term in data.terms}
    assert not titles & wrong_language


# --- errors ----------------------------------------------------------------------------------------------

BAD = """\
terms:
  - id: hazardous-activity
    term: {en: "hazardous activity"}
    definition: {en: "An activity with hazardous substances.", ru: "Деятельность с опасными веществами."}
    ru_source: convention_ru
  - id: operator
    term: {en: "operator", ru: "оператор"}
    definition: {en: "Person in charge.", ru: "Лицо, отвечающее за деятельность."}
    ru_source: convention_ru
  - id: operator
    term: {en: "operators", ru: "операторы"}
    definition: {en: "Persons in charge.", ru: "Лица, отвечающие за деятельность."}
    ru_source: official_translation
"""


def load_problems(tmp_path, monkeypatch, text: str) -> tuple[Guide, list[str]]:
    source = tmp_path / "glossary.yml"
    source.write_text(text, encoding="utf-8")
    monkeypatch.setattr(glossary, "SOURCE", source)
    guide, problems = Guide(), Problems()
    glossary.load(guide, problems)
    return guide, problems.report().splitlines()


def test_bad_glossary_gives_file_line_errors_in_english_and_russian(tmp_path, monkeypatch):
    guide, lines = load_problems(tmp_path, monkeypatch, BAD)
    assert guide.glossary is None
    where = f"{tmp_path / 'glossary.yml'}"
    expected = [
        f"{where}:3: terms[0].term.ru: Field required",
        f"{where}:3: terms[0].term.ru: обязательное поле отсутствует",
        f"{where}:10: terms[2].id: duplicate term id 'operator' (first used on line 6)",
        f"{where}:10: terms[2].id: повторяющийся идентификатор термина 'operator' (впервые на строке 6)",
        f"{where}:13: terms[2].ru_source: unknown ru_source 'official_translation'; use one of: "
        "convention_ru, unece_ru, national_law_ru, our_rendering",
        f"{where}:13: terms[2].ru_source: неизвестное значение ru_source 'official_translation'; допустимо: "
        "convention_ru, unece_ru, national_law_ru, our_rendering",
    ]
    for line in expected:
        assert line in lines, f"missing: {line}\nreport:\n" + "\n".join(lines)


TWO_OWNERS = """\
terms:
  - id: operator
    term: {en: "operator", ru: "оператор"}
    definition: {en: "Person in charge.", ru: "Лицо, отвечающее за деятельность."}
    ru_source: convention_ru
  - id: operator-team
    term: {en: "operator team", ru: "команда оператора"}
    definition: {en: "Staff of the operator.", ru: "Персонал оператора."}
    ru_source: our_rendering
    forms_ru: ["команды оператора", "оператор"]
"""


def test_a_form_may_belong_to_one_term_only(tmp_path, monkeypatch):
    guide, lines = load_problems(tmp_path, monkeypatch, TWO_OWNERS)
    assert guide.glossary is None
    assert any(line.endswith(":10: terms[1].forms_ru: form 'оператор' already belongs to term 'operator'") for line in lines), lines
    assert any(line.endswith(":10: terms[1].forms_ru: форма «оператор» уже относится к термину 'operator'") for line in lines), lines
