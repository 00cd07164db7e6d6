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
from urllib.parse import urlsplit

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from teiaguide import a11y, fonts, gitdates
from teiaguide.features import FEATURES
from teiaguide.guide import Guide, load_guide
from teiaguide.languages import DEFAULT, LANGUAGES, NAMES, prefix
from teiaguide.problems import SourceError
from teiaguide.stage import stage

# Set by `teia-guide build`: the guide it validated once for both language processes.
from teiaguide.build import GUIDE_ENV
from teiaguide.paths import DATA, DOCS, PRACTICES

_guide: Guide | None = None


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language


@event_priority(100)  # before static-i18n reads the files: the staged docs must be complete
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _guide, _staged
    try:
        _guide = _load_guide_once()
    except SourceError as err:
        raise PluginError(str(err)) from None
    # A build of one language (`teia-guide build` runs one per language in parallel) stages its own
    # language's folder; a stock build stages both once (static-i18n's second language reuses them).
    only = config.plugins["i18n"].config.build_only_locale
    langs = (only,) if only else LANGUAGES
    if _staged != (_fingerprint, config.docs_dir, langs):
        stage(_guide, Path(config.docs_dir), langs)
        _staged = (_fingerprint, config.docs_dir, langs)
    return config


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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    lang = current_language(config)
    # here, not in on_page_context: MkDocs renders sitemap.xml after reading all pages, before rendering them
    updated = _last_updated(page, lang)
    if updated:
        page.update_date = updated.isoformat()      # sitemap <lastmod> and the sitemap.xml.gz time: from git
    _set_canonical_url(page, config, lang)
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
        "site_root": _site_root(page, lang),
        "alternates": _alternates(page, lang),
        "based_on": [_localise_reference(ref, lang) for ref in page.meta.get("based_on", [])],
        "reviewed": _format_date(page.meta.get("reviewed"), lang),
        "translation_of": page.meta.get("translation_of"),
        "updated": _format_date(updated, lang),
        "updated_iso": updated.isoformat() if updated else None,
    }
    _set_edit_url(page, config)
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

def _lang_relative_url(page: Page, lang: str) -> tuple[str, bool]:
    """The page's URL inside its language's site, and whether this build writes the whole site.

    A stock static-i18n build writes every language into one site_dir (Russian pages get URLs starting
    with 'ru/'); a `build_only_locale` build writes one language at the root of its own site_dir, which
    `teia-guide build` later moves under ru/.
    """
    if lang != DEFAULT and page.url.startswith(f"{lang}/"):
        return page.url[len(lang) + 1:], True
    return page.url, lang == DEFAULT


def _site_root(page: Page, lang: str) -> str:
    """Relative URL from the page to the root of the whole site (above the language folders)."""
    url, whole_site = _lang_relative_url(page, lang)
    depth = len([part for part in page.url.split("/") if part])
    up = "../" * depth + ("" if whole_site else "../")
    return up or "./"


def _alternates(page: Page, lang: str) -> list[dict]:
    """The same page in every language. Both languages have every page (missing ones are staged as
    fallbacks), so the switcher always keeps the reader on the page they are reading."""
    root = _site_root(page, lang)
    url, _ = _lang_relative_url(page, lang)
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


def _set_canonical_url(page: Page, config: MkDocsConfig, lang: str) -> None:
    """A language built on its own (`build_only_locale`) has URLs relative to its own root; its canonical
    URL (and so its sitemap) must carry the language prefix the merged site puts it under."""
    url, whole_site = _lang_relative_url(page, lang)
    if whole_site or not config.site_url:
        return
    page.canonical_url = urljoin(config.site_url, prefix(lang) + url)
    page.abs_url = urljoin(urlsplit(config.site_url).path or "/", prefix(lang) + url)


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
