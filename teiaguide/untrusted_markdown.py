"""Contributed Markdown (good practices) is untrusted: check it, then render it safely.

Two layers, so that one mistake does not put script into the site:

1. `check_text()` / `check_body()` reject, with a line number and a message in English and Russian, every
   construct that could carry script or change the page: raw HTML of any kind (<script>, <iframe>,
   <form>, <style>, comments ...), event-handler and style attributes (also through attr_list
   `{: onclick=...}` / `{ onclick=... }`), links whose address is not a plain web or mail address
   (javascript:, data:, vbscript:, relative or protocol-less links), images, and bidirectional-control
   characters that make text read differently from what it is.
2. `render_body()` renders with Python-Markdown with a few harmless extensions, raw HTML switched off
   (it is shown as text), and passes the result through nh3 with an explicit allowlist of tags,
   attributes and URL schemes.

The checks look at the HTML that Python-Markdown itself produces for links, so they see addresses the
way the renderer does (entities decoded, angle-bracket destinations, reference links).
"""
from __future__ import annotations

import functools
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3
from markdown.extensions import Extension
from markupsafe import Markup
from markdown.treeprocessors import Treeprocessor

from .invisible import INVISIBLE, invisible_message
from .problems import Problems

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
HEADING_SHIFT = 3      # a "# Heading" in a practice becomes <h4>: it sits under the practice's own <h3>

# --- layer 1: checks on the source -----------------------------------------------------------------

# "<" followed by a tag name, "/", "!" or "?" starts raw HTML; <https://...> and <mailto:...> are autolinks.
_HTML = re.compile(r"<\s*(?!(?:https?://|mailto:)[^>\s]*>)([/!?]|[A-Za-z])")
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_EVENT_ATTR = re.compile(r"(?i)\bon[a-z]+\s*=")
_STYLE_ATTR = re.compile(r"(?i)\bstyle\s*=")
# attr_list syntax: {: ...}, {#id}, {.class}, {key=value}
_ATTR_LIST = re.compile(r"\{\s*(:[^{}]*|[#.][^{}]*|[^{}]*=[^{}]*)\}")

_SCRIPT_TAGS = {"script", "noscript"}
_EMBED_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "link", "meta"}
_FORM_TAGS = {"form", "input", "button", "select", "textarea", "option", "label", "fieldset"}
_STYLE_TAGS = {"style"}


def _html_message(line_text: str, match: re.Match) -> tuple[str, str]:
    name_match = _TAG_NAME.match(line_text, match.start())
    name = name_match.group(1).lower() if name_match else ""
    tail = line_text[match.start():]
    if name in _SCRIPT_TAGS:
        return ("<script> is not allowed: practices cannot contain scripts",
                "тег <script> запрещён: описание практики не может содержать скрипты")
    if name in _EMBED_TAGS:
        return (f"<{name}> is not allowed: practices cannot embed other pages or objects",
                f"тег <{name}> запрещён: в описание практики нельзя встраивать другие страницы и объекты")
    if name in _FORM_TAGS:
        return (f"<{name}> is not allowed: practices cannot contain forms or input fields",
                f"тег <{name}> запрещён: описание практики не может содержать формы и поля ввода")
    if name in _STYLE_TAGS or _STYLE_ATTR.search(tail):
        return ("styles (<style>, style=...) are not allowed: the site's design applies to every practice",
                "стили (<style>, style=...) запрещены: ко всем практикам применяется оформление сайта")
    if _EVENT_ATTR.search(tail):
        return ("event-handler attributes (onclick=..., onerror=...) are not allowed",
                "атрибуты-обработчики событий (onclick=..., onerror=...) запрещены")
    return ("raw HTML is not allowed; use Markdown only (**bold**, lists, [links](https://...)). "
            "Write \"less than\" instead of \"<\" if you need it in text",
            "HTML-разметка запрещена; используйте только Markdown (**жирный**, списки, [ссылки](https://...)). "
            "Если в тексте нужен знак «<», напишите «меньше»")


def _attr_list_message(content: str) -> tuple[str, str]:
    if _EVENT_ATTR.search(content):
        return ("event-handler attributes ({: onclick=...}) are not allowed",
                "атрибуты-обработчики событий ({: onclick=...}) запрещены")
    if _STYLE_ATTR.search(content):
        return ("style attributes ({: style=...}) are not allowed",
                "атрибуты стиля ({: style=...}) запрещены")
    return ("attribute lists in curly braces ({: ...}, {#id}, {.class}) are not allowed in practices",
            "списки атрибутов в фигурных скобках ({: ...}, {#id}, {.class}) в описаниях практик запрещены")


def check_text(text: str, path: Path, first_line: int, field: str, problems: Problems) -> bool:
    """Check a piece of contributed text line by line; True if nothing was found."""
    clean = True
    for offset, line in enumerate(text.splitlines()):
        number = first_line + offset
        found: tuple[str, str] | None = None
        html = _HTML.search(line)
        attrs = _ATTR_LIST.search(line)
        if html:
            found = _html_message(line, html)
        elif attrs:
            found = _attr_list_message(attrs.group(1))
        elif INVISIBLE.search(line):
            found = invisible_message(INVISIBLE.search(line).group())
        if found:
            problems.add(path, number, field, *found)
            clean = False
    return clean


class _LinkCollector(HTMLParser):
    """Every element and URL the renderer produced (attribute values with entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []      # (tag, url)
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, value))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: control characters and spaces are ignored, as browsers do."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", unescape(url))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", squeezed)
    return match.group(1).lower() if match else None


MAX_LINK_PROBLEMS = 20      # per body: enough to show the pattern without flooding the report


class _LineFinder:
    """Line of a link in the source, for the few links that have a problem. It searches on from where
    the previous link was found, so a body's links, which come in order, are found in one pass over it."""

    def __init__(self, text: str, first_line: int):
        self.lines = text.splitlines()
        self.first_line, self.cursor = first_line, 0
        self.decoded: dict[int, str] = {}

    def _text(self, index: int) -> str:
        if index not in self.decoded:
            self.decoded[index] = unescape(self.lines[index]).lower() + "\n" + self.lines[index].lower()
        return self.decoded[index]

    def find(self, url: str) -> int:
        order = list(range(self.cursor, len(self.lines))) + list(range(self.cursor))
        for candidate in (url, url[:12], url_scheme(url) or ""):
            if candidate:
                for index in order:
                    if candidate.lower() in self._text(index):
                        self.cursor = index
                        return self.first_line + index
        return self.first_line


# Markdown of the guide's pages that a practice cannot use: the practice renderer does not know it, so
# it would reach the reader as raw text ("!!! unverified ...").
_PAGE_ONLY_SYNTAX = (
    (re.compile(r"^\s*(!!!|\?\?\?\+?)\s*[A-Za-z]"),
     "boxes (!!! note, ??? note) are not available in practices: write a plain paragraph; a source that is "
     "not confirmed yet is shown by the practice's `status`",
     "блоки (!!! note, ??? note) в описаниях практик недоступны: напишите обычный абзац; неподтверждённый "
     "источник отмечается полем `status`"),
    (re.compile(r"\[\^[^\]\s]+\]"),
     "footnotes ([^1]) are not available in practices: list the sources under `sources:`",
     "сноски ([^1]) в описаниях практик недоступны: перечислите источники в поле `sources:`"),
)


def check_page_only_syntax(body: str, path: Path, first_line: int, problems: Problems) -> bool:
    clean = True
    for offset, line in enumerate(body.splitlines()):
        for pattern, en, ru in _PAGE_ONLY_SYNTAX:
            if pattern.search(line):
                problems.add(path, first_line + offset, "body", en, ru)
                clean = False
    return clean


def check_body(body: str, path: Path, first_line: int, problems: Problems) -> bool:
    """All source checks on a practice body, then the links and images as the renderer sees them.
    Linear in the body's length: only the links with a problem are looked up in the source, at most
    MAX_LINK_PROBLEMS of them."""
    clean = check_text(body, path, first_line, "body", problems)
    clean = check_page_only_syntax(body, path, first_line, problems) and clean
    collector = _LinkCollector()
    collector.feed(_to_html(body))
    finder = _LineFinder(body, first_line)
    bad = 0
    for tag, url in collector.links:
        scheme = url_scheme(url)
        if tag == "img":
            found = ("images are not allowed in practices: describe the content in words or link to the document",
                     "изображения в описаниях практик запрещены: опишите содержание словами или дайте ссылку на документ")
        elif scheme in ("javascript", "vbscript", "data", "livescript", "file"):
            found = (f"links with '{scheme}:' addresses are not allowed: they can run code or hide content",
                     f"ссылки с адресами '{scheme}:' запрещены: они могут запускать код или скрывать содержимое")
        elif scheme not in ALLOWED_SCHEMES:
            found = (f"link '{url[:200]}' must be a full web address starting with https:// (or http://, mailto:)",
                     f"ссылка '{url[:200]}' должна быть полным адресом, начинающимся с https:// (или http://, mailto:)")
        else:
            continue
        clean = False
        bad += 1
        if bad <= MAX_LINK_PROBLEMS:
            problems.add(path, finder.find(url), "body", *found)
    if bad > MAX_LINK_PROBLEMS:
        problems.add(path, first_line, "body", f"{bad - MAX_LINK_PROBLEMS} more links or images with problems like those above",
                     f"ещё ссылок или изображений с такими же проблемами: {bad - MAX_LINK_PROBLEMS}")
    return clean


# --- layer 2: rendering ------------------------------------------------------------------------------

class _ShiftHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(6, int(element.tag[1]) + HEADING_SHIFT)}"


class _SafeMarkdown(Extension):
    """No raw HTML (it is shown as text) and headings below the practice's own heading."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ShiftHeadings(md), "teia_shift_headings", 5)


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["sane_lists", "tables", _SafeMarkdown()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


@functools.lru_cache(maxsize=4096)
def _to_html(body: str) -> str:
    """Markdown -> HTML, once per body: the checks and the renderer read the same conversion."""
    return _markdown().reset().convert(body)


def render_body(body: str) -> Markup:
    """Safe HTML of a practice body (call check_body first; this is the second line of defence)."""
    html = _to_html(body)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)
