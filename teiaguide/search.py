"""Search index: Pagefind over the built HTML.

Pagefind (from PyPI, binary inside the wheel) splits the index by each page's <html lang>, stems Russian
and English with Snowball, and stores the index in small chunks that the browser fetches per query.
Only the main content of each page is indexed (`data-pagefind-body` in overrides/main.html).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def index_site(site: Path) -> None:
    result = subprocess.run(
        # heading permalinks (¶) would otherwise end up in result titles and excerpts
        [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ".headerlink", "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
    _stable_entry(site / "pagefind" / "pagefind-entry.json")


def _stable_entry(entry: Path) -> None:
    """Pagefind writes the languages of its entry file in hash-map order, which changes from run to run;
    sorted, two builds of one commit give the same bytes (reproducible builds)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
