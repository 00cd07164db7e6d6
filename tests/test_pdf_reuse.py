"""The guide PDF reuses what did not change: after one chapter changed, only the part holding it is
rendered again (and the front matter and stamps when page numbers moved), the PDF shows the change and
is otherwise the same, it is byte for byte the PDF a build without any cache makes, and the cache keeps
only what the latest export used."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from teiaguide.languages import DEFAULT, prefix
from teiaguide.pdf import export_guide
from teiaguide.pdf.cache import DocumentCache
from teiaguide.site_records import SiteRecords, records_dir
from teiaguide.stage import stage
from tests.test_pdf import guide, pdf_pages, squash

CHAPTER = "areas/prevention/"
ADDED = "Reuse check: this sentence was added to one chapter only."


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> SiteRecords:
    docs = tmp_path_factory.mktemp("stage") / "docs"
    stage(guide(), docs)
    return SiteRecords.load(records_dir(docs), DEFAULT)


def change_chapter(site: Path) -> None:
    page = site / prefix(DEFAULT) / CHAPTER / "index.html"
    text = page.read_text(encoding="utf-8")
    heading_end = text.index("</h1>") + len("</h1>")
    page.write_text(text[:heading_end] + f"\n<p>{ADDED}</p>" + text[heading_end:], encoding="utf-8")


def text_of(path: Path) -> str:
    """The PDF's text without whitespace and digits: page numbers may move, nothing else may."""
    return "".join(ch for ch in squash("".join(pdf_pages(path))) if not ch.isdigit())


def test_a_changed_chapter_renders_only_its_part(site, records, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("files", "pagefind", "*.zip", "*.pdf"))
    cache = DocumentCache(tmp_path / "cache")
    before = export_guide(copy, records, tmp_path / "before.pdf", cache=cache)
    assert before.report.reused == [] and len(before.report.rendered) >= 4

    change_chapter(copy)
    after = export_guide(copy, records, tmp_path / "after.pdf", cache=cache)
    parts = [label for label in after.report.rendered if label.startswith("part ")]
    assert len(parts) == 1 and f" {CHAPTER}" in parts[0] + " ", after.report.rendered
    assert len(after.report.reused) >= len(before.report.rendered) - 3     # the other parts at least
    assert squash(ADDED) in squash("".join(pdf_pages(after.path)))
    assert squash(ADDED) not in squash("".join(pdf_pages(before.path)))
    assert text_of(after.path).replace(squash(ADDED), "", 1) == text_of(before.path)
    # the cache keeps what the latest export used, not the replaced part
    assert {path.stem for path in cache.folder.glob("*.pdf")} == set(after.report.keys)

    cold = export_guide(copy, records, tmp_path / "cold.pdf", cache=DocumentCache(tmp_path / "empty"))
    assert cold.report.reused == []
    assert cold.path.read_bytes() == after.path.read_bytes()

