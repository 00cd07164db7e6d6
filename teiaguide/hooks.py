"""MkDocs hooks: the guide's page context for the theme, and each language's build in its place.

Registered in mkdocs.yml (`hooks:`). The pages arrive complete (teiaguide/stage.py); these hooks add no
content. They give the templates the page context (interface strings, language switcher, sources box,
dates), put a non-default language's pages under its prefix so that they share the theme's files at
the site root, and leave out theme files the site never loads.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache
from pathlib import Path
from posixpath import join as urljoin

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from teiaguide import a11y, fonts, locale
from teiaguide.feedback import feedback_links
from teiaguide.languages import DEFAULT, LANGUAGES, NAMES, prefix
from teiaguide.stage import context_dir


def built_language(config: MkDocsConfig) -> str | None:
    """The language this build makes (static-i18n's `build_only_locale`, set per process by
    `teia-guide build`), or None for a build of every language in one process (a plain `mkdocs build`)."""
    return config.plugins["i18n"].config.build_only_locale


def theme_language(config: MkDocsConfig) -> str:
    """The language of the build under way (static-i18n sets the theme's language for each language)."""
    return config.theme["language"]


def page_language(page: Page) -> str:
    """The staged docs hold one folder per language (static-i18n's folder structure)."""
    return page.file.src_uri.partition("/")[0]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    if not all((context_dir(docs) / f"{lang}.json").is_file() for lang in LANGUAGES):
        raise PluginError(f"{docs} holds no staged guide: build with `teia-guide build` (or `make site`), "
                          "which validates the sources and stages every page before MkDocs runs")
    _page_context.cache_clear()         # the preview builds again in this process, from a new staging
    # Every language at its link: Material shows the language switcher when this list is set (the links
    # of each page are computed by _alternates), and the sitemap lists each page's versions from it.
    config.extra["alternate"] = [{"name": NAMES[code], "link": "/" + prefix(code), "lang": code} for code in LANGUAGES]
    return config


def on_nav(nav, config: MkDocsConfig, files: Files):
    """Every page's title as staged, before MkDocs reads any page: the navigation of a page that the
    preview renders again alone (a dirty build) then names the pages it did not read. A full build
    gives the same titles (the same front matter)."""
    for page in nav.pages:
        lang, _, path = page.file.src_uri.partition("/")
        title = _page_context(config.docs_dir, lang)["titles"].get(path)
        if title is not None:
            page.title = title
    return nav


@event_priority(-200)  # after static-i18n, which has chosen the language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every language's pages link to one copy of the theme's files, at the site root: a build of a
    language other than the default puts its pages under the language's prefix (as static-i18n does in
    its own build of every language) and writes no theme file. Theme files the site never loads (the
    search engine of Material's own search, which the guide replaces with Pagefind, and source maps) are
    left out of every build."""
    lang = built_language(config)
    docs = Path(config.docs_dir).resolve()
    for file in list(files):                    # static-i18n's own Files: changed in place
        from_docs = Path(file.abs_src_path).resolve().is_relative_to(docs)
        if not from_docs and (_never_loaded(file.src_uri) or (lang and lang != DEFAULT)):
            files.remove(file)
        elif from_docs and lang and lang != DEFAULT:
            _move_under(file, prefix(lang), config.site_dir)
    return files


def _move_under(file, folder: str, site_dir: str) -> None:
    """Set where MkDocs writes a file and links to it (MkDocs lets hooks overwrite these three)."""
    url = file.url
    file.dest_uri = folder + file.dest_uri
    file.url = folder if url in ("", "./") else folder + url
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))


def _never_loaded(src_uri: str) -> bool:
    return src_uri.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/")) or src_uri.endswith(".map")


def on_pre_build(config: MkDocsConfig) -> None:
    """The titles the Markdown extensions write into every page (heading permalinks, footnote back
    links), in the language being built: mkdocs.yml's extension settings are shared by all languages,
    and MkDocs reads them afresh for every page."""
    text = _page_context(config.docs_dir, theme_language(config))["text"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = text["permalink_title"]
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = text["footnote_backlink_title"]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    # here, not in on_page_context: MkDocs renders sitemap.xml after reading all pages, before rendering them
    updated = page.meta.get("updated")
    if isinstance(updated, dt.date):
        page.update_date = updated.isoformat()      # sitemap <lastmod> and the sitemap.xml.gz time: from git
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    return a11y.label_task_checkboxes(html)


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    lang = page_language(page)
    context_of_language = _page_context(config.docs_dir, lang)
    updated = page.meta.get("updated")
    context["teia"] = {
        "lang": lang,
        "ui": context_of_language["ui"],          # escaped: the theme's templates do not autoescape
        "is_home": page.url == prefix(lang),        # the language's home page
        "site_root": _site_root(page),
        "alternates": _alternates(page, lang),
        "based_on": page.meta.get("based_on_cited", []),   # resolved when staged (stage.complete_page)
        "reviewed": _format_date(page.meta.get("reviewed"), lang),
        "translation_of": page.meta.get("translation_of"),
        "updated": _format_date(updated, lang),
        "updated_iso": updated.isoformat() if isinstance(updated, dt.date) else None,
        "feedback": feedback_links(context_of_language["text"], page.meta.get("title") or page.title,
                                   page.canonical_url or page.abs_url, config.repo_url,
                                   config.extra.get("feedback_email")),
    }
    _set_edit_url(page, config)
    return context


def on_template_context(context, template_name: str, config: MkDocsConfig):
    """The 404 page (a theme template, not a page) gets the furniture of the pages: interface strings,
    search, and the language switch, which leads to each language's home page. Its links are absolute
    (`base_url`), as the server shows it at any missing address."""
    if template_name == "404.html":
        lang = theme_language(config)
        root = context["base_url"].rstrip("/") + "/"
        context["teia"] = {
            "lang": lang,
            "ui": _page_context(config.docs_dir, lang)["ui"],
            "site_root": root,
            "alternates": [{"lang": code, "name": NAMES[code], "href": root + prefix(code), "current": code == lang}
                           for code in LANGUAGES],
        }
    return context


def on_env(env, config: MkDocsConfig, files):
    """Keep the compiled theme templates between builds and language processes: compiling Material's
    templates is about a third of a language build's CPU time on this site. The cache sits in the build's
    scratch folder (next to the staged docs); Jinja checks each template's source before using it."""
    cache = Path(config.docs_dir).resolve().parent.parent / "cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    lang = built_language(config)
    if not lang or lang == DEFAULT:             # the build that writes the theme's files
        fonts.install(Path(config.site_dir))


# --- helpers -------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _page_context(docs_dir: str, lang: str) -> dict:
    """The language's page context, staged next to the docs (stage.page_context)."""
    staged = json.loads((context_dir(Path(docs_dir)) / f"{lang}.json").read_text(encoding="utf-8"))
    # the interface strings as text (for URLs and the Markdown extensions' settings) and HTML-escaped
    # (for the theme's templates, which MkDocs renders without autoescape)
    return {"text": staged["ui"], "ui": {key: escape(text) for key, text in staged["ui"].items()},
            "titles": staged["titles"]}


def _site_root(page: Page) -> str:
    """Relative URL from the page to the root of the whole site (above the language folders)."""
    depth = page.url.count("/")       # "ru/calculator/" and "ru/calculator/index.html" are both two deep
    return "../" * depth or "./"


def _alternates(page: Page, lang: str) -> list[dict]:
    """The same page in every language. Every language has every page (missing ones are staged as
    fallbacks), so the switcher always keeps the reader on the page they are reading."""
    root = _site_root(page)
    url = page.url.removeprefix(prefix(lang))     # every other language is under its prefix
    return [
        {"lang": code, "name": NAMES[code], "href": urljoin(root, prefix(code) + url), "current": code == lang}
        for code in LANGUAGES
    ]


def _format_date(value, lang: str) -> str | None:
    return locale.format_date(value, lang) if isinstance(value, dt.date) else None


def _set_edit_url(page: Page, config: MkDocsConfig) -> None:
    """'Edit this page' only where there is a hand-written page to edit: the Markdown file, or the
    original of an untranslated page. A generated page has none (its text comes from data and templates,
    which are not for readers to open)."""
    if not config.repo_url or not page.edit_url:
        return
    if page.meta.get("generated_from"):
        page.edit_url = None
    elif page.meta.get("translation_of"):
        lang, _, rest = page.file.src_uri.partition("/")
        source = f"docs/{page.meta['translation_of']}/{rest}"
        page.edit_url = urljoin(config.repo_url, (config.edit_uri or "").replace("docs/", "") + source)
