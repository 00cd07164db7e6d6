"""Search in headless Chromium, as a reader uses it: counts in the right plural form of each language,
"show more" beyond the first ten, section results that land on their heading with the matched words
marked, and the keyboard (arrows, Enter, Escape, Tab order, Ctrl/⌘-K). No request leaves the site."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from teiaguide.languages import LANGUAGES, prefix

pytestmark = pytest.mark.browser

# a query with more than ten results in each language (the chapters all speak of accidents)
BROAD = {"en": "accident", "ru": "аварией"}


def off_site(requests: list[str]) -> list[str]:
    return [url for url in requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"]


def wait_for_results(page) -> str:
    page.wait_for_function(
        "() => { const s = document.querySelector('.teia-search__status').textContent;"
        " return /\\d/.test(s) || s === document.querySelector('[data-teia-search]').dataset.none; }",
        timeout=15000)
    return page.locator(".teia-search__status").text_content()


def search(page, query: str) -> str:
    page.keyboard.press("Control+k")
    page.keyboard.type(query)
    return wait_for_results(page)


# --- plural forms ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, count, expected", [
    ("ru", 1, "1 результат"), ("ru", 2, "2 результата"), ("ru", 4, "4 результата"), ("ru", 5, "5 результатов"),
    ("ru", 11, "11 результатов"), ("ru", 12, "12 результатов"), ("ru", 21, "21 результат"),
    ("ru", 22, "22 результата"), ("ru", 31, "31 результат"), ("ru", 111, "111 результатов"),
    ("en", 1, "1 result"), ("en", 2, "2 results"), ("en", 11, "11 results"), ("en", 21, "21 results"),
])
def test_result_counts_take_the_plural_form_of_the_language(server, page, lang, count, expected):
    page.goto(server + prefix(lang))
    message = page.locator("[data-teia-search]").get_attribute("data-results")
    assert page.evaluate("([m, n, l]) => window.teiaPlural(m, n, l)", [message, count, lang]) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_count_message_has_each_plural_category_of_its_language(server, page, lang):
    """A language's messages in data/ui.yml name every CLDR category the language uses (Russian: one, few,
    many, other), so that no count falls back to a wrong form."""
    page.goto(server + prefix(lang))
    categories = page.evaluate(f"new Intl.PluralRules('{lang}').resolvedOptions().pluralCategories")
    for name in ("results", "more"):
        message = page.locator("[data-teia-search]").get_attribute(f"data-{name}")
        missing = [category for category in categories if not re.search(rf"(^|;)\s*{category}\s*:", message)]
        assert not missing, f"data/ui.yml search_{name}.{lang} lacks the plural forms {missing}: {message}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_and_more_button_use_the_plural_helper(server, page, lang):
    page.goto(server + prefix(lang) + "areas/prevention/")
    status = search(page, BROAD[lang])
    count = int(re.sub(r"\D", "", status))
    root = page.locator("[data-teia-search]")
    expected = page.evaluate("([m, n, l]) => window.teiaPlural(m, n, l)", [root.get_attribute("data-results"), count, lang])
    assert status == expected
    more = page.locator(".teia-search__more")
    assert more.text_content() == page.evaluate(
        "([m, n, l]) => window.teiaPlural(m, n, l)", [root.get_attribute("data-more"), min(10, count - 10), lang])


# --- more results, sections, highlight -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_show_more_lists_every_result_ten_at_a_time(server, page, lang):
    page.goto(server + prefix(lang))
    count = int(re.sub(r"\D", "", search(page, BROAD[lang])))
    assert count > 10, f"«{BROAD[lang]}» should find more than ten pages to test 'show more'"
    pages = page.locator(".teia-search__results > li")
    assert pages.count() == 10
    shown = 10
    while shown < count:
        page.locator(".teia-search__more").click()
        before, shown = shown, min(count, shown + 10)
        page.wait_for_function(f"() => document.querySelectorAll('.teia-search__results > li').length === {shown}")
        # the first new result takes the focus, so that a keyboard reader continues where the list grew
        assert page.evaluate("document.activeElement === document.querySelectorAll("
                             f"'.teia-search__results > li')[{before}].querySelector('a')")
    assert page.locator(".teia-search__more").is_hidden()
    urls = pages.locator(":scope > a").evaluate_all("links => links.map(a => a.pathname)")
    assert len(set(urls)) == count, "a page is listed twice"
    assert not off_site(page.requests), off_site(page.requests)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_section_result_lands_on_its_heading_with_the_words_marked(server, page, lang):
    page.goto(server + prefix(lang))
    search(page, BROAD[lang])
    section = page.locator(".teia-search__link--section").first
    href = section.get_attribute("href")
    title = section.locator(".teia-search__title").text_content()
    assert "#" in href and "highlight=" in href, href
    section.click()
    page.wait_for_url(href)
    fragment = unquote(urlsplit(page.url).fragment)
    heading = page.locator(f"[id='{fragment}']")
    assert heading.count() == 1 and heading.evaluate("h => /^H[1-6]$/.test(h.tagName)")
    assert title.strip() in heading.text_content()
    page.wait_for_selector("mark.teia-search-highlight")
    marked = page.locator("mark.teia-search-highlight").all_text_contents()
    assert marked and all(len(text) >= 2 for text in marked)
    # the section's own text has marks (the words Pagefind matched there, not only the query as typed)
    assert page.evaluate("""id => { const h = document.getElementById(id); let node = h.nextElementSibling;
        while (node && !/^H[1-6]$/.test(node.tagName)) { if (node.querySelector('mark.teia-search-highlight')) return true;
        node = node.nextElementSibling; } return false; }""", fragment)
    assert not off_site(page.requests), off_site(page.requests)


def test_a_page_reached_without_a_search_loads_nothing_of_pagefind(server, page):
    page.goto(server + "ru/areas/prevention/#requires")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requests if "/pagefind/" in url]
    assert page.locator("mark.teia-search-highlight").count() == 0


# --- keyboard --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("shortcut", ["Control+k", "Meta+k"])
def test_ctrl_or_command_k_opens_search_from_anywhere(server, page, shortcut):
    page.goto(server + "ru/areas/prevention/")
    page.locator("article a").first.focus()
    page.keyboard.press(shortcut)
    assert page.locator("#teia-search-panel").is_visible()
    assert page.evaluate("document.activeElement.id") == "teia-search-input"


def test_ctrl_k_works_with_a_russian_keyboard_layout(server, page):
    """Ctrl+K on a Russian layout types «л»: the key is recognised by its place on the keyboard."""
    page.goto(server + "ru/")
    page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'л', code: 'KeyK', ctrlKey: true, bubbles: true}))")
    assert page.locator("#teia-search-panel").is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_arrows_move_through_results_and_enter_opens(server, page, lang):
    page.goto(server + prefix(lang))
    search(page, BROAD[lang])
    links = page.locator(".teia-search__results a")
    focused = "document.activeElement.href || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    second = links.nth(1).evaluate("a => a.href")
    assert page.evaluate(focused) == second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "teia-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(second)


def test_tab_goes_to_the_results_before_the_close_button_and_escape_closes(server, page):
    page.goto(server + "areas/prevention/")
    search(page, BROAD["en"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('teia-search__link')")
    first = page.locator(".teia-search__results a").first.evaluate("a => a.href")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Escape")
    assert page.locator("#teia-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('teia-search__toggle')")


def test_enter_in_the_box_opens_the_first_result(server, page):
    page.goto(server + "ru/")
    search(page, BROAD["ru"])
    first = page.locator(".teia-search__results a").first.evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(first)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_results_have_no_serious_accessibility_violation(server, page, lang):
    """axe-core on the open panel with page and section results and the "show more" button."""
    from teiaguide.paths import NODE_MODULES

    page.goto(server + prefix(lang) + "areas/prevention/")
    search(page, BROAD[lang])
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    results = page.evaluate("() => axe.run('#teia-search-panel', {resultTypes: ['violations']})")
    blocking = [f"{v['id']}: {v['help']}" for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, blocking
