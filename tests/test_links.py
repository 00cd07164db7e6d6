"""Links and anchors: every internal link of the built site (both languages, generated pages, PDFs)
resolves; external links are only listed. A broken link names the page and the target."""
from __future__ import annotations

from pathlib import Path

import pytest

from teiaguide.linkcheck import check_site


def test_every_internal_link_and_anchor_resolves(site):
    report = check_site(site)
    assert report.pages > 20 and report.links > 100, report.format()
    if report.broken:
        pytest.fail(f"{len(report.broken)} broken links:\n" + "\n".join(item.format() for item in sorted(report.broken)),
                    pytrace=False)


def test_both_languages_and_generated_pages_are_checked(site):
    report = check_site(site)
    # the Russian site is part of the check, and Material's own links (canonical, assets) resolve
    assert report.pages >= 2 * len(list((site / "ru").rglob("*.html")))


def test_canonical_links_point_at_the_page_itself(site):
    """The canonical URL of a Russian page is the Russian page (the sitemap is built from it)."""
    import re

    for file in [site / "about" / "index.html", site / "ru" / "about" / "index.html"]:
        match = re.search(r'<link rel="canonical" href="([^"]+)"', file.read_text(encoding="utf-8"))
        assert match, f"{file}: no canonical link"
        rel = file.relative_to(site).as_posix().removesuffix("index.html")
        assert match.group(1).endswith("/" + rel), f"{file}: canonical {match.group(1)}"


def _page(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_a_broken_link_names_the_page_and_the_target(tmp_path):
    _page(tmp_path, "index.html", '<h2 id="top">x</h2><a href="about/">ok</a><a href="#top">ok</a>'
                                  '<a href="about/#team">ok</a><a href="missing/">bad</a><a href="about/#nowhere">bad</a>'
                                  '<a href="https://unece.org/env/teia">ext</a>')
    _page(tmp_path, "about/index.html", '<p id="team">t</p><a href="../">home</a><a href="../index.html#top">ok</a>'
                                        '<a href="/ru/">bad</a><a href="../../up.html">bad</a>')
    _page(tmp_path, "ru/404.html", '<a href="/about/">ok</a><a href="http://example.org/about/#team">ok, same site</a>')
    report = check_site(tmp_path, "http://example.org/")
    broken = {(item.page, item.target) for item in report.broken}
    assert broken == {("index.html", "missing/"), ("index.html", "about/#nowhere"),
                      ("about/index.html", "/ru/"), ("about/index.html", "../../up.html")}, report.format()
    assert "index.html: about/#nowhere (no id 'nowhere' in about/index.html)" in report.format()
    assert set(report.external) == {"https://unece.org/env/teia"}


def test_links_of_a_pdf_are_checked(tmp_path):
    """Internal PDF links must reach a named destination; a link resolved to a file of the build machine
    (file://) is broken in the reader's copy; web links are listed."""
    from weasyprint import HTML

    html = ('<h1 id="start">Start</h1><p><a href="#start">ok</a> <a href="../elsewhere/">bad</a> '
            '<a href="https://unece.org/">ext</a></p>')
    _page(tmp_path, "index.html", "")
    HTML(string=html, base_url=f"{tmp_path}/").write_pdf(tmp_path / "guide.pdf")
    report = check_site(tmp_path, "http://example.org/")
    assert "https://unece.org/" in report.external
    assert [(item.page, item.target[:7]) for item in report.broken] == [("guide.pdf (page 1)", "file://")], report.format()
    assert report.links >= 1          # the #start link was followed to its destination
