"""Interface strings (data/ui.yml): every label the templates show, in both languages.

A key the generator, a template or the theme needs but data/ui.yml lacks is a problem of data/ui.yml,
found before anything is built: the keys named literally in the code, templates and theme are checked
when the file is loaded (`references`), and every key asked for while the pages are generated (also
the ones composed at run time, like "gp_status_" + status) ends in the same problem instead of a
KeyError (`MissingString`, turned into a problem by stage.staged_files; `teia-guide check` generates
every page in memory for this).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from markupsafe import Markup, escape
from pydantic import PrivateAttr, RootModel

from ..generated import Generated
from ..paths import DATA, OVERRIDES, ROOT, TEMPLATES
from ..problems import Problems
from ..records import Text
from ..yamlsource import load_yaml_file, validate

SOURCE = DATA / "ui.yml"
CODE = Path(__file__).resolve().parent.parent          # teiaguide/

# How code, templates and the theme name a key literally: t("<key>"), guide.t("<key>", lang), ui["<key>"],
# ui.<key> (templates), teia.ui.<key> (theme); lang.t(...) is Material's own translation. Composed keys ("gp_status_" ~ status) are caught when the
# pages are generated.
_IN_CODE = re.compile(r"""(?<!lang\.)\bt\(\s*["']([a-z][a-z0-9_]*)["']\s*[,)]|\bui\[\s*["']([a-z][a-z0-9_]*)["']\s*\]""")
_IN_TEMPLATES = re.compile(r"""\bui\.([a-z][a-z0-9_]*)\b(?!\s*\()""")
_NOT_KEYS = {"items", "keys", "values", "get", "for_lang", "yml"}


class MissingString(KeyError):
    """An interface string asked for by the generator but missing from data/ui.yml."""

    def __init__(self, key: str):
        super().__init__(f"UI string '{key}' is missing from {SOURCE.name}")
        self.key = key


class _Strings(dict):
    """One language's strings: a missing key raises MissingString (Jinja then reports it as undefined,
    and stage.staged_files names the key)."""

    def __missing__(self, key):
        raise MissingString(key)


class UiStrings(RootModel[dict[str, Text]]):
    _by_language: dict[str, _Strings] = PrivateAttr(default_factory=dict)    # for_lang, once per language

    def get(self, key: str, lang: str) -> str:
        try:
            return self.root[key](lang)
        except KeyError:
            raise MissingString(key) from None

    def for_lang(self, lang: str) -> dict[str, str]:
        """Every string in `lang` (falling back along its chain); shared by every page: do not change it."""
        if lang not in self._by_language:
            self._by_language[lang] = _Strings({key: text(lang) for key, text in self.root.items()})
        return self._by_language[lang]

    def for_theme(self, lang: str) -> dict[str, Markup]:
        """The strings HTML-escaped, for the theme's templates, which MkDocs renders without autoescape
        (a '"' would otherwise end the attribute it is printed in)."""
        return _Strings({key: escape(text(lang)) for key, text in self.root.items()})


@functools.lru_cache(maxsize=1)
def references() -> dict[str, str]:
    """Key -> the first file (relative to the repository) that names it literally."""
    found: dict[str, str] = {}
    sources = [*sorted(CODE.rglob("*.py")), *sorted(TEMPLATES.rglob("*")), *sorted(OVERRIDES.rglob("*.html"))]
    for file in sources:
        if not file.is_file():
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        keys = [a or b for a, b in _IN_CODE.findall(text)]
        if file.suffix != ".py":
            keys += _IN_TEMPLATES.findall(text)
        for key in keys:
            if key not in _NOT_KEYS:
                found.setdefault(key, file.relative_to(ROOT).as_posix() if file.is_relative_to(ROOT) else file.name)
    return found


def missing_problem(problems: Problems, tree, key: str, used_by: str | None = None) -> None:
    """`key` is missing: reported after the file's last key, where it would be added."""
    line = (max(tree.key_lines.values()) + 2) if getattr(tree, "key_lines", None) else 1
    where_en = f"used by {used_by}" if used_by else "asked for while generating the pages"
    where_ru = f"используется в {used_by}" if used_by else "нужна при создании страниц"
    problems.add(SOURCE, line, key,
                 f"interface string '{key}' is missing ({where_en}): add it with its text in every language",
                 f"строка интерфейса '{key}' отсутствует ({where_ru}): добавьте её с текстом на всех языках")


def load(guide, problems: Problems) -> None:
    tree = load_yaml_file(SOURCE, problems)
    if tree is None:
        return
    guide.ui = validate(UiStrings, tree, SOURCE, problems)
    if isinstance(tree, dict):
        for key, used_by in references().items():
            if key not in tree:
                missing_problem(problems, tree, key, used_by)


def generate(guide, lang: str) -> Iterator[Generated]:
    return iter(())

