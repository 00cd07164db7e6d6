"""The MkDocs hooks (teiaguide/hooks.py), event by event, on a small staged tree instead of the whole guide
(as mkdocs-static-i18n tests its events): two pages per language, staged as `teia-guide build` stages
them, and MkDocs run with the site's own mkdocs.yml on them, one language per build, in this process.

What the hooks must do: refuse docs that were not staged; put a non-default language's pages under its
prefix, writing no theme file there; leave out theme files the site never loads; give every page its
language switcher, its date in the reader's language and an edit link only where there is a page to
edit; name the pages in the navigation by their staged titles before MkDocs reads them.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from teiaguide import hooks, locale
from teiaguide.build import DOCS_DIR_ENV, LANGUAGE_ENV
from teiaguide.guide import load_guide
from teiaguide.languages import DEFAULT, LANGUAGES, prefix
from teiaguide.paths import MKDOCS_YML
from teiaguide.stage import context_dir, page_context

UPDATED = "2026-11-20"
# the pages of the small guide, by path under each language's folder: (front matter, body)
PAGES = {
    "index.md": ("title: Home\n", "# Home\n\nThe start.\n"),
    "guide.md": (f"title: Staged title\nupdated: {UPDATED}\n", "# Guide\n\nText of the guide.\n"),
    # untranslated in the other languages: staged there as the original's text (`translation_of`)
    "pending.md": ("title: Pending\n", "# Pending\n\nNot translated yet.\n"),
    "quiz.md": ("title: Quiz\ngenerated_from: data/quiz.yml\n", "# Quiz\n\nMade from data.\n"),
}
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]
EDIT = "a.md-content__button[rel=edit]"


def _page(lang: str, path: str, front: str, body: str) -> str:
    if lang != DEFAULT and path == "pending.md":
        front += f"translation_of: {DEFAULT}\n"
    return f"---\n{front}---\n{body}"


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """A staged tree: docs/<lang>/ for every language, and the page context next to it."""
    root = tmp_path_factory.mktemp("hooks")
    docs = root / "stage" / "docs"
    guide = load_guide()                       # the interface strings of the page context
    for lang in LANGUAGES:
        for path, (front, body) in PAGES.items():
            (docs / lang).mkdir(parents=True, exist_ok=True)
            (docs / lang / path).write_text(_page(lang, path, front, body), encoding="utf-8")
        titles = {path: re.search(r"title: (.*)", front)[1] for path, (front, _) in PAGES.items()}
        context_dir(docs).mkdir(parents=True, exist_ok=True)
        (context_dir(docs) / f"{lang}.json").write_bytes(page_context(guide, lang, titles))
    return docs


def _config(monkeypatch, docs, lang: str, site):
    monkeypatch.setenv(DOCS_DIR_ENV, str(docs))
    monkeypatch.setenv(LANGUAGE_ENV, lang)
    # the site's configuration, with the navigation of the small guide instead of the whole guide's
    return load_config(config_file=str(MKDOCS_YML), site_dir=str(site), strict=True, nav=list(PAGES))


def _build(monkeypatch, docs, lang: str, site):
    config = _config(monkeypatch, docs, lang, site)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site


@pytest.fixture(scope="module")
def built(staged, tmp_path_factory):
    """Each language of the small tree built as `teia-guide build` builds it: one MkDocs build each."""
    patch = pytest.MonkeyPatch()
    sites = {}
    try:
        for lang in LANGUAGES:
            sites[lang] = _build(patch, staged, lang, tmp_path_factory.mktemp(f"site-{lang}"))
    finally:
        patch.undo()
    return sites


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_docs_that_were_not_staged_stop_the_build_with_what_to_run(tmp_path, monkeypatch):
    docs = tmp_path / "stage" / "docs"
    (docs / DEFAULT).mkdir(parents=True)
    (docs / DEFAULT / "index.md").write_text("# Home\n", encoding="utf-8")      # no page context next to it
    config = _config(monkeypatch, docs, DEFAULT, tmp_path / "site")
    with pytest.raises(PluginError, match="teia-guide build"):
        hooks.on_config(config)


def test_the_navigation_names_pages_by_their_staged_titles(staged, tmp_path, monkeypatch):
    """on_nav runs before MkDocs reads a page: the titles are those staging wrote (a dirty build of the
    preview reads only the changed page, and the others must keep their names)."""
    config = _config(monkeypatch, staged, DEFAULT, tmp_path / "site")
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = hooks.on_nav(get_navigation(files, config), config, files)
    titles = {page.file.src_uri: page.title for page in nav.pages}
    assert titles[f"{DEFAULT}/guide.md"] == "Staged title"      # its H1 says "Guide": not read yet


def test_the_default_language_writes_the_theme_files_but_not_those_never_loaded(built):
    site = built[DEFAULT]
    assert (site / "index.html").is_file() and (site / "guide" / "index.html").is_file()
    assert (site / "assets" / "stylesheets").is_dir()
    assert (site / "assets" / "fonts" / "fonts.css").is_file(), "the guide's fonts were not installed"
    assert list((site / "assets" / "fonts" / "files").glob("*.woff2"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()      # Material's own search: replaced
    assert not list(site.rglob("*.map"))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_another_language_is_built_under_its_prefix_without_theme_files(built, lang):
    site = built[lang]
    assert (site / prefix(lang) / "guide" / "index.html").is_file()
    assert not (site / "guide").exists()
    assert not (site / "assets").exists(), "the theme's files are written once, by the default language"
    page = _soup(site / prefix(lang) / "guide" / "index.html")
    assert page.html["lang"] == lang
    stylesheet = page.find("link", rel="stylesheet", href=re.compile(r"assets/stylesheets/main"))
    assert stylesheet["href"].startswith("../../assets/"), "the theme's files are those at the site root"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_keeps_the_reader_on_the_page(built, lang):
    page = _soup(built[lang] / prefix(lang) / "guide" / "index.html")
    links = {link["hreflang"]: link for link in page.select("a[data-teia-alternate]")}
    assert list(links) == list(LANGUAGES)
    depth = "../" * (prefix(lang).count("/") + 1)       # from <lang>/guide/ up to the site root
    for code, link in links.items():
        assert link["href"] == f"{depth}{prefix(code)}guide/", code
    assert links[lang].get("aria-current") == "true"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_date_is_written_in_the_readers_language_and_feeds_the_sitemap(built, lang):
    page = _soup(built[lang] / prefix(lang) / "guide" / "index.html")
    time = page.select_one(".teia-updated time")
    assert time["datetime"] == UPDATED
    assert time.get_text() == locale.format_date(dt.date.fromisoformat(UPDATED), lang)
    assert time.get_text().replace("\N{NARROW NO-BREAK SPACE}", " ") == \
        {"en": "20 November 2026", "ru": "20 ноября 2026 г."}.get(lang, time.get_text())
    sitemap = (built[lang] / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{UPDATED}</lastmod>" in sitemap


@pytest.mark.parametrize("lang", LANGUAGES)
def test_edit_links_lead_to_the_file_to_edit_and_generated_pages_have_none(built, lang):
    def edit_link(path: str):
        link = _soup(built[lang] / prefix(lang) / path / "index.html").select_one(EDIT)
        return link and link["href"]

    assert edit_link("guide").endswith(f"/docs/{lang}/guide.md")
    # an untranslated page is edited in the original (the translation is made from it)
    assert edit_link("pending").endswith(f"/docs/{DEFAULT}/pending.md")
    assert edit_link("quiz") is None            # made from data/: nothing for a reader to edit
