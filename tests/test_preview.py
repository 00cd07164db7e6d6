"""The preview (`teia-guide serve`): after a save, only the languages whose pages changed are built again,
and the site it serves shows the change."""
from __future__ import annotations

import logging
import shutil

from teiaguide import paths
from teiaguide.features import pages as pages_feature
from teiaguide.serve import Preview


def test_a_saved_page_rebuilds_its_language_only(tmp_path, monkeypatch, caplog):
    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    monkeypatch.setattr(pages_feature, "DOCS", docs)
    preview = Preview(tmp_path / "preview")
    preview.rebuild(every_language=True)
    english = (preview.site / "about" / "index.html").read_bytes()

    about = docs / "ru" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nАбзац, добавленный в предпросмотре.\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="teiaguide.serve"):
        preview.rebuild()
    assert "Built ru (only 1 changed file) in" in caplog.text and "Built en" not in caplog.text
    assert "Абзац, добавленный в предпросмотре." in (preview.site / "ru" / "about" / "index.html").read_text(encoding="utf-8")
    assert (preview.site / "about" / "index.html").read_bytes() == english

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="teiaguide.serve"):
        preview.rebuild()                       # nothing changed since
    assert "Built nothing" in caplog.text


def test_invalid_sources_keep_the_last_preview(tmp_path, monkeypatch, caplog):
    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    monkeypatch.setattr(pages_feature, "DOCS", docs)
    preview = Preview(tmp_path / "preview")
    preview.rebuild(every_language=True)
    before = (preview.site / "ru" / "about" / "index.html").read_bytes()
    about = docs / "ru" / "about.md"
    about.write_text("---\ntitle: [не закрыто\n---\nТекст.\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="teiaguide.serve"):
        preview.rebuild()
    assert "about.md" in caplog.text
    assert (preview.site / "ru" / "about" / "index.html").read_bytes() == before


def test_an_edited_page_is_rendered_alone_with_the_whole_navigation(tmp_path, monkeypatch, caplog):
    """A change to the text of one page renders that page only (a dirty build); its navigation still names
    every page, as the full build wrote it, and the pages not rendered again are kept as they were."""
    from bs4 import BeautifulSoup

    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    monkeypatch.setattr(pages_feature, "DOCS", docs)
    preview = Preview(tmp_path / "preview")
    preview.rebuild(every_language=True)
    chapter = preview.site / "ru" / "areas" / "identification" / "index.html"
    other = (preview.site / "ru" / "about" / "index.html").read_bytes()

    def navigation(html: str) -> str:
        return str(BeautifulSoup(html, "html.parser").select_one("nav.md-nav--primary"))

    before = navigation(chapter.read_text(encoding="utf-8"))
    assert "Уведомление" in before or "уведомлен" in before.lower()
    source = docs / "ru" / "areas" / "identification.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nАбзац из предпросмотра.\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="teiaguide.serve"):
        preview.rebuild()
    assert "Built ru (only 1 changed file) in" in caplog.text
    after = chapter.read_text(encoding="utf-8")
    assert "Абзац из предпросмотра." in after
    assert navigation(after) == before
    assert (preview.site / "ru" / "about" / "index.html").read_bytes() == other
