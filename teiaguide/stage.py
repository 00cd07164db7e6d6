"""Stage the docs directory that MkDocs reads: every page the features give, the hand-written pages of
docs/ as the pages feature validated them included (staging reads no source file again).

Everything is rendered in memory first; only then is the staged directory synchronised, writing only
files whose content changed and removing stale ones. A failure while generating therefore leaves the
previous staged directory untouched, and `mkdocs serve` does not see spurious changes.
"""
from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import jinja2

from .features import FEATURES, ui
from .guide import Guide
from .languages import LANGUAGES
from .problems import Problems, SourceError
from .yamlsource import load_yaml_file


def staged_files(guide: Guide, lang: str) -> dict[str, bytes]:
    """Relative path (under the language's staged folder) -> content, for every file of that folder.
    Raises SourceError, naming data/ui.yml, when an interface string the pages need is missing."""
    with missing_strings_reported(guide):
        return _staged_files(guide, lang)


@contextlib.contextmanager
def missing_strings_reported(guide: Guide):
    """An interface string asked for but missing from data/ui.yml (also one composed at run time, like
    "gp_status_" + status) becomes a problem of data/ui.yml instead of a KeyError or a Jinja error."""
    try:
        yield
    except (ui.MissingString, jinja2.UndefinedError) as err:
        key = err.key if isinstance(err, ui.MissingString) else _undefined_name(err)
        if key is None or (guide.ui is not None and key in guide.ui.root):
            raise
        problems = Problems()
        tree = load_yaml_file(ui.SOURCE, Problems())
        ui.missing_problem(problems, tree, key)
        raise SourceError(problems) from None


def _undefined_name(err: Exception) -> str | None:
    """The key a template asked the interface strings for (`ui.<key>`); None for any other undefined
    name, which is a bug of the generator, not of data/ui.yml."""
    match = re.search(rf"{ui._Strings.__name__} object' has no attribute '([A-Za-z0-9_]+)'", str(err))
    return match.group(1) if match else None


def _staged_files(guide: Guide, lang: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for feature in FEATURES:
        for item in feature.generate(guide, lang):
            if item.path in files:
                raise RuntimeError(f"{feature.__name__} generates {lang}/{item.path}, which another feature "
                                   "(or docs/) already has")
            files[item.path] = item.content.encode("utf-8") if isinstance(item.content, str) else item.content
    return files


def sync(files: dict[str, bytes], target: Path) -> int:
    """Make `target` hold exactly `files`; returns how many files were written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in files.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        os.replace(temp, path)          # atomic: a concurrent reader never sees half a file
        written += 1
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.name.startswith("."):
            continue                    # .keep holds the folder in git; MkDocs ignores dot files
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def stage(guide: Guide, target: Path, langs: tuple[str, ...] = LANGUAGES) -> int:
    """Stage the languages' folders of `target` (each language's build process stages its own)."""
    rendered = {lang: staged_files(guide, lang) for lang in langs}      # all rendered before any is written
    return sum(sync(files, target / lang) for lang, files in rendered.items())
