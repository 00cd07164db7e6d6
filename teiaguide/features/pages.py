"""Hand-written pages (docs/<lang>/**/*.md): their front matter, and fallbacks for missing translations.

Every hand-written page states what it is based on and when it was last reviewed (front matter), so
the build can show it. A page missing in a language is staged in that language too,
marked `translation_of`, so that readers of that language get the page with a "translation pending"
banner instead of a broken link; the page comes from the language's configured fallback (languages.chain).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import field_validator

from ..generated import Generated, translation_pending
from ..languages import LANGUAGES, stand_ins
from ..paths import DOCS
from ..plain_text import SENTENCE_MAX, TITLE_MAX, PlainText
from ..problems import Problems
from ..records import NonEmpty, Record, Slug
from ..yamlsource import BilingualError, line_of, read_front_matter, validate
from . import sources as sources_feature

# A provision of the Convention ("Art. 4(1)", "Annex III"); anything else in `based_on` names a document
# of data/sources.yml by its key or symbol, so that the "Based on" box can show its title and link.
_PROVISION = re.compile(r"^(Arts?\.|Annex(es)?|Preamble)(\s|$)")


def is_provision(reference: str) -> bool:
    return bool(_PROVISION.match(reference))


def cite_based_on(guide, references: list[str], lang: str) -> list[dict]:
    """The entries of a page's "Based on" box, as the theme shows them: a provision of the Convention as
    text in the page's language ('ст. 4(1)'), or a cited document (named by its key or symbol in
    data/sources.yml) with its title, issuer, symbol, date and link. Staged with the page (stage.py)."""
    registry = sources_feature.registry(guide)
    entries = []
    for reference in references:
        key = registry.resolve(reference) if registry is not None and not is_provision(reference) else None
        entries.append({"text": _localise_provision(guide, reference, lang)} if key is None
                       else registry.cite(key, lang))
    return entries


_ARTICLE_OR_ANNEX = re.compile(r"^(Art\.|Annex)\s*(.*)$")


def _localise_provision(guide, reference: str, lang: str) -> str:
    """'Art. 4(1)' -> 'ст. 4(1)', 'Annex III' -> 'приложение III' (interface strings article_abbr and
    annex_word); anything else unchanged."""
    match = _ARTICLE_OR_ANNEX.match(reference)
    if not match:
        return reference
    key = "article_abbr" if match.group(1) == "Art." else "annex_word"
    return f"{guide.t(key, lang)} {match.group(2)}"


class PageMeta(Record):
    title: PlainText(TITLE_MAX)              # printed by the theme as the page's <h1>, <title> and header
    description: PlainText(SENTENCE_MAX, attribute=True)     # <meta name="description" content="...">
    based_on: list[PlainText(SENTENCE_MAX)]  # printed by the theme (overrides/main.html)
    reviewed: dt.date
    area: Slug | None = None

    @field_validator("based_on")
    @classmethod
    def _not_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise BilingualError("list at least one article, annex or document", "укажите хотя бы одну статью, приложение или документ")
        return value


@dataclass(frozen=True)
class SourcePage:
    lang: str
    path: str           # relative to docs/<lang>/, e.g. "areas/prevention.md"
    file: Path
    meta: PageMeta
    text: str           # the whole file, front matter included


def load(guide, problems: Problems) -> None:
    pages: dict[str, dict[str, SourcePage]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        root = DOCS / lang
        for file in sorted(root.rglob("*.md")):
            page = _read(file, lang, root, problems, sources_feature.registry(guide))
            if page is None:
                continue
            _check_area(page, guide, problems)
            pages[lang][page.path] = page
    for entry in DOCS.glob("*"):
        if entry.name not in LANGUAGES and not entry.name.startswith("."):
            folders = ", ".join(f"{code}/" for code in LANGUAGES)
            problems.add(entry, None, "", f"docs/ holds only the folders of the languages of mkdocs.yml: {folders}",
                         f"в docs/ допускаются только папки языков из mkdocs.yml: {folders}")
    guide.pages = pages
    # other files next to the pages (images...), staged as they are
    guide.extra["docs_files"] = {lang: {file.relative_to(DOCS / lang).as_posix(): file
                                        for file in sorted((DOCS / lang).rglob("*"))
                                        if file.is_file() and file.suffix != ".md"}
                                 for lang in LANGUAGES}


def _check_area(page: SourcePage, guide, problems: Problems) -> None:
    """A chapter names its working area, and its title is the area's title (one name per area)."""
    area_id = page.meta.area
    if area_id is None or guide.areas is None:
        return
    if area_id not in guide.areas:
        problems.add(page.file, 2, "area", f"unknown working area '{area_id}'; known: {', '.join(guide.areas)}",
                     f"неизвестная рабочая область '{area_id}'; допустимо: {', '.join(guide.areas)}")
        return
    expected = guide.areas[area_id].title(page.lang)
    if page.meta.title != expected:
        problems.add(page.file, 2, "title", f"the chapter title must be the area's title in data/working_areas.yml: '{expected}'",
                     f"название главы должно совпадать с названием области в data/working_areas.yml: «{expected}»")


def _check_based_on(meta: PageMeta, tree, file: Path, registry, problems: Problems) -> None:
    if registry is None:
        return
    for index, reference in enumerate(meta.based_on):
        if not is_provision(reference) and registry.resolve(reference) is None:
            problems.add(file, line_of(tree, ("based_on", index), first_line=2), f"based_on[{index}]",
                         f"'{reference}' is neither a provision ('Art. 4(1)', 'Annex III') nor a document of "
                         "data/sources.yml (give its key or its symbol, e.g. ECE/CP.TEIA/2010/6)",
                         f"'{reference}' — не положение Конвенции ('Art. 4(1)', 'Annex III') и не документ из "
                         "data/sources.yml (укажите его ключ или условное обозначение, например ECE/CP.TEIA/2010/6)")


def _read(file: Path, lang: str, root: Path, problems: Problems, registry=None) -> SourcePage | None:
    read = read_front_matter(file, problems, "title, description, based_on, reviewed")
    if read is None:
        return None
    tree, text, _body, _body_line = read
    meta = validate(PageMeta, tree, file, problems, first_line=2)
    if meta is None:
        return None
    _check_based_on(meta, tree, file, registry, problems)
    return SourcePage(lang, file.relative_to(root).as_posix(), file, meta, text)


def shown(guide, lang: str, path: str) -> SourcePage:
    """The page a reader of `lang` gets at `path`: the language's own, else its stand-in (as staged by
    missing_translations)."""
    return next(guide.pages[code][path] for code in stand_ins(lang) if path in guide.pages[code])


def section_title(guide, lang: str, path: str, anchor: str) -> str:
    """'Page title › section heading' of a link target, as a reader of `lang` sees it."""
    page = shown(guide, lang, path)
    match = re.search(r"^#{2,6}\s+(.+?)\s*\{[^}\n]*#" + re.escape(anchor) + r"(?![\w-])", page.text, re.MULTILINE)
    return f"{page.meta.title} › {match.group(1)}" if match else page.meta.title


def missing_translations(guide) -> Iterator[tuple[SourcePage, str]]:
    """(page to show, language it is missing in) for every page that a language lacks: the page of the
    first language of its stand-ins (languages.stand_ins) that has it."""
    paths = dict.fromkeys(path for lang in LANGUAGES for path in guide.pages[lang])
    for lang in LANGUAGES:
        for path in paths:
            if path not in guide.pages[lang]:
                yield shown(guide, lang, path), lang


def generate(guide, lang: str) -> Iterator[Generated]:
    # the hand-written pages as validated (staging never reads docs/ again, so what is built is what
    # was checked, also in the language processes of `teia-guide build`)
    for page in guide.pages[lang].values():
        yield Generated(page.path, page.text)
    for path, file in guide.extra["docs_files"][lang].items():
        yield Generated(path, file.read_bytes())
    for page, missing_lang in missing_translations(guide):
        if missing_lang == lang:
            yield Generated(page.path, translation_pending(page.text, page.lang))
