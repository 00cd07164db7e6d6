"""MkDocs hooks: run the generator inside `mkdocs build` / `mkdocs serve` and add the guide's page furniture.

Registered in mkdocs.yml (`hooks:`). Each event is short; the work lives in the feature modules.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from pathlib import Path
from posixpath import join as urljoin

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from teiaguide import a11y, fonts, gitdates
from teiaguide.feedback import feedback_links
from teiaguide.features import FEATURES
from teiaguide.guide import Guide, load_guide
from teiaguide.languages import DEFAULT, LANGUAGES, NAMES, prefix
from teiaguide.problems import SourceError
from teiaguide.stage import stage

# Set by `teia-guide build`: the guide it validated once for both language processes.
from teiaguide.build import GUIDE_ENV, ONLY_LANGUAGE_ENV
from teiaguide.paths import DATA, DOCS, PRACTICES

_guide: Guide | None = None


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language


@event_priority(100)  # before static-i18n: the staged docs must be complete, the language chosen
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _guide, _staged
    try:
        _guide = _load_guide_once()
    except SourceError as err:
        raise PluginError(str(err)) from None
    only = os.environ.get(ONLY_LANGUAGE_ENV)
    if only:
        _build_only(config, only)
    # A build of one language (`teia-guide build` runs one per language in parallel) stages its own
    # language's folder; a stock build stages both once (static-i18n's second language reuses them).
    langs = (only,) if only else LANGUAGES
    if _staged != (_fingerprint, config.docs_dir, langs):
        stage(_guide, Path(config.docs_dir), langs)
        _staged = (_fingerprint, config.docs_dir, langs)
    return config


def _build_only(config: MkDocsConfig, lang: str) -> None:
    """Make this build static-i18n's build of `lang` alone: the very build a plain `mkdocs build` runs for
    that language (pages under the language's prefix, linking to the root's theme files), without the
    builds of the other languages that static-i18n starts after the first one. (Its `build_only_locale`
    option would instead build the language as a site of its own, with its own copy of the theme.)"""
    if lang not in LANGUAGES:
        raise PluginError(f"{ONLY_LANGUAGE_ENV}={lang!r}: the guide's languages are {', '.join(LANGUAGES)}")
    i18n = config.plugins["i18n"]
    i18n.current_language = lang
    i18n.building = True                 # static-i18n's own flag: "the other languages are not mine to build"


_fingerprint: tuple | None = None
_staged: tuple | None = None                    # (sources fingerprint, docs_dir, languages) of the last staging


def _load_guide_once() -> Guide:
    """The guide, parsed and validated once: `teia-guide build` hands the guide it validated to the
    language processes (GUIDE_ENV), and static-i18n's build of the second language in the same process
    (on_config runs again) reuses it while no source file changed."""
    global _fingerprint
    handed = os.environ.get(GUIDE_ENV)
    if handed and os.path.isfile(handed):
        with open(handed, "rb") as stream:
            return pickle.load(stream)
    fingerprint = _sources_fingerprint()
    if _guide is None or fingerprint != _fingerprint:
        guide = load_guide()
        _fingerprint = fingerprint
        return guide
    return _guide


def _sources_fingerprint() -> tuple:
    """Path, size and modification time of every source file (a stat per file: milliseconds)."""
    roots = [DATA, DOCS, PRACTICES, Path(os.environ.get("TEIA_PRACTICES_DIR") or PRACTICES)]
    return tuple((str(path), stat.st_size, stat.st_mtime_ns)
                 for root in roots if root.is_dir()
                 for path in sorted(root.rglob("*")) if (stat := path.stat()) and path.is_file())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A build of one language (`teia-guide build` runs one process per language) reads its own staged
    folder only: the other processes are staging theirs at the same time. static-i18n takes each page's
    translations (the sitemap's hreflang links) from the files list, so the other languages' pages are
    listed by name, whether or not their files exist yet: every language has every page (a missing
    translation is staged as a fallback, see features/pages.py). A language other than the default also
    leaves the theme's files out: its pages link to the copies at the site root, which the default
    language's build writes (as in static-i18n's own build of both languages)."""
    only = os.environ.get(ONLY_LANGUAGE_ENV)
    if not only:
        return files
    docs_dir = Path(config.docs_dir)
    kept = [file for file in files if Path(file.abs_src_path).is_relative_to(docs_dir / only)
            or (_writes_theme_files() and not Path(file.abs_src_path).is_relative_to(docs_dir))]
    translations = [File(f"{lang}/{file.src_uri.partition('/')[2]}", str(docs_dir), config.site_dir,
                         config.use_directory_urls)
                    for file in kept if file.is_documentation_page() for lang in LANGUAGES if lang != only]
    return Files(kept + translations)


def _writes_theme_files() -> bool:
    """Whether this build writes the theme's files (and the fonts): every build but one of a single
    language other than the default."""
    return os.environ.get(ONLY_LANGUAGE_ENV, DEFAULT) == DEFAULT


def on_pre_build(config: MkDocsConfig) -> None:
    """The titles the Markdown extensions write into every page (heading permalinks, footnote back
    links), in the language being built: mkdocs.yml's extension settings are shared by all languages,
    and MkDocs reads them afresh for every page."""
    lang = current_language(config)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _guide.t("permalink_title", lang)
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = _guide.t("footnote_backlink_title", lang)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    lang = current_language(config)
    # here, not in on_page_context: MkDocs renders sitemap.xml after reading all pages, before rendering them
    updated = _last_updated(page, lang)
    if updated:
        page.update_date = updated.isoformat()      # sitemap <lastmod> and the sitemap.xml.gz time: from git
    additions = []
    area = page.meta.get("area")
    for feature in FEATURES:
        if area and hasattr(feature, "chapter_sections"):
            additions.append(feature.chapter_sections(_guide, area, lang))
        if hasattr(feature, "page_markdown"):
            additions.append(feature.page_markdown(_guide, page.meta, lang))
    return _drop_unused_abbreviations("\n\n".join([markdown, *filter(None, additions)]))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    return a11y.label_task_checkboxes(html)


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    lang = current_language(config)
    updated = _last_updated(page, lang)
    context["teia"] = {
        "lang": lang,
        "ui": _guide.ui.for_lang(lang),
        "is_home": page.url == prefix(lang),        # the language's home page
        "site_root": _site_root(page),
        "alternates": _alternates(page, lang),
        "based_on": [_localise_reference(ref, lang) for ref in page.meta.get("based_on", [])],
        "reviewed": _format_date(page.meta.get("reviewed"), lang),
        "translation_of": page.meta.get("translation_of"),
        "updated": _format_date(updated, lang),
        "updated_iso": updated.isoformat() if updated else None,
        "feedback": feedback_links(_guide.ui.for_lang(lang), page.meta.get("title") or page.title,
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
        lang = current_language(config)
        root = context["base_url"].rstrip("/") + "/"
        context["teia"] = {
            "lang": lang,
            "ui": _guide.ui.for_lang(lang),
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
    if _writes_theme_files():
        fonts.install(Path(config.site_dir))


# --- helpers -------------------------------------------------------------------------------------------

_ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]\n]+)\]:[^\n]*\n?", re.M)


def _drop_unused_abbreviations(text: str) -> str:
    """Keep only the abbreviation definitions (glossary hover texts) whose term occurs in the page.

    The abbr extension wraps a term only where its exact text occurs, so dropping the others changes
    nothing on the page; with ~500 definitions per page they were most of the Markdown time."""
    if "*[" not in text:
        return text
    body = _ABBREVIATION.sub("", text)
    return _ABBREVIATION.sub(lambda match: match[0] if match["term"] in body else "", text)


def _site_root(page: Page) -> str:
    """Relative URL from the page to the root of the whole site (above the language folders)."""
    depth = len([part for part in page.url.split("/") if part])
    return "../" * depth or "./"


def _alternates(page: Page, lang: str) -> list[dict]:
    """The same page in every language. Both languages have every page (missing ones are staged as
    fallbacks), so the switcher always keeps the reader on the page they are reading."""
    root = _site_root(page)
    url = page.url.removeprefix(prefix(lang))     # static-i18n puts every other language under its prefix
    return [
        {"lang": code, "name": NAMES[code], "href": urljoin(root, prefix(code) + url), "current": code == lang}
        for code in LANGUAGES
    ]


_REFERENCE = re.compile(r"^(Art\.|Annex)\s*(.*)$")


def _localise_reference(reference: str, lang: str) -> str:
    """'Art. 4(1)' -> 'ст. 4(1)', 'Annex III' -> 'приложение III' for Russian; document symbols unchanged."""
    match = _REFERENCE.match(reference)
    if not match or lang == "en":
        return reference
    key = "article_abbr" if match.group(1) == "Art." else "annex_word"
    return f"{_guide.t(key, lang)} {match.group(2)}"


_MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")


def _format_date(value, lang: str) -> str | None:
    if not isinstance(value, dt.date):
        return None
    if lang == "ru":
        return f"{value.day} {_MONTHS_RU[value.month - 1]} {value.year} г."
    return value.strftime("%-d %B %Y")


def _source_path(page: Page) -> str:
    """Repository path of the file a page is made from (data file of a generated page, original of an
    untranslated one)."""
    source = page.meta.get("generated_from")
    if source:
        return source
    lang, _, rest = page.file.src_uri.partition("/")
    return f"docs/{page.meta.get('translation_of') or lang}/{rest}"


def _last_updated(page: Page, lang: str) -> dt.date | None:
    """Last commit date of the page's source (one `git log` for the whole build, see gitdates)."""
    return gitdates.last_changed(_source_path(page))


def _set_edit_url(page: Page, config: MkDocsConfig) -> None:
    """'Edit this page' opens the file a contributor should change: the data file of a generated page,
    the original of an untranslated page, the Markdown file otherwise."""
    if not config.repo_url or not page.edit_url:
        return
    source = page.meta.get("generated_from")
    if not source and page.meta.get("translation_of"):
        lang, _, rest = page.file.src_uri.partition("/")
        source = f"docs/{page.meta['translation_of']}/{rest}"
    if source:
        page.edit_url = urljoin(config.repo_url, (config.edit_uri or "").replace("docs/", "") + source)
