"""Every interface string in the page's language: the theme's and Python-Markdown's own strings
(permalinks, footnote back links, header and footer labels) never appear in English on a page of another
language, and each language has its own "page not found" page with search, language switch and a link home."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_pages import html_pages, page_file, parsed
from teiaguide.guide import load_guide
from teiaguide.languages import DEFAULT, LANGUAGES, prefix
from teiaguide.linkcheck import site_url

MATERIAL_EN = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "en.html"
# Strings the Markdown extensions write (mkdocs.yml markdown_extensions: toc, footnotes).
MARKDOWN_EN = ["Permanent link", "Jump back to footnote # in the text"]
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != DEFAULT]


def english_interface_strings() -> list[re.Pattern]:
    """The English strings of Material's language file (keys that are settings, not text, left out) and
    of the Markdown extensions, as patterns ('#' stands for a number)."""
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', MATERIAL_EN.read_text(encoding="utf-8"), re.M)
    texts = [text for key, text in pairs
             if not key.startswith(("search.config", "language", "direction")) and len(text) > 3]
    return [re.compile("^" + re.escape(text).replace("\\#", r"\d+").replace("#", r"\d+") + "$")
            for text in texts + MARKDOWN_EN]


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_no_english_theme_string_on_the_pages_of_another_language(site, lang):
    patterns = english_interface_strings()
    assert any(p.match("Permanent link") for p in patterns) and any(p.match("Back to top") for p in patterns)
    offences: dict[str, set[str]] = {}
    pages = html_pages(site, lang)
    for path in pages:
        doc = parsed(page_file(site, path))
        found = set()
        for element in doc.find_all(True):
            values = [element.get(attr) for attr in ATTRIBUTES if element.get(attr)]
            if not element.find(True) and element.string:
                values.append(element.string)
            for value in values:
                value = " ".join(str(value).split())
                if any(pattern.match(value) for pattern in patterns):
                    found.add(value)
        if found:
            offences[path] = found
    assert len(pages) > 40
    assert not offences, f"{len(offences)} {lang} pages show English theme strings:\n" + "\n".join(
        f"/{path}: {sorted(found)[:5]}" for path, found in offences.items())


def test_the_strings_are_translated_where_the_theme_writes_them(site, guide):
    """The localised permalink and footnote titles are really written (the scan above cannot pass by
    finding no heading or footnote at all)."""
    for lang in LANGUAGES:
        text = "".join((site / prefix(lang) / page / "index.html").read_text(encoding="utf-8")
                       for page in ("areas/prevention", "convention", "about"))
        assert f'title="{guide.t("permalink_title", lang)}"' in text, lang
        backlink = guide.t("footnote_backlink_title", lang).replace("{}", "1")
        pages = [p for p in (site / prefix(lang)).rglob("index.html") if "footnote-backref" in p.read_text(encoding="utf-8")]
        assert pages, f"no footnotes on the {lang} pages: the check of their back links proves nothing"
        assert any(f'title="{backlink}"' in p.read_text(encoding="utf-8") for p in pages), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_not_found_page(site, guide, lang):
    file = site / prefix(lang) / "404.html"
    doc = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    assert doc.html["lang"] == lang
    assert doc.h1.get_text(strip=True) == guide.t("not_found_title", lang)
    assert "404 - Not found" not in doc.get_text()
    assert doc.title.get_text().startswith(guide.t("not_found_title", lang))
    assert doc.select_one("[data-teia-search]"), f"{file}: no search"
    root = "/" + site_url().split("//", 1)[-1].partition("/")[2]          # path of the published site
    switch = {a["data-teia-alternate"]: a["href"] for a in doc.select("a[data-teia-alternate]")}
    assert switch == {code: root + prefix(code) for code in LANGUAGES}, switch
    home = doc.select_one("a[data-teia-home]")
    assert home and home["href"] == root + prefix(lang) and home.get_text(strip=True) == guide.t("not_found_home", lang)
    stylesheets = [link["href"] for link in doc.select("link[rel=stylesheet]")]
    assert stylesheets and all(href.startswith(root) for href in stylesheets), stylesheets
