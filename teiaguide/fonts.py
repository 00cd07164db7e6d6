"""The site font (PT Sans, from the npm package @fontsource/pt-sans): shipped with the site, and converted
to plain TrueType for WeasyPrint (the guide PDFs and the reports of `notify` and `assess`).

No request leaves the site's host: the font files are copied next to the pages. The CSS splits each
weight into unicode-range subsets, so a reader downloads only the Latin or Cyrillic files a page uses.

WeasyPrint unpacks a WOFF file again for every document (pure Python, seconds per document); a TrueType
file it reads at once. The conversions are kept in build/cache/fonts/ under names that carry the hash of
their sources, written atomically (two builds may convert the same file at once).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .paths import BUILD, NODE_MODULES

PACKAGE = NODE_MODULES / "@fontsource" / "pt-sans"
FACES = ("400.css", "700.css", "400-italic.css", "700-italic.css")
SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")
WEIGHTS = (400, 700)
STYLES = ("normal", "italic")
CACHE = BUILD / "cache" / "fonts"


@dataclass(frozen=True)
class Face:
    subset: str | None          # None: every subset merged into one font
    weight: int
    style: str
    path: Path                  # plain TrueType


def install(site_dir: Path) -> None:
    if not PACKAGE.is_dir():
        raise FileNotFoundError(
            f"{PACKAGE} is missing: run `make setup` (npm ci) to install the site font"
        )
    target = Path(site_dir) / "assets" / "fonts"
    (target / "files").mkdir(parents=True, exist_ok=True)
    css = "\n".join((PACKAGE / face).read_text(encoding="utf-8") for face in FACES)
    (target / "fonts.css").write_text(css, encoding="utf-8")
    for font in sorted((PACKAGE / "files").glob("*")):
        if any(font.name.startswith(f"pt-sans-{subset}-") for subset in SUBSETS) and font.suffix in (".woff2", ".woff"):
            shutil.copyfile(font, target / "files" / font.name)


def woff(subset: str, weight: int, style: str) -> Path:
    return PACKAGE / "files" / f"pt-sans-{subset}-{weight}-{style}.woff"


def subset_faces() -> list[Face]:
    """One TrueType file per subset, weight and style (the guide PDFs declare each subset as a family)."""
    faces = [Face(subset, weight, style, truetype([woff(subset, weight, style)]))
             for subset in SUBSETS for weight in WEIGHTS for style in STYLES if woff(subset, weight, style).is_file()]
    if not faces:
        raise FileNotFoundError(f"{PACKAGE / 'files'} holds no PT Sans files: run `make setup` (npm ci)")
    return faces


def merged_faces() -> list[Face]:
    """One TrueType file per weight and style with every subset merged in (the reports of notify and
    assess; empty without the npm package: they fall back to DejaVu Sans)."""
    faces = []
    for weight in WEIGHTS:
        for style in STYLES:
            sources = [woff(subset, weight, style) for subset in SUBSETS if woff(subset, weight, style).is_file()]
            if sources:
                faces.append(Face(None, weight, style, truetype(sources)))
    return faces


def truetype(sources: list[Path], cache: Path = CACHE) -> Path:
    """The WOFF files as one plain TrueType font (merged when there are several), converted once."""
    digest = hashlib.sha256(b"".join(hashlib.sha256(path.read_bytes()).digest() for path in sources)).hexdigest()[:16]
    target = cache / f"{sources[0].stem if len(sources) == 1 else 'merged'}.{digest}.ttf"
    if target.is_file():
        return target
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    cache.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    plain = []
    for index, source in enumerate(sources):
        font = TTFont(str(source))
        font.flavor = None                      # WOFF -> plain TrueType
        if len(sources) == 1:
            font.save(str(temp))
        else:
            plain.append(temp.with_suffix(f".{index}.ttf"))
            font.save(str(plain[-1]))
    if plain:
        Merger().merge([str(path) for path in plain]).save(str(temp))
        for path in plain:
            path.unlink()
    os.replace(temp, target)                    # atomic: another build may be converting the same file
    return target
