"""Open questions: one page per language generated from data/open_questions.yml, in the Reference section
and as an appendix of each guide PDF; every entry with what is known, what would settle it and links
back to the pages where it matters; bad entries are reported with file, line and field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import open_questions
from teiaguide.guide import load_guide
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.problems import SourceError
from tests.test_pdf import guide_pdf, pdf_pages, squash


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_lists_every_question_with_known_settle_and_back_links(site, guide, lang):
    soup = _soup(site, f"{prefix(lang)}open-questions/index.html")
    article = soup.select_one("article")
    assert soup.h1.get_text(strip=True).rstrip("¶") == guide.t("oq_title", lang)
    entries = open_questions.entries(guide)
    assert len(entries) >= 3
    for entry in entries.values():
        heading = article.find(id=entry.id)
        assert heading is not None and heading.name == "h2", entry.id
        assert " ".join(heading.get_text().split()).rstrip("¶ ") == " ".join(entry.title(lang).split())
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(" ".join(sibling.get_text(" ").split()))
        text = " ".join(section)
        assert guide.t("oq_known", lang) in text and guide.t("oq_would_settle", lang) in text
        assert " ".join(entry.known(lang).split())[:60] in text
        links = [a for p in heading.find_next_siblings("p") for a in p.find_all("a")]
        for page in entry.pages:
            title = guide.pages[lang][page].meta.title
            link = next((a for a in links if " ".join(a.get_text().split()) == " ".join(title.split())), None)
            assert link is not None, (entry.id, page)
            target = (site / f"{prefix(lang)}open-questions/" / link["href"]).resolve() / "index.html"
            assert target.is_file(), link["href"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_is_in_the_reference_section(site, guide, lang):
    soup = _soup(site, f"{prefix(lang)}index.html")
    reference = "Reference" if lang == "en" else "Справочные материалы"
    section = next(item for item in soup.select("nav.md-nav--primary > ul > li.md-nav__item--nested")
                   if item.select_one("label.md-nav__title").get_text(strip=True) == reference)
    assert any(a["href"].rstrip("/").endswith("open-questions") for a in section.select("a[href]"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_the_page_as_an_appendix(site, guide, lang):
    pages = pdf_pages(guide_pdf(site, lang))
    first = next(iter(open_questions.entries(guide).values()))
    body = [index for index, page in enumerate(pages) if squash(first.known(lang))[:60] in squash(page)]
    assert body, "the Open questions page is not in the PDF"
    glossary = [index for index, page in enumerate(pages) if squash(guide.t("glossary_intro", lang))[:40] in squash(page)]
    assert glossary and body[0] > glossary[0], "Open questions come after the glossary, among the appendices"


@pytest.mark.parametrize("old,new,field,words", [
    ("  - id: annex1-2015-aggregation", "  - id: annex1-2015-eu-entries", r"open_questions[\d+].id", "повторяется"),
    ('      ru: "Присоединились ли', '      xx: "Присоединились ли', r"open_questions[\d+].title.xx", "неизвестное поле"),
    ("  - id: party-status-non-parties", "  - id: Party status", r"open_questions[\d+].id", "формату"),
    ("    pages: [convention.md]\n", "    pages: [no-such-page.md]\n", r"open_questions[\d+].pages[0]", "docs/en"),
])
def test_bad_entries_are_reported_with_line(tmp_path, monkeypatch, old, new, field, words):
    text = open_questions.SOURCE.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / "open_questions.yml"
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr(open_questions, "SOURCE", copy)
    with pytest.raises(SourceError) as caught:
        load_guide()
    report = str(caught.value)
    line = [n for n, line in enumerate(copy.read_text(encoding="utf-8").splitlines(), 1) if new.strip() in line][-1]
    assert re.search(rf"open_questions\.yml:{line}: " + re.escape(field).replace(r"\\d\+", r"\d+"), report), report
    assert words in report


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", ["open-questions/", "countries/", "contributors/"])
def test_new_pages_have_no_serious_accessibility_violation(site, server, page, lang, url):
    from tests.test_accessibility import AXE, BLOCKING, _describe
    page.goto(server + prefix(lang) + url)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(_describe(v) for v in blocking)
