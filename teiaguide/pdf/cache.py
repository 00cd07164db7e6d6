"""Rendered documents (parts of the guide, its front matter and stamps, single pages) kept between builds,
in build/cache/pdf/, under a hash of everything that makes them: the document's HTML (with the anchor
numbering it carries), its stylesheet (which names the font files by their hash), the images it shows,
and the versions of WeasyPrint and pypdf. A rebuild after one chapter changed renders only the part of
that chapter (and the front matter, when page numbers moved), and merges again; the merged guide is an
entry too, under the hash of the entries it was merged from, so a guide none of whose documents changed
(the other language's) is neither merged nor stamped again.

Safe with two builds at once: an entry is written under a temporary name and renamed into place, and a
build takes its own copy (a hard link) of what it reuses before merging. It does not grow without bound:
each export records the entries it used (`<export>.keys`), and every entry no export used last is
removed after an export.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..paths import BUILD

CACHE = BUILD / "cache" / "pdf"
FORMAT = "1"            # bump when what an entry holds changes


@dataclass(frozen=True)
class Rendered:
    page_count: int
    anchors: dict[str, tuple[int, float, float]]     # id -> (page in the document, x pt, y pt from the top)


def key(html: str, css: str, files: list[Path] = ()) -> str:
    """The hash of everything that makes a document. Its HTML refers to the files it shows relative to
    the build's site (a scratch folder that differs between builds): they count by their content."""
    digest = hashlib.sha256()
    for text in (FORMAT, version("weasyprint"), version("pypdf"), html, css):
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    for path in sorted(set(files)):
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return digest.hexdigest()[:32]


class DocumentCache:
    def __init__(self, folder: Path = CACHE):
        self.folder = folder

    def _paths(self, name: str) -> tuple[Path, Path]:
        return self.folder / f"{name}.pdf", self.folder / f"{name}.json"

    def fetch(self, name: str, target: Path) -> Rendered | None:
        """The entry's PDF linked (or copied) to `target` and its layout facts; None if there is none."""
        pdf, facts = self._paths(name)
        try:
            data = json.loads(facts.read_text(encoding="utf-8"))
            _link_or_copy(pdf, target)
        except (OSError, ValueError):
            return None                 # missing, or removed by another build in the meantime
        return Rendered(data["page_count"], {name: tuple(where) for name, where in data["anchors"].items()})

    def store(self, name: str, source: Path, rendered: Rendered) -> None:
        pdf, facts = self._paths(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        _atomic(pdf, lambda temp: _link_or_copy(source, temp))
        text = json.dumps({"page_count": rendered.page_count, "anchors": rendered.anchors}, sort_keys=True)
        _atomic(facts, lambda temp: temp.write_text(text, encoding="utf-8"))    # written last: marks it whole

    def keep(self, export: str, names: list[str]) -> None:
        """Record the entries `export` (e.g. "teia-guide-en.pdf") used, and remove those no export used."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _atomic(self.folder / f"{export}.keys", lambda temp: temp.write_text("\n".join(sorted(set(names))) + "\n"))
        used = set()
        for listing in self.folder.glob("*.keys"):
            used.update(listing.read_text().split())
        for path in self.folder.iterdir():
            if path.suffix in (".pdf", ".json") and path.stem not in used:
                path.unlink(missing_ok=True)


def _atomic(target: Path, write) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    write(temp)
    os.replace(temp, target)


def _link_or_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
