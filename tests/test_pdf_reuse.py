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
NAME = f"teia-guide-{DEFAULT}.pdf"      # one export: the cache keeps what its latest run used
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


def pages_of(path: Path) -> list[tuple[str, str]]:
    """(running header, text) of every page; the text without the "page x of y" stamp (its last line),
    whitespace and digits (page numbers in the contents may move)."""
    pages = []
    for page in pdf_pages(path):
        lines = [line for line in page.splitlines() if line.strip()] or [""]
        pages.append((lines[0], "".join(ch for ch in squash("".join(lines[:-1])) if not ch.isdigit())))
    return pages


def changed_pages(before: list, after: list) -> tuple[list, list]:
    """The pages between the longest common beginning and the longest common end of two PDFs."""
    head = next((i for i, (x, y) in enumerate(zip(before, after)) if x != y), min(len(before), len(after)))
    tail = next((i for i, (x, y) in enumerate(zip(before[::-1], after[::-1])) if x != y or i >= min(len(before), len(after)) - head),
                min(len(before), len(after)) - head)
    return before[head:len(before) - tail], after[head:len(after) - tail]


def test_a_changed_chapter_renders_only_its_part(site, records, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("files", "pagefind", "*.zip", "*.pdf"))
    cache = DocumentCache(tmp_path / "cache")
    before = export_guide(copy, records, tmp_path / "before" / NAME, cache=cache)
    assert before.report.reused == [] and len(before.report.rendered) >= 4

    change_chapter(copy)
    after = export_guide(copy, records, tmp_path / "after" / NAME, cache=cache)
    parts = [label for label in after.report.rendered if label.startswith("part ")]
    assert len(parts) == 1 and f" {CHAPTER}" in parts[0] + " ", after.report.rendered
    assert len(after.report.reused) >= len(before.report.rendered) - 3     # the other parts at least
    assert squash(ADDED) in squash("".join(pdf_pages(after.path)))
    assert squash(ADDED) not in squash("".join(pdf_pages(before.path)))
    # every page outside the changed chapter is the same (its page number aside)
    old, new = changed_pages(pages_of(before.path), pages_of(after.path))
    title = next(page.title for page in records.pages if page.url == CHAPTER)
    assert {squash(header) for header, _ in old + new} == {squash(title)}
    assert squash(ADDED) in "".join(text for _, text in new)
    # the cache keeps what the latest export used, not the replaced part
    assert {path.stem for path in cache.folder.glob("*.pdf")} == set(after.report.keys)

    # nothing changed since: every document and the merged guide itself are reused, the same bytes
    again = export_guide(copy, records, tmp_path / "again" / NAME, cache=cache)
    assert again.report.rendered == [] and "the merged guide" in again.report.reused
    assert again.path.read_bytes() == after.path.read_bytes()

    cold = export_guide(copy, records, tmp_path / "cold" / NAME, cache=DocumentCache(tmp_path / "empty"))
    assert cold.report.reused == []
    assert cold.path.read_bytes() == after.path.read_bytes()

