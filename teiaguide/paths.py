"""Where things live in the repository. One place for every path the generator uses."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"                       # hand-written pages: docs/en/..., docs/ru/...
DATA = ROOT / "data"                       # structured content, every visible string as {en, ru, …}
PRACTICES = ROOT / "good_practices"        # contributed good practices: <ISO>/<slug>.<lang>.md
ASSESSMENTS = ROOT / "self_assessments"    # submitted self-assessments and action plans: <ISO>/<year>.yml
EXAMPLES = ROOT / "examples"               # fictional examples (notification, self-assessment)
OVERRIDES = ROOT / "overrides"             # Material theme overrides and browser assets
TEMPLATES = Path(__file__).resolve().parent / "templates"   # Jinja templates of generated pages
BUILD = ROOT / "build"                     # scratch space: staged docs, per-language builds, PDFs
STAGE_DOCS = BUILD / "stage" / "docs"      # docs_dir of mkdocs.yml: docs/ + generated pages
SITE = ROOT / "site"                       # the published site
NODE_MODULES = ROOT / "node_modules"
MKDOCS_YML = ROOT / "mkdocs.yml"
