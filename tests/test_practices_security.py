"""Contributed practices are untrusted: every way of putting script or styling into the site is rejected by
the check (with its line and an English and a Russian message), and the renderer removes it anyway."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from teiaguide.practice_validation import read_practices
from teiaguide.problems import Problems
from teiaguide.untrusted_markdown import check_body, render_body

FRONT = """---
id: kz-test-practice
country: KZ
areas: [identification]
title: "A test practice"
year: 2020
organisation: "Ministry of Emergency Situations"
sources:
  - "A law: https://example.org/law"
status: contributed
---
"""
BODY_LINE = FRONT.count("\n") + 1        # line of the body's first line in the file
SAFE = "A plain paragraph.\n\n"          # the hostile line is the third line of the body

# (name, hostile Markdown line, words expected in the English message)
VECTORS = [
    ("script tag", "<script>alert(1)</script>", "script"),
    ("script tag, spaces and case", "< SCRIPT >alert(1)</script>", "script"),
    ("img onerror", '<img src="x" onerror="alert(1)">', "event-handler"),
    ("event handler on any tag", '<b onclick="alert(1)">x</b>', "event-handler"),
    ("iframe", '<iframe src="https://example.org"></iframe>', "embed"),
    ("object", '<object data="x.swf"></object>', "embed"),
    ("svg", "<svg onload=alert(1)>", "embed"),
    ("form", '<form action="https://example.org"><input name="q"></form>', "form"),
    ("button", "<button>Click</button>", "form"),
    ("style tag", "<style>body { display: none }</style>", "style"),
    ("style attribute", '<p style="position:fixed;top:0">x</p>', "style"),
    ("html comment", "<!-- hidden -->", "HTML"),
    ("closing tag alone", "</div>", "HTML"),
    ("attr_list onclick", 'A paragraph {: onclick="alert(1)" }', "event-handler"),
    ("attr_list onclick without colon", "A paragraph { onclick=alert(1) }", "event-handler"),
    ("attr_list on heading", "## Heading {: onmouseover=alert(1) }", "event-handler"),
    ("attr_list style", 'Text {: style="display:none" }', "style"),
    ("attr_list class", "Text {: .md-header }", "attribute lists"),
    ("attr_list id", "Text {#top}", "attribute lists"),
    ("javascript link", "[click](javascript:alert(1))", "javascript"),
    ("javascript link, mixed case", "[click](JaVaScRiPt:alert(1))", "javascript"),
    ("javascript link, entity", "[click](java&#115;cript:alert(1))", "javascript"),
    ("javascript link, angle brackets", "[click](<javascript:alert(1)>)", "HTML"),
    ("javascript reference link", "[click][x]\n\n[x]: javascript:alert(1)", "javascript"),
    ("javascript autolink", "<javascript:alert(1)>", "HTML"),
    ("vbscript link", "[click](vbscript:msgbox(1))", "vbscript"),
    ("data link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data"),
    ("data image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "images"),
    ("remote image", "![x](https://example.org/track.png)", "images"),
    ("relative link", "[page](../areas/prevention.md)", "full web address"),
    ("protocol-relative link", "[page](//example.org/x)", "full web address"),
    ("bidi override", "Total: 10\u202e tons", "text-direction"),
    ("zero-width space", "Total: 1\u200b0 tons", "zero-width"),
    ("control character", "Total: 10\x07 tons", "control"),
]


@pytest.mark.parametrize("name,line,words", VECTORS, ids=[v[0] for v in VECTORS])
def test_hostile_body_is_rejected_with_line_and_both_languages(name, line, words):
    problems = Problems()
    assert not check_body(SAFE + line + "\n", Path("x.en.md"), 10, problems)
    assert problems, name
    first = problems.items[0]
    assert first.line == 12 + line.count("\n"), f"{name}: reported on line {first.line}"  # the hostile line
    assert first.field == "body"
    assert words.lower() in first.en.lower(), first.en
    assert any("а" <= char <= "я" for char in first.ru.lower()), "the Russian message is missing"


@pytest.mark.parametrize("name,line,words", VECTORS, ids=[v[0] for v in VECTORS])
def test_renderer_removes_the_vector_anyway(name, line, words):
    """Defence in depth: even without the check, nothing executable or styled reaches the HTML markup
    (hostile text may remain as visible, escaped text)."""
    markup = " ".join(re.findall(r"<[^>]*>", str(render_body(SAFE + line + "\n")).lower()))
    for bad in ("<script", "<iframe", "<object", "<svg", "<form", "<input", "<button", "<style", "<img",
                "<!--", "onclick", "onerror", "onload", "onmouseover", "style=", "src=", "javascript:",
                "vbscript:", "data:", "id=", "class="):
        assert bad not in markup, (name, bad, markup)


def test_safe_markdown_passes_and_renders():
    body = ("Intro with a [law](https://example.org/law) and **bold** text.\n\n"
            "# Heading\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
            "Less than 5 t < 10 t, and an email <mailto:desk@example.org>.\n")
    problems = Problems()
    assert check_body(body, Path("x.en.md"), 1, problems), problems.report()
    html = str(render_body(body))
    assert '<a href="https://example.org/law" rel="noopener noreferrer nofollow">law</a>' in html
    assert "<h4>Heading</h4>" in html          # shifted below the practice's own heading
    assert "<table>" in html and "<li>one</li>" in html


def test_front_matter_texts_are_checked_too(tmp_path):
    folder = tmp_path / "KZ"
    folder.mkdir()
    text = FRONT.replace('title: "A test practice"', 'title: "Safe <script>alert(1)</script>"') + "Body.\n"
    (folder / "test-practice.en.md").write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_practices(tmp_path, problems, {"KZ"}, {"identification"}) == []
    assert [(p.line, p.field) for p in problems.items] == [(5, "title")]


def test_hostile_file_is_not_loaded(tmp_path):
    folder = tmp_path / "KZ"
    folder.mkdir()
    (folder / "test-practice.en.md").write_text(FRONT + SAFE + "[x](javascript:alert(1))\n", encoding="utf-8")
    problems = Problems()
    assert read_practices(tmp_path, problems, {"KZ"}, {"identification"}) == []
    assert [(p.line, p.field) for p in problems.items] == [(BODY_LINE + 2, "body")]


def test_thousands_of_links_are_checked_in_one_pass_and_reported_briefly():
    """The link check looks up only the links with a problem, at most MAX_LINK_PROBLEMS of them, each
    from where the previous one was found (it used to search the whole body for every link: minutes)."""
    from teiaguide.untrusted_markdown import MAX_LINK_PROBLEMS

    good = "".join(f"Line {n} [a law](https://example.org/{n}).\n\n" for n in range(3000))
    problems = Problems()
    assert check_body(good, Path("x.en.md"), 1, problems) and not problems
    bad = "".join(f"Line {n} [a law](ftp://example.org/{n}).\n\n" for n in range(3000))
    assert not check_body(bad, Path("x.en.md"), 1, problems)
    assert len(problems) == MAX_LINK_PROBLEMS + 1
    assert [p.line for p in problems.items[:3]] == [1, 3, 5]         # each on its own line
    assert "2980 more" in problems.items[-1].en and "2980" in problems.items[-1].ru
