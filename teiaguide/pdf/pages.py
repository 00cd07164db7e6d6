"""Which pages go into the PDF, in which order (from the site records), and each page's built article made
printable.

The PDF is made from the BUILT HTML, not from Markdown: what a reader sees on the site (chapters with
their assembled good-practice sections, generated pages, translated admonition titles) is what prints.
Which pages, their order and whether a page's translation is pending come from the site records
(teiaguide/site_records.py), not from the theme's markup.

Every page gets a number (its position in the PDF). Ids are rewritten to `p<number>-<hash of the old
id>`, computable from any link without seeing the target page, so pages can be prepared in different
processes and still link to each other. Links between included pages become `teia:<id>` pseudo-URIs;
the merge step (merge.py) turns them into in-document jumps.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..languages import prefix
from ..site_records import SiteRecords

LINK_SCHEME = "teia:"

# Pages the PDF leaves out: interactive tools (their printable versions are appendices or pack files)
# and the downloads page itself. Paths are URLs relative to the language root.
EXCLUDED = ("downloads/", "quiz/", "quiz/handout/", "quiz/answer-key/", "notification/form/", "status/",
            "contributors/", "practices/")
# Appendices, in this order, after the chapters; included only when the page exists.
APPENDICES = ("glossary/", "open-questions/", "notification/blank/", "calculator/")

# Elements that make sense on screen only. Pages may mark more with class="teia-screen-only".
SCREEN_ONLY = ("script", "noscript", "button", "form [type=submit]", "a.md-content__button", "a.headerlink",
               ".teia-screen-only", ".teia-noprint", ".teia-print-hide", "[hidden]", ".md-source-file", "template",
               "dialog")

# Pages listed in the table of contents by their title only: their sections are entries (one per glossary
# term), not parts of a chapter, and would fill pages of contents.
TITLE_ONLY_IN_CONTENTS = ("glossary/",)

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)


@dataclass(frozen=True)
class SitePage:
    number: int          # position in the PDF (0 = first chapter)
    url: str             # relative to the language root: "" (home), "areas/notification/"
    file: Path
    appendix: bool = False


@dataclass
class PreparedPage:
    html: str                            # the printable <section> of the page
    headings: list[tuple[int, str, str]] = field(default_factory=list)   # contents entries: (level, text, id)
    files: list[Path] = field(default_factory=list)                        # images it shows


def lang_root(site: Path, lang: str) -> Path:
    return site / prefix(lang)


def anchor(number: int, fragment: str | None = None) -> str:
    """The id of a page (no fragment) or of an element of it in the PDF: ASCII, unique in the document."""
    if not fragment:
        return f"p{number}"
    digest = hashlib.blake2s(unquote(fragment).encode("utf-8"), digest_size=5).hexdigest()
    return f"p{number}-{digest}"


def normalise(path: str) -> str:
    """'.', './', 'about/', 'about/index.html' -> '', '', 'about/', 'about/' (URL relative to the root)."""
    path = posixpath.normpath(path) if path not in ("", ".") else "."
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    path = path.strip("/")
    return "" if path in (".", "") else path + "/"


def page_file(root: Path, url: str) -> Path:
    return root / url / "index.html"


def select_pages(records: SiteRecords, root: Path) -> list[SitePage]:
    """Chapters in navigation order, then the appendices that exist. A page whose translation is pending
    (shown on the site in another language, with a banner) is left out: each PDF has one language. A
    language just begun has no page of its own yet: its PDF is the guide as its site shows it, banners
    included."""
    urls = [page.url for page in records.pages if page.url not in EXCLUDED and page.url not in APPENDICES]
    present = {page.url for page in records.pages if page_file(root, page.url).is_file()}
    in_language = {page.url for page in records.pages if not page.pending} & present
    for wanted in (in_language, present):
        chosen = [(url, False) for url in urls if url in wanted]
        chosen += [(url, True) for url in APPENDICES if url in wanted]
        if chosen:
            break
    return [SitePage(number, url, page_file(root, url), appendix) for number, (url, appendix) in enumerate(chosen)]


def prepare(page: SitePage, numbers: dict[str, int], site_url: str | None) -> PreparedPage:
    """The page's article as a printable <section>: ids and links rewritten, screen-only parts removed."""
    text = page.file.read_text(encoding="utf-8")
    match = _ARTICLE.search(text)          # parsing only the article is much faster than the whole page
    soup = BeautifulSoup(match.group(1) if match else text, "html.parser")
    for element in soup.select(", ".join(SCREEN_ONLY)):     # one walk of the tree for every selector
        if not element.decomposed:                           # (not inside one removed already)
            element.decompose()
    for details in soup.find_all("details"):
        details["open"] = ""               # collapsed blocks print expanded
    for box in soup.select("input[type=checkbox]"):
        box.replace_with(soup.new_string("☑ " if box.has_attr("checked") else "☐ "))
    for element in soup.find_all(id=True):
        element["id"] = anchor(page.number, element["id"])
    for link in soup.find_all("a", href=True):
        _rewrite_link(link, page, numbers, site_url)
    files = []
    for image in soup.find_all("img", src=True):
        if not urlsplit(image["src"]).scheme:      # relative to the language root (the documents' base URL):
            files.append((page.file.parent / unquote(image["src"])).resolve())      # no build folder in the HTML
            image["src"] = posixpath.normpath(posixpath.join(page.url, image["src"]))
    levels = ["h1"] if page.url in TITLE_ONLY_IN_CONTENTS else ["h1", "h2"]
    headings = [(int(h.name[1]), h.get_text(" ", strip=True), h["id"])
                for h in soup.find_all(levels) if h.has_attr("id")]
    classes = "teia-page teia-appendix" if page.appendix else "teia-page"
    section = soup.new_tag("section", attrs={"id": anchor(page.number), "class": classes})
    for child in list(soup.contents):
        section.append(child.extract())
    return PreparedPage(str(section), headings, files)


def _rewrite_link(link, page: SitePage, numbers: dict[str, int], site_url: str | None) -> None:
    href = link["href"]
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return                                          # external: printed as is
    if not parts.path:
        link["href"] = LINK_SCHEME + anchor(page.number, parts.fragment)
        return
    target = normalise(posixpath.join(page.url, parts.path))
    if target in numbers:
        link["href"] = LINK_SCHEME + anchor(numbers[target], parts.fragment or None)
    elif site_url:
        link["href"] = site_url + posixpath.normpath(posixpath.join(page.url, parts.path)).lstrip("./") + (
            "/" if parts.path.endswith("/") else "")
    else:
        link.unwrap()                                   # a page of the site that is not in the PDF
