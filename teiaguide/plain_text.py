"""Fields that are plain text by nature (a title, an organisation, a name, a source): no markup at all.

Such a value reaches places where no Markdown sanitiser runs: the theme prints a page title as HTML in
the <h1>, the header and <title>, the description goes into <meta>, both go into the search index and the
PDF metadata. So these fields refuse "<" and ">" outright (no tag, not even an autolink, can start
without them), every character that makes text read differently from what it is (control,
bidirectional and zero-width characters), and text longer than the field's limit. The generated front
matter escapes them as well (templates: `| e | tojson`), so a value that slipped through stays text.
"""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from .invisible import INVISIBLE, invisible_message
from .yamlsource import BilingualError

MARKUP = re.compile(r"[<>]")

TITLE_MAX = 200          # a practice or page title, a name
LINE_MAX = 300           # an organisation, a short label
SENTENCE_MAX = 1000      # a source with its address, a page description


def _plain(limit: int, attribute: bool):
    def check(value: str) -> str:
        if attribute and '"' in value:
            raise BilingualError(
                "straight double quotes (\") are not allowed in this field: the theme prints it inside an HTML "
                "attribute; use typographic quotes (“ ” or « »)",
                "прямые двойные кавычки (\") в этом поле запрещены: тема выводит его внутри атрибута HTML; "
                "используйте типографские кавычки (« » или “ ”)")
        if MARKUP.search(value):
            raise BilingualError(
                "'<' and '>' are not allowed in this field: it is plain text, shown as the page title and in "
                "the search index (write 'less than' / 'more than' instead)",
                "знаки «<» и «>» в этом поле запрещены: это простой текст, он выводится в заголовке страницы "
                "и в поиске (напишите «меньше» / «больше»)")
        found = INVISIBLE.search(value)
        if found:
            raise BilingualError(*invisible_message(found.group()))
        if len(value) > limit:
            raise BilingualError(f"too long: {len(value)} characters, at most {limit} are allowed",
                                 f"слишком длинно: {len(value)} знаков, допустимо не более {limit}")
        return value
    return check


def PlainText(limit: int, attribute: bool = False):  # noqa: N802 - used like a type: title: PlainText(TITLE_MAX)
    """A non-empty text without markup, at most `limit` characters; `attribute`: the theme prints it inside
    an attribute value unescaped (a hand-written page's description in <meta>), so '"' is refused too."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain(limit, attribute))]
