"""Stage the docs directory that MkDocs reads: every page the features give, the hand-written pages of
docs/ as the pages feature validated them included (staging reads no source file again).

Everything is rendered in memory first; only then is the staged directory synchronised, writing only
files whose content changed and removing stale ones. A failure while generating therefore leaves the
previous staged directory untouched, and `mkdocs serve` does not see spurious changes.
"""
from __future__ import annotations

import os
from pathlib import Path

from .features import FEATURES
from .guide import Guide
from .languages import LANGUAGES


def staged_files(guide: Guide, lang: str) -> dict[str, bytes]:
    """Relative path (under the language's staged folder) -> content, for every file of that folder."""
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
