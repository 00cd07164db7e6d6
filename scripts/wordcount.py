"""Word counts per page and language, for the closing note and for checking chapter length.

    .venv/bin/python scripts/wordcount.py              hand-written pages (docs/en, docs/ru)
    .venv/bin/python scripts/wordcount.py --generated  also the pages generated from data/ and good_practices/

Front matter is left out. Each page is rendered with the Markdown extensions of mkdocs.yml and only the
text a reader sees is counted, so link targets, attribute lists ({#id}), table pipes and admonition
markers are not words. Generated admonition titles and permalink signs are removed too.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from teiaguide.languages import LANGUAGES  # noqa: E402
from teiaguide.markdown_config import site_markdown  # noqa: E402
from teiaguide.paths import DOCS  # noqa: E402
from teiaguide.yamlsource import split_front_matter  # noqa: E402

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def markdown_converter() -> markdown.Markdown:
    return site_markdown()


def count_words(text: str, converter: markdown.Markdown) -> int:
    _front, body, _ = split_front_matter(text)
    converter.reset()
    page = BeautifulSoup(converter.convert(body), "html.parser")
    for furniture in page.select(".admonition-title, .headerlink, .footnote-backref"):
        furniture.decompose()
    return len(WORD.findall(page.get_text(" ")))


def pages(generated: bool) -> dict[str, dict[str, str]]:
    """{relative path: {lang: Markdown text}}"""
    found: dict[str, dict[str, str]] = {}
    if generated:
        from teiaguide.guide import load_guide
        from teiaguide.stage import staged_files

        guide = load_guide()
        for lang in LANGUAGES:
            for rel, content in staged_files(guide, lang).files.items():
                if rel.endswith(".md"):
                    found.setdefault(rel, {})[lang] = content.decode("utf-8")
    else:
        for lang in LANGUAGES:
            for file in sorted((DOCS / lang).rglob("*.md")):
                rel = file.relative_to(DOCS / lang).as_posix()
                found.setdefault(rel, {})[lang] = file.read_text(encoding="utf-8")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", action="store_true", help="include the generated pages (loads the data)")
    args = parser.parse_args()
    converter = markdown_converter()
    rows = []
    for rel, texts in sorted(pages(args.generated).items()):
        rows.append([rel, *(count_words(texts[lang], converter) if lang in texts else None for lang in LANGUAGES)])
    width = max(len("Page"), *(len(row[0]) for row in rows))
    header = f"| {'Page':<{width}} | " + " | ".join(f"{lang.upper():>6}" for lang in LANGUAGES) + " |"
    print(header)
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * 7 + ":" for _ in LANGUAGES) + "|")
    for rel, *counts in rows:
        cells = " | ".join(f"{count if count is not None else '-':>6}" for count in counts)
        print(f"| {rel:<{width}} | {cells} |")
    totals = [sum(row[1 + index] or 0 for row in rows) for index in range(len(LANGUAGES))]
    print(f"| {'Total':<{width}} | " + " | ".join(f"{total:>6}" for total in totals) + " |")


if __name__ == "__main__":
    main()
