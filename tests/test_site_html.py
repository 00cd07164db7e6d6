"""The built site as a reader gets it: both languages, right `lang`, a language switcher that keeps the
page, nothing loaded from another host."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from teiaguide.languages import DEFAULT, LANGUAGES


def pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        yield rel, file


def language_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT else DEFAULT


def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def test_both_languages_are_built(site):
    assert soup(site / "index.html").html["lang"] == "en"
    assert soup(site / "ru" / "index.html").html["lang"] == "ru"
    english = {rel for rel, _ in pages(site) if language_of(rel) == "en"}
    russian = {rel[3:] for rel, _ in pages(site) if language_of(rel) == "ru"}
    assert english == russian, f"pages in one language only: {sorted(english ^ russian)[:10]}"
    assert len(english) > 10


def test_every_page_declares_its_language(site):
    wrong = [(rel, soup(file).html.get("lang")) for rel, file in pages(site)
             if soup(file).html.get("lang") != language_of(rel)]
    assert not wrong, f"pages with a wrong <html lang>: {wrong[:10]}"


def test_language_switcher_targets_the_same_page(site):
    checked = 0
    for rel, file in pages(site):
        if rel.endswith("404.html"):
            continue
        links = {a["data-teia-alternate"]: a["href"] for a in soup(file).select("a[data-teia-alternate]")}
        assert set(links) == set(LANGUAGES), f"{rel}: switcher offers {sorted(links)}"
        page_url = "http://site/" + rel
        own_path = rel[3:] if language_of(rel) != DEFAULT else rel
        for lang, href in links.items():
            target = urlsplit(urljoin(page_url, href)).path.lstrip("/")
            expected = ("" if lang == DEFAULT else f"{lang}/") + own_path
            assert target + ("index.html" if target.endswith("/") or not target else "") == expected, (
                f"{rel}: the {lang} link goes to {target!r}, expected {expected!r}")
            assert (site / expected).is_file()
        checked += 1
    assert checked > 10


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_nothing_is_loaded_from_another_host(site):
    offenders = []
    for rel, file in pages(site):
        doc = soup(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"),
                          ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")):
            for element in doc.find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "icon", "manifest", "preconnect", "modulepreload", "prefetch"}:
                    continue
                if EXTERNAL.match(value):
                    offenders.append(f"{rel}: <{tag} {attr}={value}>")
        for style in doc.find_all("style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(https?:)?//", style.text):
                offenders.append(f"{rel}: <style> loads from another host")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"url\(\s*['\"]?((https?:)?//[^)'\"]+)|@import\s+(url\()?['\"]?((https?:)?//[^'\")]+)", text):
            offenders.append(f"{css.relative_to(site)}: {match.group(0)[:80]}")
    assert not offenders, "\n".join(offenders[:20])


def test_the_site_font_covers_cyrillic_and_is_shipped(site):
    css = (site / "assets" / "fonts" / "fonts.css").read_text(encoding="utf-8")
    assert "U+0400-045F" in css, "no Cyrillic subset in the font CSS"
    for url in re.findall(r"url\(\./(files/[^)]+\.woff2)\)", css):
        assert (site / "assets" / "fonts" / url).is_file(), url
    assert soup(site / "ru" / "index.html").find("link", href=re.compile(r"assets/fonts/fonts\.css$"))


def test_russian_headings_get_readable_anchors():
    """A Russian heading without an explicit id gets a readable Cyrillic anchor, as configured for the site."""
    from teiaguide.markdown_config import site_markdown

    html_text = site_markdown().convert("## Установление опасных видов деятельности\n")
    assert 'id="установление-опасных-видов-деятельности"' in html_text, html_text


def test_pages_state_their_basis_and_review_date(site):
    for rel in ("areas/prevention/index.html", "ru/areas/prevention/index.html"):
        box = soup(site / rel).select_one(".teia-sources")
        assert box is not None, f"{rel}: no sources box"
        assert "ст." in box.text if rel.startswith("ru/") else "Art." in box.text
        assert box.find("time")
