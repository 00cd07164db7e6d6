"""Stage the docs directory that MkDocs reads: hand-written pages from docs/ plus every generated page.

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
from .paths import DOCS


def staged_files(guide: Guide) -> dict[str, bytes]:
    """Relative path (under the staged docs dir) -> content, for every file of the staged docs."""
    files: dict[str, bytes] = {}
    for source in sorted(DOCS.rglob("*")):
        if source.is_file():
            files[source.relative_to(DOCS).as_posix()] = source.read_bytes()
    for lang in LANGUAGES:
        for feature in FEATURES:
            for item in feature.generate(guide, lang):
                key = f"{lang}/{item.path}"
                if key in files:
                    raise RuntimeError(f"{feature.__name__} generates {key}, which already exists in docs/ or another feature")
                files[key] = item.content.encode("utf-8") if isinstance(item.content, str) else item.content
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


def stage(guide: Guide, target: Path) -> int:
    return sync(staged_files(guide), target)
