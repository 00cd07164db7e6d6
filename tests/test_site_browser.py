"""The site in headless Chromium: language switch keeps the page, Russian search finds other word forms
and only Russian pages, and no request leaves 127.0.0.1."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def only_loopback(requests: list[str]) -> list[str]:
    return [url for url in requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"]


def switch_language(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")        # Material opens the language menu on hover/focus
    page.locator(f"a[data-teia-alternate='{lang}']").click()


def test_language_switch_stays_on_the_chapter(server, page):
    page.goto(server + "areas/prevention/")
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "ru")
    page.wait_for_load_state()
    assert page.url == server + "ru/areas/prevention/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == "Предотвращение"
    switch_language(page, "en")
    page.wait_for_load_state()
    assert page.url == server + "areas/prevention/"
    assert not only_loopback(page.requests), only_loopback(page.requests)


def search(page, query: str) -> list[str]:
    page.locator(".teia-search__toggle").click()
    box = page.locator("#teia-search-input")
    box.fill(query)
    page.wait_for_function(
        "() => { const s = document.querySelector('.teia-search__status').textContent;"
        " return s && !s.includes('…') && !s.includes('...'); }", timeout=15000)
    return page.locator(".teia-search__link").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("query", ["аварией", "аварии", "аварий"])
def test_russian_search_matches_word_forms_on_russian_pages_only(server, page, query):
    page.goto(server + "ru/areas/prevention/")
    results = search(page, query)
    assert results, f"no result for «{query}»"
    assert all(urlsplit(url).path.startswith("/ru/") for url in results), results
    assert not only_loopback(page.requests), only_loopback(page.requests)


def test_english_search_returns_english_pages_only(server, page):
    page.goto(server + "areas/prevention/")
    results = search(page, "accidents")
    assert results
    assert not any(urlsplit(url).path.startswith("/ru/") for url in results), results


def test_search_loads_a_fraction_of_the_index(server, page, site):
    """A reader on a slow link downloads nothing before searching, then only the index chunks and the
    result fragments one query needs, never the whole index."""
    fetched: dict[str, int] = {}
    page.on("response", lambda response: fetched.__setitem__(response.url, len(response.body()))
            if "/pagefind/" in response.url else None)
    page.goto(server + "ru/")
    assert not any("/pagefind/" in url for url in page.requests), "the index loads before any search"
    assert search(page, "аварией")
    index_files = [f for f in (site / "pagefind" / "index").iterdir()]
    fragments = [f for f in (site / "pagefind" / "fragment").iterdir()]
    index_fetched = sum(size for url, size in fetched.items() if "/pagefind/index/" in url)
    fragments_fetched = [url for url in fetched if "/pagefind/fragment/" in url]
    assert 0 < index_fetched < sum(f.stat().st_size for f in index_files)
    assert 0 < len(fragments_fetched) <= 10 < len(fragments)


def test_feedback_requests_nothing_until_the_reader_clicks(server, page):
    """The feedback links open the repository's new-issue form, prefilled with the page's title and
    address, and only when clicked (the form is answered here, no request leaves the machine)."""
    opened = []
    page.context.route("https://github.com/**", lambda route: (opened.append(route.request.url),
                                                                route.fulfill(body="issue form")))
    page.goto(server + "ru/areas/prevention/")
    page.wait_for_load_state("load")
    assert not only_loopback(page.requests), only_loopback(page.requests)
    link = page.locator("[data-teia-feedback-link='feedback_suggest']")
    assert link.is_visible()
    link.click()
    page.wait_for_url("https://github.com/**")
    assert len(opened) == 1 and "/issues/new?" in opened[0]
    from urllib.parse import parse_qs
    query = parse_qs(urlsplit(opened[0]).query)
    assert query["title"] == ["Предложение об изменении: Предотвращение"], query["title"]
    assert "/ru/areas/prevention/" in query["body"][0]


def test_the_scheme_switch_works_by_mouse_and_keyboard_and_is_remembered(server, browser):
    context = browser.new_context(color_scheme="light")
    tab = context.new_page()
    tab.goto(server + "areas/prevention/")
    scheme = lambda: tab.evaluate("document.body.dataset.mdColorScheme")  # noqa: E731
    assert scheme() == "default"
    toggle = tab.locator(".teia-palette label:not([hidden])")
    assert toggle.count() == 1 and toggle.get_attribute("title") == "Switch to the dark scheme"
    toggle.click()
    assert scheme() == "slate"
    tab.reload()
    assert scheme() == "slate", "the choice is not remembered"
    tab.focus("#__palette_1")
    tab.keyboard.press("ArrowLeft")                   # a radio group: arrows move between the schemes
    assert scheme() == "default"
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Light scheme"
    context.close()


def test_without_javascript_no_scheme_switch_is_offered(server, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "ru/")
    assert not tab.locator(".teia-palette").is_visible()
    assert tab.locator(".teia-palette input").evaluate_all("inputs => inputs.every(i => !i.offsetParent)")
    context.close()
