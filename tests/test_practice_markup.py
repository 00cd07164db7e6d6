"""Practices: markup that only the guide's own pages understand (boxes, footnotes) is refused by the check
with file and line, in English and Russian, instead of reaching readers as raw "!!! unverified" text;
a source given as a key of data/sources.yml is shown as the document, an unknown key is refused."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import practices, sources as sources_feature
from teiaguide.guide import load_guide
from teiaguide.problems import Problems
from teiaguide.render import render
from teiaguide.untrusted_markdown import check_body

BODY = "First paragraph.\n\n!!! unverified\n    Not confirmed yet.\n\n??? note\n    More.\n\nText with a note.[^1]\n"


def test_boxes_and_footnotes_are_reported_on_their_lines():
    problems = Problems()
    assert not check_body(BODY, Path("good_practices/KZ/x.en.md"), 10, problems)
    by_line = {p.line: p for p in problems.items}
    assert set(by_line) == {12, 15, 18}
    assert "!!! note" in by_line[12].en and "блоки" in by_line[12].ru
    assert "[^1]" in by_line[18].en and "сноски" in by_line[18].ru


def test_plain_text_passes():
    problems = Problems()
    assert check_body("A plain paragraph: 2 % of the threshold, Art. 4(1).\n\n- a list\n", Path("x.en.md"), 1, problems)
    assert not problems.items


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def test_unknown_source_key_in_a_practice_is_refused(guide):
    practice = next(p for p in guide.practices)
    version = next(iter(practice.versions.values()))
    fake = type(version)(version.lang, version.file, version.meta.model_copy(update={"sources": ["Law No. 1: https://example.org", "no_such_source"]}),
                         version.body_html, {**version.lines, "sources": 8})
    problems = Problems()
    practices._check_source_keys([fake], sources_feature.registry(guide), problems)
    [problem] = problems.items
    assert problem.line == 10 and problem.field == "sources[1]" and "no_such_source" in problem.ru


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_registry_key_is_shown_as_the_document(guide, lang):
    practice = guide.practices[0]
    version = next(iter(practice.versions.values()))
    with_key = type(version)(version.lang, version.file, version.meta.model_copy(update={"sources": ["almaty_2018_conclusions"]}),
                             version.body_html, version.lines)
    item = practices.practice_item(guide, type(practice)(practice.id, {version.lang: with_key}), lang, practice.page)
    html = render("practices/_card.html.j2", item=item, t=lambda key: guide.t(key, lang), heading=True,
                  show_pending=False, show_link=False)
    text = " ".join(BeautifulSoup(html, "html.parser").select_one(".teia-practice__sources").get_text(" ").split())
    source = sources_feature.registry(guide).by_key["almaty_2018_conclusions"]
    assert source.title(lang) in text and source.issuer(lang) in text and "almaty_2018_conclusions" not in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_chapter_explains_the_mark_only_when_a_practice_carries_it(guide, lang):
    page = "areas/identification.md"
    items = [practices.practice_item(guide, p, lang, page) for p in guide.practices if "identification" in p.areas]
    explanation = guide.t("gp_chapter_unconfirmed", lang)
    t = lambda key: guide.t(key, lang)  # noqa: E731
    confirmed = [dict(item, confirmed=True) for item in items]
    assert explanation not in render("practices/chapter_section.md.j2", t=t, items=confirmed, index_href="")
    one_open = [dict(confirmed[0], confirmed=False, status="contributed")] + confirmed[1:]
    assert explanation in render("practices/chapter_section.md.j2", t=t, items=one_open, index_href="")
