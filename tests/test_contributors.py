"""Reader pages speak to readers: maintainers' pages (translation status, commands, contribution steps)
live in a "For contributors" section at the end of the navigation, out of the PDFs; the pages generated
from data say nothing about repositories, commands or files; the edit pencil appears only on pages that
have a hand-written source."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_pages import parsed
from teiaguide.guide import load_guide
from teiaguide.languages import LANGUAGES, prefix
from tests.test_pdf import guide_pdf, pdf_pages, squash

INTERNAL = re.compile(r"pull request|запрос на слияние|teia-guide (?:build|pack|check|serve|notify|status)|\bmake (?:check|serve|site|test|pack|status|links|words|bench)\b|\bdata/|\.ya?ml\b|(?-i:CONTRIBUTING)|"
                      r"github|\bgit\b|\bcommit\b|задани[еяю] проекта|project brief", re.I)
# pages generated from data and templates for readers (the maintainers' pages are contributors/, status/)
GENERATED_FOR_READERS = ("downloads/", "practices/", "countries/", "countries/kz/", "glossary/", "open-questions/",
                         "quiz/", "quiz/handout/", "quiz/answer-key/")


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def _soup(site: Path, lang: str, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / prefix(lang) / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contributors_section_is_last_and_holds_the_maintainers_pages(site, guide, lang):
    soup = _soup(site, lang, "")
    sections = soup.select("nav.md-nav--primary > ul > li.md-nav__item--nested")
    last = sections[-1]
    assert last.select_one("label.md-nav__title").get_text(strip=True) == guide.t("contrib_title", lang)
    hrefs = [a["href"] for a in last.select("a[href]")]
    assert any("contributors" in href for href in hrefs) and any("status" in href for href in hrefs)
    for section in sections[:-1]:
        assert not any("status" in a["href"] for a in section.select("a[href]"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", GENERATED_FOR_READERS)
def test_generated_reader_pages_say_nothing_internal(site, lang, url):
    article = _soup(site, lang, url).select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert not INTERNAL.search(text), INTERNAL.search(text).group(0) + " on " + url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_edit_pencil_only_on_hand_written_pages(site, guide, lang):
    for url in ("downloads/", "countries/", "countries/kz/", "glossary/", "open-questions/", "contributors/", "status/",
                "practices/"):
        assert _soup(site, lang, url).select_one("a.md-content__button[href*='edit']") is None, url
    for path in guide.pages[lang]:
        url = "" if path == "index.md" else path.removesuffix(".md").removesuffix("index") + ("/" if not path.endswith("index.md") else "")
        pencil = _soup(site, lang, url).select_one("a.md-content__button[href*='edit']")
        assert pencil is not None and pencil["href"].endswith(f"docs/{lang}/{path}"), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contributors_pages_are_not_in_the_pdf(site, guide, lang):
    text = squash("".join(pdf_pages(guide_pdf(site, lang))))
    assert squash(guide.t("contrib_intro", lang)) not in text
    assert squash(guide.t("status_intro", lang))[:60] not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_reader_page_speaks_of_repositories_commands_or_files(site, lang):
    """Every page outside the contributors' section, hand-written or generated."""
    root = site / prefix(lang)
    others = [site / code for code in LANGUAGES if prefix(code) and code != lang]
    found = []
    for path in sorted(root.rglob("index.html")):
        rel = path.relative_to(root).as_posix()
        if "pagefind" in path.parts or any(path.is_relative_to(other) for other in others) \
                or rel.startswith(("contributors/", "status/")):
            continue
        article = parsed(path).select_one("article")
        text = " ".join(article.get_text(" ").split()) if article else ""
        found += [f"{rel}: …{text[max(0, m.start() - 50):m.end() + 30]}…" for m in INTERNAL.finditer(text)]
    assert not found, "\n".join(found)
