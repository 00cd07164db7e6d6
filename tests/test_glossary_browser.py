"""Glossary definitions in headless Chromium, on a phone (tap) and by keyboard (Tab, Escape), in both
languages: the definition from data/glossary.yml shows in one tooltip inside the screen, no request is
made, and nothing of it prints."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from teiaguide.features import glossary
from teiaguide.guide import Guide
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.problems import Problems

pytestmark = pytest.mark.browser

CHAPTER = "areas/identification/"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def definitions() -> dict[str, set[str]]:
    guide, problems = Guide(), Problems()
    glossary.load(guide, problems)
    return {lang: {term.definition(lang) for term in guide.glossary.terms} for lang in LANGUAGES}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append((request.resource_type, request.url)))
    yield tab
    context.close()


def tooltip(page):
    return page.locator("[role=tooltip].teia-term-tip")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tap_on_a_term_shows_its_definition_on_a_phone(server, phone, definitions, lang):
    phone.goto(server + prefix(lang) + CHAPTER)
    phone.wait_for_load_state("networkidle")
    requests = len(phone.requests)
    term = phone.locator("article p abbr[data-teia-definition]").nth(2)
    term.scroll_into_view_if_needed()
    term.tap()
    tip = tooltip(phone)
    expect(tip).to_be_visible()         # the click that follows a tap comes a moment later
    assert tip.text_content() == term.get_attribute("data-teia-definition")
    assert tip.text_content() in definitions[lang]
    assert term.get_attribute("aria-describedby") == tip.get_attribute("id")
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the definition leaves the screen: {box}"
    # the definition is in the page: nothing is fetched for it (a font or an image the browser fetches
    # late, when the page scrolls, is no matter)
    fetched = [url for kind, url in phone.requests[requests:] if kind in ("document", "fetch", "xhr", "script")]
    assert not fetched, f"showing a definition made a request: {fetched}"
    # a tap elsewhere closes it
    phone.locator("h1").tap()
    expect(tip).to_be_hidden()
    assert term.get_attribute("aria-describedby") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_term_is_reached_once_by_keyboard_and_escape_closes(server, page, definitions, lang):
    page.goto(server + prefix(lang) + CHAPTER)
    terms = page.locator("article abbr[data-teia-definition]")
    focusable = page.locator("article abbr[data-teia-definition][tabindex='0']")
    shown = set(terms.evaluate_all("ts => ts.map(t => t.dataset.teiaDefinition)"))
    keyed = focusable.evaluate_all("ts => ts.map(t => t.dataset.teiaDefinition)")
    assert sorted(keyed) == sorted(shown), "every definition has exactly one Tab stop"
    native = "article abbr[title]:not([class]):not(:is(a, h1, h2, h3, h4, h5, h6) abbr)"
    assert not page.locator(native).count(), "a native tooltip would show twice"
    # Tab from the element before the first focusable term lands on it, and its definition shows
    first = focusable.first
    first.evaluate("t => { const b = document.createElement('button'); b.id = 'before'; t.before(b); }")
    page.focus("#before")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tip = tooltip(page)
    assert tip.is_visible() and tip.text_content() in definitions[lang]
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_terms_in_links_and_headings_stay_as_they_were(server, page):
    """A tap on a link must follow the link; headings show no definition underline."""
    page.goto(server + CHAPTER)
    assert page.locator(":is(a, h1, h2, h3, h4, h5, h6) abbr[data-teia-definition]").count() == 0
    assert page.locator(":is(a, h1, h2, h3, h4, h5, h6) abbr[title]").count() > 0


def test_the_definition_is_not_printed(server, page):
    page.goto(server + CHAPTER)
    page.locator("article p abbr[data-teia-definition]").first.click()
    assert tooltip(page).is_visible()
    page.emulate_media(media="print")
    assert tooltip(page).is_hidden()


def test_without_javascript_the_definition_stays_a_title(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "ru/" + CHAPTER)
    assert page.locator("article p abbr[title]").count() > 0
    context.close()


def test_hover_shows_the_definition_and_the_pointer_may_move_onto_it(server, page):
    page.goto(server + CHAPTER)
    page.locator("article p abbr[data-teia-definition]").nth(1).hover()
    tip = tooltip(page)
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    # across the gap between the term and the tooltip, onto the tooltip (WCAG 1.4.13, hoverable)
    page.mouse.move(box["x"] + 10, box["y"] + 10, steps=6)
    page.wait_for_timeout(500)          # longer than the grace period: the tooltip must still be there
    assert tip.is_visible()
    page.mouse.move(5, page.viewport_size["height"] - 5)
    expect(tip).to_be_hidden()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shown_definition_has_no_serious_accessibility_violation(server, page, lang):
    from teiaguide.paths import NODE_MODULES

    page.goto(server + prefix(lang) + CHAPTER)
    page.locator("article abbr[data-teia-definition][tabindex='0']").first.focus()
    expect(tooltip(page)).to_be_visible()
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    # the tooltip and its term (the rest of the page is the page-wide axe test's business)
    results = page.evaluate("() => axe.run({include: [['#teia-term-tip'], ['abbr[aria-describedby]']]},"
                            " {resultTypes: ['violations']})")
    blocking = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in results["violations"]
                if v["impact"] in ("serious", "critical")]
    assert not blocking, blocking
