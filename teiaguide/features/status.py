"""Translation status: for every hand-written page, good practice and data record, whether every language
exists and whether a language's file is older than the newest one's (last commit dates from git).

Shown as a generated page per language (status/index.md, section "For contributors") and by
`teia-guide status [--changed BASE]`, which the pull-request check runs for the files a change touches.
Data records carry every language in one file ({en, ru, …}), so for them "all present" is the check.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import gitdates
from ..generated import Generated
from ..languages import LANGUAGES
from ..paths import DATA, DOCS, PRACTICES, ROOT
from ..problems import Problems
from ..render import render
from ..yamlsource import load_yaml_file

PAGE = "status/index.md"
NOT_RECORDS = ("ui.yml",)           # interface labels, not content: their presence is checked by the ui loader
GENERATED_FROM = "teiaguide/features/status.py"
KINDS = ("page", "practice", "record")
_PRACTICE_FILE = re.compile(r"^(?P<slug>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class Row:
    kind: str                           # "page", "practice" or "record"
    item: str                           # e.g. "areas/prevention.md", "KZ/industrial-safety-declarations", "data/quiz.yml#depositary"
    files: dict[str, str | None]        # language -> repository path of that language's file (None: missing)
    missing: tuple[str, ...]            # languages without a version
    times: dict[str, int | None]        # language -> last commit time (None: not committed yet)
    link: str | None = None             # page path under docs/<lang>/, for the generated page

    @property
    def newest(self) -> str | None:
        """The language whose file was changed last (None when the dates cannot be compared)."""
        if self.kind == "record" or self.missing or None in self.times.values():
            return None
        return max(LANGUAGES, key=lambda lang: self.times[lang])

    @property
    def older(self) -> tuple[str, ...]:
        """The languages whose file was last changed before the newest one's: their translation may be stale."""
        newest = self.newest
        if newest is None:
            return ()
        return tuple(lang for lang in LANGUAGES if self.times[lang] < self.times[newest])

    @property
    def state(self) -> str:
        if self.missing:
            return "missing"
        return "older" if self.older else "ok"

    def date(self, lang: str) -> str:
        when = self.times.get(lang)
        if self.files.get(lang) is None:
            return "—"
        if self.kind == "record":
            return "present"
        if when is None:
            return "uncommitted"
        return dt.datetime.fromtimestamp(when, dt.timezone.utc).strftime("%Y-%m-%d %H:%M")


def load(guide, problems: Problems) -> None:
    """Nothing to validate: the status is read from the other features' sources (already parsed by their
    loaders) and from git, once per build; the language builds get it with the guide."""
    guide.extra["status_rows"] = all_rows()


# --- collecting the rows --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)       # a data file has a row per record: resolve it once
def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(os.path.realpath(path), _real(root)).replace(os.sep, "/")


@functools.lru_cache(maxsize=4)
def _real(root: Path) -> str:
    return os.path.realpath(root)


def _row(kind: str, item: str, files: dict[str, Path | None], root: Path, link: str | None = None) -> Row:
    times_by_path = gitdates.last_commit_times(root)
    paths = {lang: (_rel(path, root) if path is not None else None) for lang, path in files.items()}
    times = {lang: (times_by_path.get(path) if path else None) for lang, path in paths.items()}
    missing = tuple(lang for lang in LANGUAGES if paths.get(lang) is None)
    return Row(kind, item, paths, missing, times, link)


def page_rows(docs: Path = DOCS, root: Path = ROOT) -> list[Row]:
    names = sorted({p.relative_to(docs / lang).as_posix() for lang in LANGUAGES
                    for p in (docs / lang).rglob("*.md")})
    return [_row("page", name, {lang: (docs / lang / name if (docs / lang / name).is_file() else None)
                                for lang in LANGUAGES}, root, link=name)
            for name in names]


def practice_rows(practices: Path = PRACTICES, root: Path = ROOT) -> list[Row]:
    found: dict[str, dict[str, Path]] = {}
    for file in sorted(practices.glob("*/*.md")):
        match = _PRACTICE_FILE.match(file.name)
        if match and match["lang"] in LANGUAGES:
            found.setdefault(f"{file.parent.name}/{match['slug']}", {})[match["lang"]] = file
    return [_row("practice", item, {lang: files.get(lang) for lang in LANGUAGES}, root)
            for item, files in sorted(found.items())]


def _is_text(node) -> bool:
    """{en: "…", ru: "…", …}; a mapping of languages to lists (terminology variants per language) is not one."""
    langs = set(node) & set(LANGUAGES) if isinstance(node, dict) else set()
    return bool(langs) and not any(isinstance(node[lang], (list, dict)) for lang in langs)


def _missing_languages(node) -> set[str]:
    """Languages missing in any text ({en: …, ru: …, …}) inside a record."""
    missing: set[str] = set()
    if _is_text(node):
        missing |= {lang for lang in LANGUAGES if not str(node.get(lang) or "").strip()}
        children = [value for key, value in node.items() if key not in LANGUAGES]
    elif isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        children = []
    for child in children:
        missing |= _missing_languages(child)
    return missing


def _records(tree) -> Iterator[tuple[str, object]]:
    """(record id, record) of a data file: items with an `id` in top-level lists (one level down too),
    or the keys of a top-level mapping of texts (ui.yml)."""
    if not isinstance(tree, dict):
        return
    for key, value in tree.items():
        if _is_text(value):
            yield str(key), value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield str(item.get("id", f"{key}[{index}]")), item
        elif isinstance(value, dict):
            for sub_key, item in value.items():
                if isinstance(item, list):
                    for index, element in enumerate(item):
                        if isinstance(element, dict):
                            yield str(element.get("id", f"{key}.{sub_key}[{index}]")), element
                elif isinstance(item, dict):
                    yield f"{key}.{sub_key}", item


def record_rows(data: Path = DATA, root: Path = ROOT) -> list[Row]:
    rows = []
    for file in sorted(data.glob("*.yml")):
        if file.name in NOT_RECORDS:
            continue
        # the tree the owner's loader parsed (yamlsource keeps it); invalid YAML is the owner's to report
        tree = load_yaml_file(file, Problems())
        if tree is None:
            continue
        for record_id, record in _records(tree):
            missing = _missing_languages(record)
            if not missing and not _has_text(record):
                continue              # no visible text (e.g. numbers only): nothing to translate
            files = {lang: (None if lang in missing else file) for lang in LANGUAGES}
            rows.append(_row("record", f"{_rel(file, root)}#{record_id}", files, root))
    return rows


def _has_text(node) -> bool:
    if _is_text(node):
        return True
    if isinstance(node, dict):
        return any(_has_text(value) for value in node.values())
    if isinstance(node, list):
        return any(_has_text(value) for value in node)
    return False


def all_rows() -> list[Row]:
    return page_rows() + practice_rows() + record_rows()


def changed_files(base: str, root: Path = ROOT) -> set[str]:
    """Repository paths a change touches: committed since the merge base with `base`, and uncommitted."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout

    merge_base = git("merge-base", base, "HEAD").strip()
    changed = set(git("diff", "--name-only", "--no-renames", merge_base).split())
    changed |= set(git("ls-files", "--others", "--exclude-standard").split())
    return changed


def touched(rows: list[Row], changed: set[str]) -> list[Row]:
    def data_file(row: Row) -> str:
        return row.item.split("#", 1)[0]

    return [row for row in rows
            if any(path in changed for path in row.files.values() if path)
            or (row.kind == "record" and data_file(row) in changed)
            or (row.kind == "practice" and any(
                f"good_practices/{row.item}.{lang}.md" in changed for lang in LANGUAGES))
            or (row.kind == "page" and any(f"docs/{lang}/{row.item}" in changed for lang in LANGUAGES))]


# --- output ---------------------------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    """Plain-text table for the terminal and the pull-request log."""
    header = ("kind", "item", *(f"{lang} last change" for lang in LANGUAGES), "status")
    lines = [header]
    for row in rows:
        status = {"ok": "ok", "missing": "missing " + ", ".join(row.missing),
                  "older": f"{', '.join(row.older)} older than {row.newest}"}[row.state]
        lines.append((row.kind, row.item, *(row.date(lang) for lang in LANGUAGES), status))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * width for width in widths))
    counts = {state: sum(row.state == state for row in rows) for state in ("ok", "missing", "older")}
    out.append(f"{len(rows)} items: {counts['ok']} up to date, {counts['missing']} missing a language, "
               f"{counts['older']} with an older language version")
    return "\n".join(out)


def generate(guide, lang: str) -> Iterator[Generated]:
    rows = guide.extra["status_rows"]
    sections = [(kind, [row for row in rows if row.kind == kind]) for kind in KINDS]
    ui = guide.ui.for_lang(lang)
    yield Generated(PAGE, records=(), content=render("status.md.j2", ui=ui, lang=lang, languages=LANGUAGES, sections=sections,
                                 generated_from=GENERATED_FROM,
                                 counts={state: sum(row.state == state for row in rows)
                                         for state in ("ok", "missing", "older")}))
