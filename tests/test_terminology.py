"""One terminology: the built pages use the one form data/terminology.yml gives for each term and body.

Titles of cited documents (<cite>) keep their own wording, and code is not prose; everything else a
reader sees on a page of the language is checked. The data file itself is validated like all data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import terminology
from teiaguide.guide import load_guide
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.problems import SourceError


@pytest.fixture(scope="module")
def terms():
    return load_guide().extra["terminology"]


def _reader_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    for element in article.select("cite, code, pre, .headerlink"):
        element.decompose()
    return " ".join(article.get_text(" ").split())


def _pages(site: Path, lang: str) -> list[Path]:
    root = site / prefix(lang)
    others = [site / code for code in LANGUAGES if prefix(code) and code != lang]
    return [path for path in sorted(root.rglob("index.html"))
            if "pagefind" not in path.parts and not any(path.is_relative_to(other) for other in others)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_pages_use_one_form_per_term(site, terms, lang):
    found = []
    for path in _pages(site, lang):
        text = _reader_text(path)
        for term in terms:
            for pattern in term.variant_patterns(lang):
                for match in pattern.finditer(text):
                    found.append(f"{path.relative_to(site).as_posix()}: «{match.group(0)}» "
                                 f"(use «{term.preferred(lang)}»): …{text[max(0, match.start() - 40):match.end() + 20]}…")
    assert not found, f"{len(found)} variant(s):\n" + "\n".join(found)


def test_the_preferred_russian_forms_are_on_the_pages(site, terms):
    text = " ".join(_reader_text(path) for path in _pages(site, "ru"))
    for term_id in ("self-assessment", "good-practice", "point-of-contact", "competent-authority"):
        term = next(term for term in terms if term.id == term_id)
        stem = term.preferred("ru").split()[0][:-2].lower()
        assert stem in text.lower(), term_id


def test_variants_are_not_preferred_forms(terms):
    for term in terms:
        for lang in LANGUAGES:
            assert not any(pattern.search(term.preferred(lang)) for pattern in term.variant_patterns(lang)), term.id


def test_bad_expression_is_reported_with_line(tmp_path, monkeypatch):
    text = terminology.SOURCE.read_text(encoding="utf-8")
    old = "ru: ['викторин\\w*']"
    assert old in text
    copy = tmp_path / "terminology.yml"
    copy.write_text(text.replace(old, "ru: ['викторин(\\w*']", 1), encoding="utf-8")
    monkeypatch.setattr(terminology, "SOURCE", copy)
    with pytest.raises(SourceError) as caught:
        load_guide()
    lines = copy.read_text(encoding="utf-8").splitlines()
    bad = next(n for n, line in enumerate(lines, 1) if "викторин(" in line)
    line = max(n for n, text in enumerate(lines[:bad], 1) if text.strip() == "variants:")   # the field's line
    report = str(caught.value)
    assert re.search(rf"terminology\.yml:{line}: terms\[\d+\]\.variants", report), report
    assert "регулярное выражение" in report


# Numbers as the style sheet says: a decimal comma in Russian (0,75 т), a decimal point in English (0.75 t).
WRONG_DECIMAL = {
    "ru": re.compile(r"(?<![\w./(-])\d+\.\d+\s?(?:т|тонн\w*|%|км|кг)(?!\w)"),
    "en": re.compile(r"(?<![\w./(-])\d+,\d{1,2}\s?(?:t|tonnes|%|km|kg)(?!\w)"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decimal_sign_of_the_language(site, lang):
    found = [f"{path.relative_to(site).as_posix()}: {match.group(0)}"
             for path in _pages(site, lang) for match in WRONG_DECIMAL[lang].finditer(_reader_text(path))]
    assert not found, "\n".join(found)
