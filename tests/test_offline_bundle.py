"""The offline bundle (downloads/files/teia-guide-offline.zip, teiaguide/offline.py), unzipped into a
temporary folder and opened over file:// in headless Chromium, as a reader opens it from a USB stick:
navigation, language switch, search with word forms that occur nowhere in the text, the calculator, the
notification form saved and restored, a quiz question; no console error, no request outside the folder."""
from __future__ import annotations

import json
import re
import time
import urllib.parse
import zipfile
from pathlib import Path

import pytest
import snowballstemmer
from bs4 import BeautifulSoup

from teiaguide.features.downloads import FILES_DIR
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.offline import BUNDLE_NAME, FOLDER
from teiaguide.offline_search import INDEX_FILE, stemmer_name, words
from tests.test_pdf import guide

MAX_BYTES = 15 * 1024 * 1024
# Word forms that occur nowhere in the guide but share a stem with words that do (checked below):
# «установкой» (the text has «установки», «установке»), «учениями» («учения», «учений»), "inspecting"
# ("inspect", "inspection").
HELD_OUT = {"ru": ("установкой", "учениями"), "en": ("inspecting",)}


def guide_ui(lang: str) -> dict[str, str]:
    return guide().ui.for_lang(lang)


@pytest.fixture(scope="module")
def archive(site) -> Path:
    path = site / FILES_DIR / BUNDLE_NAME
    assert path.is_file(), f"the pack step wrote no {path}"
    return path


@pytest.fixture(scope="module")
def bundle(archive, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("usb stick")          # a space in the path, as on many USB sticks
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder


def index_of(bundle: Path, lang: str) -> dict:
    text = (bundle / FOLDER / INDEX_FILE.format(lang=lang)).read_text(encoding="utf-8")
    return json.loads(text[text.index("] = ") + 4:].rstrip().rstrip(";"))      # after …[lang] = 


def test_bundle_is_small_and_holds_what_a_reader_needs(archive, bundle):
    assert archive.stat().st_size <= MAX_BYTES
    names = zipfile.ZipFile(archive).namelist()
    assert {"index.html", "README.txt"} <= set(names)
    assert all(name in ("index.html", "README.txt") or name.startswith(f"{FOLDER}/") for name in names)
    assert not [name for name in names if "/pagefind/" in name or name.endswith((".map", ".pdf", "sitemap.xml"))]
    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    start = BeautifulSoup((bundle / "index.html").read_text(encoding="utf-8"), "html.parser")
    for lang in LANGUAGES:
        ui = guide_ui(lang)
        assert ui["offline_how"] in readme
        link = start.select_one(f'section[lang="{lang}"] a[hreflang="{lang}"]')
        assert link.get_text(strip=True) == ui["offline_open"]
        assert link["href"] == f"{FOLDER}/{prefix(lang)}index.html"
        assert (bundle / link["href"]).is_file()
        for name in ("calculator/annex1", "notification/fields"):     # the tools' data, also as a script
            assert (bundle / FOLDER / prefix(lang) / f"{name}.data.js").is_file()


def test_every_internal_link_is_a_file_inside_the_bundle(bundle):
    broken = []
    for page in sorted(bundle.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attr in ("href", "src", "data-src", "data-fields", "data-form-url", "data-site-root"):
                value = tag.get(attr)
                if not value or re.match(r"^(https?:|mailto:|#|data:)", value):
                    continue
                path = urllib.parse.unquote(value.split("#")[0].split("?")[0])
                target = (page.parent / path).resolve()
                folder_ok = attr == "data-site-root" and target.is_dir()
                if value.startswith("/") or not target.is_relative_to(bundle) or not (target.is_file() or folder_ok):
                    broken.append(f"{page.relative_to(bundle)}: {attr}={value}")
    assert not broken, "\n".join(broken[:20])


def test_downloads_pages_list_the_bundle_and_say_how_to_open_it(site):
    for lang in LANGUAGES:
        ui = guide_ui(lang)
        soup = BeautifulSoup((site / prefix(lang) / "downloads/index.html").read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one(f'.teia-downloads a[href$="{BUNDLE_NAME}"]')
        assert link is not None and link.get_text(strip=True) == ui["downloads_offline"]
        assert (site / prefix(lang) / "downloads" / link["href"]).resolve() == (site / FILES_DIR / BUNDLE_NAME).resolve()
        text = soup.select_one("#offline").find_next("p").get_text(" ", strip=True)
        assert "teia-guide-offline.zip" in text
        assert "index.html" in soup.select_one("article").get_text()


def test_held_out_forms_are_absent_from_the_text_but_share_a_stem_with_it(bundle):
    """Keeps the search tests honest: the forms searched for occur nowhere, their stems do."""
    for lang, forms in HELD_OUT.items():
        index = index_of(bundle, lang)
        vocabulary = {word for doc in index["docs"] for word in words(" ".join(doc[1:4]))}
        stem = snowballstemmer.stemmer(stemmer_name(lang)).stemWord
        for form in forms:
            assert form not in vocabulary
            assert stem(form) in index["terms"]


def test_browser_stems_as_the_build_did(bundle, browser):
    """The query is stemmed in the browser (npm snowball-stemmers), the index at build time (PyPI
    snowballstemmer): on every word of the guide, both give the same stem."""
    page = browser.new_page()
    try:
        page.goto((bundle / FOLDER / "index.html").as_uri())
        page.add_script_tag(path=str(bundle / FOLDER / "assets/offline/snowball-stemmers.js"))
        for lang in LANGUAGES:
            index = index_of(bundle, lang)
            vocabulary = sorted({word for doc in index["docs"] for word in words(" ".join(doc[1:4]))})
            algorithm = stemmer_name(lang)
            expected = snowballstemmer.stemmer(algorithm).stemWords(vocabulary)
            got = page.evaluate("([name, list]) => { const s = window.snowballFactory.newStemmer(name);"
                                " return list.map((w) => s.stem(w)); }", [algorithm, vocabulary])
            differ = [(w, a, b) for w, a, b in zip(vocabulary, expected, got) if a != b]
            assert len(vocabulary) > 1000 and not differ, differ[:20]
    finally:
        page.close()


def search(page, query: str) -> tuple[list[str], float]:
    """Type a query into the open search box; the result titles and the milliseconds until they showed."""
    page.fill(".teia-search__input", "")
    started = time.perf_counter()
    page.fill(".teia-search__input", query)
    page.wait_for_function("(q) => document.querySelector('.teia-search__input').value === q &&"
                           " document.querySelector('.teia-search__results li') &&"
                           " document.querySelector('.teia-search__results mark')", arg=query)
    elapsed = (time.perf_counter() - started) * 1000
    return page.locator(".teia-search__results li").all_inner_texts(), elapsed


def test_a_reader_uses_the_whole_guide_from_the_folder(bundle, browser, capsys, tmp_path):
    context = browser.new_context(locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    errors, outside = [], []
    root = bundle.as_uri() + "/"
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(root) else outside.append(request.url))
    timings = {}
    try:
        # the start page, then the Russian guide, then a chapter through the navigation
        page.goto(root + "index.html")
        page.click('a[hreflang="ru"]')
        assert page.url == root + f"{FOLDER}/ru/index.html"
        # (the home page's cards and the navigation both lead there; with navigation tabs, the sidebar
        # shows another section's links only on a phone, so the first visible link is taken)
        page.locator('a[href$="areas/notification.html"]:visible').first.click()
        assert page.url == root + f"{FOLDER}/ru/areas/notification.html"
        assert page.locator("h1").first.inner_text().strip()

        # search in Russian: forms that occur nowhere in the text
        page.click(".teia-search__toggle")
        for query in HELD_OUT["ru"]:
            titles, timings[query] = search(page, query)
            assert titles
        stem = snowballstemmer.stemmer("russian").stemWord("установкой")
        marked = page.locator(".teia-search__results mark").first.inner_text().lower()
        assert stem in marked or marked.startswith(stem[:6])
        page.locator(".teia-search__results a").first.click()
        assert page.url.startswith(root + f"{FOLDER}/ru/") and page.url.split("#")[0].split("?")[0].endswith(".html")
        # the result's page asks for no highlighter module (a browser refuses one from file://)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert not errors, errors

        # the language switch keeps the page; search in English
        page.goto(root + f"{FOLDER}/ru/areas/notification.html")
        page.locator(f'a[hreflang="en"]').first.dispatch_event("click")
        page.wait_for_url(root + f"{FOLDER}/areas/notification.html")
        assert page.locator("html").get_attribute("lang") == "en"
        page.click(".teia-search__toggle")
        titles, timings["inspecting"] = search(page, "inspecting")
        assert titles
        titles, timings["notification procedure"] = search(page, "notification procedure")
        assert titles

        # the calculator: chlorine, 30 t against the 25 t threshold of Part II
        ui = guide_ui("en")
        page.goto(root + f"{FOLDER}/calculator/index.html")
        page.wait_for_selector("[data-teia-calc][data-ready]")
        row = page.locator(".teia-calc__row").first
        row.get_by_label(ui["calc_substance_label"], exact=True).fill("7782-50-5")
        row.get_by_label(ui["calc_quantity_label"], exact=True).fill("30")
        page.get_by_role("button", name=ui["calc_check"]).click()
        assert page.locator("[role=status][data-verdict]").inner_text().startswith(ui["calc_verdict_yes"])

        # the notification form: an entry is saved in the browser and comes back after a reload
        page.goto(root + f"{FOLDER}/ru/notification/form.html")
        page.wait_for_selector("#nf-produce")
        first_field = ".teia-nform input[type=text]"
        page.locator(first_field).first.fill("Тестовая организация")
        page.wait_for_selector(".teia-autosave[data-state=saved]")
        page.reload()
        page.wait_for_selector(".teia-autosave[data-state=restored]")
        assert page.locator(first_field).first.input_value() == "Тестовая организация"
        with page.expect_download() as saving:                # saved to a file, then loaded from it
            page.click("#nf-save")
        saved = tmp_path / "notification.json"
        saving.value.save_as(saved)
        page.locator(first_field).first.fill("")
        page.set_input_files("#nf-load", str(saved))
        page.wait_for_function("(s) => document.querySelector(s).value === 'Тестовая организация'", arg=first_field)

        # the practices filter and the self-assessment tool start as well
        page.goto(root + f"{FOLDER}/ru/practices/index.html")
        page.select_option("#teia-filter-country", "KZ")
        visible = page.locator("[data-teia-practice-list] li[data-country]:visible")
        assert visible.count() and all(code == "KZ" for code in visible.evaluate_all("items => items.map(i => i.dataset.country)"))
        page.goto(root + f"{FOLDER}/ru/self-assessment/index.html")
        page.wait_for_selector("#sa-save-json")

        # a quiz question, answered
        page.goto(root + f"{FOLDER}/ru/quiz/index.html")
        question = page.locator("[data-question]").first
        question.locator("input").first.check()
        question.locator("[data-teia-quiz-check]").click()
        page.wait_for_function("document.querySelector('[data-teia-quiz-live]').textContent.trim().length > 0")
    finally:
        context.close()
    assert not errors, errors
    assert not outside, outside
    with capsys.disabled():      # measured, reported, not asserted (no timed tests)
        print("\noffline search, ms from typing to results: " +
              ", ".join(f"{query!r} {ms:.0f}" for query, ms in timings.items()))
