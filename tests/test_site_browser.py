"""The site in headless Chromium: language switch keeps the page, Russian search finds other word forms
and only Russian pages, and no request leaves 127.0.0.1."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def only_loopback(requests: list[str]) -> list[str]:
    return [url for url in requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"]


def test_language_switch_stays_on_the_chapter(server, page):
    page.goto(server + "areas/prevention/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a[data-teia-alternate='ru']").click(force=True)   # the menu opens on hover
    page.wait_for_load_state()
    assert page.url == server + "ru/areas/prevention/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Предотвращение"
    page.locator("a[data-teia-alternate='en']").click(force=True)
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
    """A reader on a slow link downloads the chunks one query needs, not the whole index."""
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body()))
            if "/pagefind/" in response.url else None)
    page.goto(server + "ru/")
    assert not any("/pagefind/" in url for url in page.requests), "the index loads before any search"
    assert search(page, "аварией")
    downloaded = sum(size for url, size in sizes.items() if "/pagefind/index/" in url or "/pagefind/fragment/" in url)
    whole = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.parent.name in ("index", "fragment"))
    assert 0 < downloaded < whole / 2, (downloaded, whole)
