"""The EN/RU glossary (data/glossary.yml): one page per language and hover definitions on every page.

Each term has an id (the anchor chapters link to, e.g. glossary/index.md#hazardous-activity), the term
and its definition in both languages, the Convention provision behind it, where the Russian wording comes
from (`ru_source`), and inflected forms as they occur in running text, so that the hover definition also
appears on «опасной деятельности» or "hazardous activities".
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import create_model, field_validator

from ..generated import Generated
from ..languages import LANGUAGES, NAMES, others
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Slug, Text
from ..render import render
from ..yamlsource import BilingualError, item_line, key_line, load_yaml_file, validate

SOURCE = DATA / "glossary.yml"
PAGE = "glossary/index.md"
GENERATED_FROM = "data/glossary.yml"

# Where the Russian term comes from; only convention_ru is the wording of the official Russian text.
RU_SOURCES = ("convention_ru", "unece_ru", "national_law_ru", "our_rendering")


# Other forms of a term in running text, one list per language: forms_en, forms_ru, ...
FORM_FIELDS = tuple(f"forms_{code}" for code in LANGUAGES)


class _Term(Record):
    id: Slug
    term: Text
    definition: Text
    article: NonEmpty | None = None     # Convention provision(s), e.g. "1(b), Annex I"; None if outside the text
    ru_source: str

    @field_validator("definition")
    @classmethod
    def _one_line(cls, value: Text) -> Text:
        # the definition becomes a hover title (`*[term]: definition`), which ends at the end of the line
        if any("\n" in value(lang) for lang in LANGUAGES):
            raise BilingualError("write the definition on one line", "запишите определение в одну строку")
        return value

    @field_validator(*FORM_FIELDS, check_fields=False)
    @classmethod
    def _plain_forms(cls, value: list[str]) -> list[str]:
        for form in value:
            if any(char in form for char in "[]\\*\n"):
                raise BilingualError(f"form '{form}' may not contain [ ] \\ * or a line break",
                                     f"форма «{form}» не может содержать [ ] \\ * или перенос строки")
        return value

    @field_validator("ru_source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        if value not in RU_SOURCES:
            known = ", ".join(RU_SOURCES)
            raise BilingualError(f"unknown ru_source '{value}'; use one of: {known}",
                                 f"неизвестное значение ru_source '{value}'; допустимо: {known}")
        return value

    def forms(self, lang: str) -> list[str]:
        """The term as written in running text: the headword without its parenthesis ("hazard category
        (GHS)" -> "hazard category") and the listed forms. A headword with a slash ("safety report /
        industrial safety declaration") names two things: its forms are listed explicitly."""
        headword = re.sub(r"\s*\([^)]*\)", "", self.term(lang)).strip()
        listed = getattr(self, f"forms_{lang}")
        return list(dict.fromkeys([*([] if "/" in headword else [headword]), *listed]))


# e.g. forms_en: plurals ("hazardous activities"), forms_ru: inflected forms («опасной деятельности»)
Term = create_model("Term", __base__=_Term, **{name: (list[NonEmpty], []) for name in FORM_FIELDS})


class Glossary(Record):
    terms: list[Term]

    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}


def load(guide, problems: Problems) -> None:
    tree = load_yaml_file(SOURCE, problems)
    if tree is None:
        return
    if not isinstance(tree, dict) or not isinstance(tree.get("terms"), list):
        problems.add(SOURCE, 1, "terms", "the file must hold a list 'terms:'", "файл должен содержать список 'terms:'")
        return
    # each term on its own, so that one broken entry does not hide the problems of the others
    terms = [validate(Term, tree, SOURCE, problems, at=("terms", index)) for index in range(len(tree["terms"]))]
    before = len(problems)
    _check_unique(terms, tree, problems)
    if None not in terms and len(problems) == before:
        guide.glossary = Glossary(terms=terms)
        _check_links_from_pages(guide, {term.id for term in terms}, problems)


# a hand-written page's link to a term: [glossary](../glossary/index.md#hazardous-activity)
_TERM_LINK = re.compile(r"\]\((?:\.\./)*glossary/(?:index\.md)?#([^)\s]+)\)")


def _check_links_from_pages(guide, ids: set[str], problems: Problems) -> None:
    """A term removed or renamed here must not leave the pages linking to an anchor that is gone (MkDocs
    only logs that, and the build would pass with a dead link)."""
    for pages in (guide.pages or {}).values():
        for page in pages.values():
            for match in _TERM_LINK.finditer(page.text):
                if match.group(1) not in ids:
                    problems.add(page.file, page.text.count("\n", 0, match.start()) + 1, "",
                                 f"link to glossary term '{match.group(1)}', which data/glossary.yml does not have",
                                 f"ссылка на термин глоссария '{match.group(1)}', которого нет в data/glossary.yml")


def _line(tree, index: int, key: str) -> int:
    item = tree["terms"][index]
    return key_line(item, key) or item_line(tree["terms"], index)


def _check_unique(terms: list[Term | None], tree, problems: Problems) -> None:
    """Ids are anchors (must be unique); a form must point to one term only, or the hover would lie."""
    seen_ids: dict[str, int] = {}
    seen_forms: dict[tuple[str, str], str] = {}
    for index, term in enumerate(terms):
        # ids are read from the YAML itself: a duplicate is reported even if the entry has other problems
        item = tree["terms"][index]
        term_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(term_id, str):
            line = _line(tree, index, "id")
            if term_id in seen_ids:
                first = seen_ids[term_id]
                problems.add(SOURCE, line, f"terms[{index}].id",
                             f"duplicate term id '{term_id}' (first used on line {first})",
                             f"повторяющийся идентификатор термина '{term_id}' (впервые на строке {first})")
                continue
            seen_ids[term_id] = line
        if term is None:
            continue
        for lang in LANGUAGES:
            for form in term.forms(lang):
                owner = seen_forms.setdefault((lang, form), term.id)
                if owner != term.id:
                    problems.add(SOURCE, _line(tree, index, f"forms_{lang}"), f"terms[{index}].forms_{lang}",
                                 f"form '{form}' already belongs to term '{owner}'",
                                 f"форма «{form}» уже относится к термину '{owner}'")


def generate(guide, lang: str) -> Iterator[Generated]:
    if guide.glossary is None:
        return
    terms = [_view(term, lang, guide) for term in guide.glossary.terms]
    yield Generated(PAGE, render("glossary.md.j2", terms=terms, lang=lang, ui=guide.ui.for_lang(lang),
                                 generated_from=GENERATED_FROM), records=guide.glossary)


def _view(term: Term, lang: str, guide) -> dict:
    return {
        "id": term.id,
        "heading": term.term(lang)[0].upper() + term.term(lang)[1:],
        "other_terms": [{"term": term.term(code), "language": NAMES[code]}
                        for code in others(lang) if not term.term.missing(code)],
        "definition": term.definition(lang),
        "provisions": localise_provisions(term.article, lang, guide) if term.article else None,
        "ru_source": term.ru_source,
    }


_ARTICLE = re.compile(r"^\d")
_ANNEX = re.compile(r"^Annex\s+([IVX]+)(?:\s+Part\s+([IVX]+))?$")


def localise_provisions(article: str, lang: str, guide) -> str:
    """'1(b), Annex I Part II' -> 'Art. 1(b), Annex I Part II' / 'ст. 1(b), приложение I, часть II'."""
    parts = []
    for part in (piece.strip() for piece in article.split(",")):
        annex = _ANNEX.match(part)
        if _ARTICLE.match(part):
            parts.append(f"{guide.t('article_abbr', lang)} {part}")
        elif annex:
            text = f"{guide.t('annex_word', lang)} {annex.group(1)}"
            if annex.group(2):
                text = guide.t("glossary_annex_part", lang).format(annex=text, part=annex.group(2))
            parts.append(text)
        elif part.startswith("CoP decision "):
            parts.append(f"{guide.t('glossary_cop_decision', lang)} {part.removeprefix('CoP decision ')}")
        elif part == "IAN System":
            parts.append(guide.t("glossary_ian_system", lang))
        else:
            parts.append(part)
    return ", ".join(parts)


# --- hover definitions -----------------------------------------------------------------------------------
# Python-Markdown's abbr extension marks EVERY occurrence of every key on the page. To keep that useful
# rather than noisy we only use forms of two words or more: single words such as "operator", "effects",
# "prevention", «оператор», «общественность» occur in almost every paragraph (often in a looser, everyday
# sense), while multi-word terms ("hazardous activity", «затрагиваемая Сторона») are the Convention's
# defined expressions. A few multi-word terms are still everyday phrases and are skipped as well.
GENERIC_TERMS = {"the-public", "action-plan", "working-area", "analysis-and-evaluation"}


def hover_definitions(glossary: Glossary, lang: str) -> dict[str, str]:
    definitions: dict[str, str] = {}
    for term in glossary.terms:
        if term.id in GENERIC_TERMS:
            continue
        for form in term.forms(lang):
            if len(form.split()) < 2:
                continue
            # abbr matching is case-sensitive: also match the form at the start of a sentence or heading
            for variant in (form, form[0].upper() + form[1:]):
                definitions.setdefault(variant, term.definition(lang))
    return definitions


# Pages without hover definitions: the glossary shows the definitions already, and on the quiz pages a
# definition under the mouse would give answers away.
NO_HOVER_SOURCES = {GENERATED_FROM, "data/quiz.yml"}


def page_markdown(guide, meta, text: str, lang: str) -> str:
    """The hover definitions of the terms that occur in the page's text. The abbr extension wraps a term
    only where its exact text occurs as whole words, so leaving out the others changes nothing on the
    page; with ~500 definitions on every page, they were most of the Markdown time."""
    if guide.glossary is None or meta.get("generated_from") in NO_HOVER_SOURCES:
        return ""
    cached = guide.extra.setdefault("glossary_hover", {})     # computed once per guide and language
    if lang not in cached:
        cached[lang] = hover_definitions(guide.glossary, lang)
    words = set(_WORD.findall(text))
    # a form can only occur where each of its words does: most are left out on that set lookup alone
    used = {form: definition for form, definition in cached[lang].items()
            if all(word in words for word in _words_of(form)) and form in text}
    return render("glossary_abbr.md.j2", definitions=used) if used else ""


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=None)      # the same few hundred forms on every page
def _words_of(form: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(form))
