"""A page that exists in one language only is still there in the other language, with a banner in that
language saying the translation is pending and a link to the available version."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from teiaguide import paths
from teiaguide.pipeline import build_site
from teiaguide.features import pages as pages_feature

ONLY_ENGLISH = """---
title: Lessons from exercises
description: A page written in English only, for the test.
based_on:
  - Art. 8
reviewed: 2026-11-20
---

# Lessons from exercises

Joint exercises test contingency plans across borders.
"""


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fallback")
    docs = root / "docs"
    shutil.copytree(paths.DOCS, docs)
    (docs / "en" / "exercises.md").write_text(ONLY_ENGLISH, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(pages_feature, "DOCS", docs)
    try:
        yield build_site(root / "site", work_root=root, steps=()).site
    finally:
        patch.undo()


def test_missing_translation_shows_a_banner_in_the_readers_language(fallback_site):
    russian = BeautifulSoup((fallback_site / "ru" / "exercises" / "index.html").read_text("utf-8"), "html.parser")
    assert russian.html["lang"] == "ru"
    banner = russian.select_one(".teia-pending")
    assert banner is not None
    assert "Перевод готовится" in banner.text
    link = banner.find("a", hreflang="en")
    assert link["href"] == "../../exercises/"
    # the content itself is the English original
    assert "Joint exercises test contingency plans" in russian.text


def test_the_original_page_has_no_banner(fallback_site):
    english = BeautifulSoup((fallback_site / "exercises" / "index.html").read_text("utf-8"), "html.parser")
    assert english.select_one(".teia-pending") is None
