"""The language switcher in headless Chromium: it keeps the section the reader is on (the fragment goes
with the link; the hand-written pages share their section ids across languages) and marks the current
language, for screen readers and by sight."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from teiaguide.languages import LANGUAGES, prefix

pytestmark = pytest.mark.browser

SECTION = ("areas/identification/", "indicators")


def switch_language(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")        # Material opens the language menu on hover/focus
    with page.expect_navigation():
        page.locator(f"a[data-teia-alternate='{lang}']").click()


@pytest.mark.parametrize("start, target", [(a, b) for a in LANGUAGES for b in LANGUAGES if a != b])
def test_switching_language_keeps_the_section(server, page, start, target):
    path, section = SECTION
    page.goto(f"{server}{prefix(start)}{path}#{section}")
    switch_language(page, target)
    url = urlsplit(page.url)
    assert url.path == f"/{prefix(target)}{path}" and unquote(url.fragment) == section, page.url
    assert page.locator("html").get_attribute("lang") == target
    heading = page.locator(f"[id='{section}']")
    assert heading.count() == 1
    # the reader lands on the section, not at the top of the page
    assert page.evaluate("window.scrollY") > 200
    assert 0 <= heading.evaluate("h => h.getBoundingClientRect().top") < page.viewport_size["height"] / 2


def test_a_section_reached_by_a_link_goes_with_the_switch_too(server, page):
    """The fragment is read when the reader switches, not only when the page loads."""
    page.goto(server + "areas/identification/")
    page.evaluate("location.hash = 'indicators'")
    switch_language(page, "ru")
    assert unquote(urlsplit(page.url).fragment) == "indicators"


def test_without_a_section_the_switch_keeps_the_page(server, page):
    page.goto(server + "ru/areas/prevention/")
    switch_language(page, "en")
    assert page.url == server + "areas/prevention/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_menu_marks_the_current_language(server, page, lang):
    page.goto(server + prefix(lang) + "areas/prevention/")
    page.hover(".md-header__option .md-select")
    current = page.locator("a[data-teia-alternate][aria-current='true']")
    assert current.count() == 1 and current.get_attribute("data-teia-alternate") == lang
    mark = current.locator(".teia-current-mark")
    assert mark.is_visible() and mark.get_attribute("aria-hidden") == "true"
    assert current.evaluate("a => Number(getComputedStyle(a.querySelector('strong')).fontWeight)") >= 600
    others = page.locator("a[data-teia-alternate]:not([aria-current])")
    assert others.count() == len(LANGUAGES) - 1
    assert others.locator(".teia-current-mark").count() == 0
