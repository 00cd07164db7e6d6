"""Ship the site font (PT Sans, from the npm package @fontsource/pt-sans) with the site.

No request leaves the site's host: the font files are copied next to the pages. The CSS splits each
weight into unicode-range subsets, so a reader downloads only the Latin or Cyrillic files a page uses.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .paths import NODE_MODULES

PACKAGE = NODE_MODULES / "@fontsource" / "pt-sans"
FACES = ("400.css", "700.css", "400-italic.css", "700-italic.css")
SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")


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
