"""Search index of the offline bundle: one script per language that a page opened from file:// can load.

Pagefind fetches its index chunks, which browsers block on file://. The bundle (teiaguide/offline.py)
therefore carries, per language, `assets/offline/search-<lang>.js`: a script that stores the language's
index in window.teiaSearchIndex[<lang>]. The browser side is overrides/assets/javascripts/offline-search.js.

What is indexed is what Pagefind indexes: the main content of each page (`data-pagefind-body`), without
`data-pagefind-ignore` parts and heading permalinks, cut into sections at the headings that have an id,
so that a result can link to its section. Words are stemmed with Snowball (PyPI snowballstemmer), the
browser stems the query with the same algorithms (npm snowball-stemmers; tests/test_offline_bundle.py
checks that both give the same stems on the guide's words): «установкой» finds «установки».
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
from babel import Locale
from bs4 import BeautifulSoup, NavigableString, Tag

INDEX_FILE = "assets/offline/search-{lang}.js"     # below the bundle's site root, one per language
TITLE_WEIGHT = 5            # a word of the page title or section heading counts as five in the text
SECTION_HEADINGS = ("h2", "h3")
_WORD = re.compile(r"[^\W_]+")         # letters and digits; the browser splits with /[\p{L}\p{N}]+/u
_SKIP = {"script", "style", "template"}
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?)»])")


def words(text: str) -> list[str]:
    """Lower-cased words; «ё» is written «е» in most Russian texts, and a query may use either."""
    return _WORD.findall(text.lower().replace("ё", "е"))


def stemmer_name(lang: str) -> str | None:
    """The Snowball algorithm of a language ('english', 'russian'), or None when Snowball has none: then
    words are matched as written. Found from the language's English name, so a new language needs no table."""
    try:
        name = Locale.parse(lang).english_name.lower()
    except (ValueError, LookupError):
        return None
    return name if name in snowballstemmer.algorithms() else None


@dataclass
class Section:
    url: str                  # relative to the site root, with the section's #id when it has one
    title: str                # the page's title
    heading: str = ""         # the section's heading ("" for the part before the first heading)
    text: list[str] = field(default_factory=list)


def sections(html: str, url: str) -> Iterator[Section]:
    """The indexed sections of one built page, in order."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find(attrs={"data-pagefind-body": True})
    if body is None:
        return
    h1 = body.find("h1")
    title = _clean(_text(h1)) if h1 else _clean(soup.title.get_text(" ") if soup.title else url)
    current = Section(url, title)
    for piece in _walk(body):
        if isinstance(piece, Tag):                  # a section heading: a new section starts
            if current.text or current.heading:
                yield current
            current = Section(f"{url}#{piece['id']}", title, _clean(_text(piece)))
        else:
            current.text.append(piece)
    if current.text or current.heading:
        yield current


def _walk(node: Tag) -> Iterator[Tag | str]:
    """The text of `node` in document order, with the headings that start a section in between."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:       # not a comment or CDATA
                yield str(child)
        elif _ignored(child):
            continue
        elif child.name in SECTION_HEADINGS and child.get("id"):
            yield child
        elif child.name == "h1":
            continue                                 # the page title, indexed with every section
        else:
            yield from _walk(child)


def _ignored(tag: Tag) -> bool:
    classes = tag.get("class") or []
    return tag.name in _SKIP or "headerlink" in classes or tag.has_attr("data-pagefind-ignore")


def _text(tag: Tag) -> str:
    return "".join(piece for piece in _walk(tag) if isinstance(piece, str))


def _clean(text: str) -> str:
    """One space between words, none before punctuation (pieces of text are joined with spaces, so an
    inline element such as a glossary <abbr> would otherwise leave «вещества , на»)."""
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def build_index(pages: list[tuple[str, str]], lang: str) -> dict:
    """The index of one language from its pages as (url relative to the site root, built HTML).

    docs: [url, page title, section heading, text, number of words]; terms: stem -> [doc, weight, doc, weight, ...]."""
    algorithm = stemmer_name(lang)
    stem = snowballstemmer.stemmer(algorithm).stemWord if algorithm else (lambda word: word)
    cache: dict[str, str] = {}

    def stems(text: str) -> list[str]:
        return [cache.get(word) or cache.setdefault(word, stem(word)) for word in words(text)]

    docs, postings = [], {}
    for url, html in pages:
        for section in sections(html, url):
            text = _clean(" ".join(section.text))
            weights = Counter(stems(text))
            for term in set(stems(f"{section.title} {section.heading}")):
                weights[term] += TITLE_WEIGHT
            number = len(docs)
            docs.append([section.url, section.title, section.heading, text, len(words(text))])
            for term, weight in weights.items():
                postings.setdefault(term, []).extend((number, weight))
    return {"lang": lang, "stemmer": algorithm, "docs": docs, "terms": dict(sorted(postings.items()))}


def index_script(index: dict) -> str:
    """The index as a script (JSON is valid JavaScript; json.dumps escapes every value)."""
    lang = json.dumps(index["lang"])
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"(window.teiaSearchIndex = window.teiaSearchIndex || {{}})[{lang}] = {data};\n"


def write_indexes(site: Path, languages: tuple[str, ...]) -> dict[str, Path]:
    """Index every page of the built offline site by its <html lang>; one script per language."""
    pages: dict[str, list[tuple[str, str]]] = {lang: [] for lang in languages}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<html[^>]*\blang="([^"]+)"', html)
        if match and match.group(1) in pages and path.name != "404.html":
            pages[match.group(1)].append((path.relative_to(site).as_posix(), html))
    written = {}
    for lang, found in pages.items():
        target = site / INDEX_FILE.format(lang=lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_script(build_index(found, lang)), encoding="utf-8")
        written[lang] = target
    return written
