"""The self-assessment tool in headless Chromium, in every language: scoring and progress, the draft plan,
autosave across a reload, saving a file that the validator accepts and loading it back, refusing markup,
the page at 360 px, axe, and the questionnaire without JavaScript."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from teiaguide import assessments
from teiaguide.features import self_assessment as feature
from teiaguide.guide import load_guide
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.paths import NODE_MODULES
from teiaguide.problems import Problems

pytestmark = pytest.mark.browser

TOOL = "self-assessment/"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def indicator_set():
    return load_guide().extra["self_assessment"].indicators


def definitions(site: Path, lang: str) -> dict:
    return json.loads((site / prefix(lang) / "self-assessment" / "indicators.json").read_text(encoding="utf-8"))


def open_tool(page, server, lang: str) -> None:
    page.goto(server + prefix(lang) + TOOL)
    page.wait_for_selector("#sa-save-yaml")


def score(page, indicator: str, level: str) -> None:
    page.check(f"#sa-{indicator}-level-{level}")


def fill_assessment(page, d: dict) -> tuple[str, str]:
    """Country, edition, date, two scores (one low enough for the plan) and the plan row's fields."""
    low, high = d["areas"][0]["indicators"][0]["id"], d["areas"][1]["indicators"][0]["id"]
    page.select_option("#sa-country", d["countries"][0]["code"])
    page.fill("#sa-edition", "2026")
    page.fill("#sa-date", "2026-05-20")
    score(page, low, "initiated")
    page.fill(f"#sa-{low}-evidence", "Draft decree of 2025")
    score(page, high, "fully_in_place")
    page.fill(f"#sa-plan-{low}-responsible", "Committee")
    page.fill(f"#sa-plan-{low}-start", "2026-06-01")
    page.fill(f"#sa-plan-{low}-end", "2027-06-30")
    return low, high


@pytest.mark.parametrize("lang", LANGUAGES)
def test_score_plan_reload_save_and_load(page, server, site, tmp_path, indicator_set, lang):
    d = definitions(site, lang)
    open_tool(page, server, lang)
    first_area = d["areas"][0]
    assert page.locator("#sa-progress-" + first_area["id"]).inner_text().startswith(d["ui"]["progress"].split("{")[0])
    low, high = fill_assessment(page, d)

    # progress per area as it goes, and the plan row with the suggested action for the low score only
    progress = page.locator("#sa-progress-" + first_area["id"]).inner_text()
    assert "1" in progress and str(len(first_area["indicators"])) in progress
    assert page.locator(f"#sa-plan-{low}").is_visible()
    assert page.locator(f"#sa-plan-{high}").count() == 0
    assert page.locator(f"#sa-plan-{low}-action").input_value() == first_area["indicators"][0]["action"]
    assert page.locator(f"#sa-plan-{low} legend").inner_text().startswith(first_area["indicators"][0]["code"])

    # autosave: a reload keeps everything
    page.reload()
    page.wait_for_selector("#sa-save-yaml")
    assert page.locator(f"#sa-{low}-level-initiated").is_checked()
    assert page.locator(f"#sa-{low}-evidence").input_value() == "Draft decree of 2025"
    assert page.locator(f"#sa-plan-{low}-responsible").input_value() == "Committee"
    assert page.locator("#sa-country").input_value() == d["countries"][0]["code"]

    # saving gives a file the validator accepts, with the plan row tied to the indicator
    with page.expect_download() as download:
        page.click("#sa-save-yaml")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{d['countries'][0]['code'].lower()}-2026.yml"
    problems = Problems()
    checked = assessments.read(saved, indicator_set, problems, [c["code"] for c in d["countries"]])
    assert not problems, problems.report()
    assert checked.data.scores[low].level == "initiated" and checked.data.language == lang
    assert [a.indicators for a in checked.data.actions] == [[low]]
    with page.expect_download() as download:
        page.click("#sa-save-json")
    as_json = tmp_path / "saved.json"
    download.value.save_as(as_json)
    assert assessments.read(as_json, indicator_set, Problems(), None) is not None

    # start again, then load the file back
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#sa-clear")
    assert page.locator(f"#sa-{low}-level-none").is_checked()
    assert page.locator(f"#sa-plan-{low}").count() == 0
    page.set_input_files("#sa-load", str(saved))
    page.wait_for_function(f"document.getElementById('sa-{low}-level-initiated').checked")
    assert page.locator(f"#sa-{high}-level-fully_in_place").is_checked()
    assert page.locator(f"#sa-plan-{low}-end").input_value() == "2027-06-30"
    assert d["ui"]["loaded"].split("{")[0] in page.locator(".teia-sa__status").inner_text()

    # the other language keeps its own draft
    other = next(code for code in LANGUAGES if code != lang)
    page.goto(server + prefix(other) + TOOL)
    page.wait_for_selector("#sa-save-yaml")
    assert page.locator(f"#sa-{low}-level-none").is_checked()
    assert not [url for url in page.requests if not url.startswith(server)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markup_and_missing_fields_block_the_file_and_import_stays_text(page, server, site, tmp_path, lang):
    d = definitions(site, lang)
    open_tool(page, server, lang)
    low, _ = fill_assessment(page, d)
    page.fill(f"#sa-{low}-evidence", "<img src=x onerror=alert(1)>")
    page.fill(f"#sa-plan-{low}-responsible", "")
    page.click("#sa-save-yaml")
    summary = page.locator(".teia-sa__summary")
    assert summary.is_visible()
    assert summary.locator(f"a[href='#sa-{low}-evidence']").count() == 1
    assert summary.locator(f"a[href='#sa-plan-{low}-responsible']").count() == 1
    assert page.locator(f"#sa-{low}-evidence").get_attribute("aria-invalid") == "true"

    # an imported file is text only: markup in it is shown as typed, never run
    hostile = {"format": d["format"], "country": "ZZ", "country_name": "<b>X</b>", "edition": 2026,
               "date": "2026-01-01", "scores": {low: {"level": "in_progress", "evidence": "<script>window.hit=1</script>"},
                                                "no-such-indicator": {"level": "done"}}}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    page.set_input_files("#sa-load", str(path))
    page.wait_for_function(f"document.getElementById('sa-{low}-level-in_progress').checked")
    assert page.locator(f"#sa-{low}-evidence").input_value() == "<script>window.hit=1</script>"
    assert page.evaluate("window.hit === undefined")
    assert "no-such-indicator" in page.locator(".teia-sa__status").inner_text()
    assert page.locator("#sa-country").input_value() == "other"
    page.evaluate("document.querySelector('#teia-self-assessment').teiaTool.renderReport()")
    assert page.locator("#teia-sa-report script, #teia-sa-report b").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [TOOL, "self-assessment/example/", "self-assessment/overview/"])
def test_360_px_axe_and_no_javascript(browser, server, site, lang, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    tab = context.new_page()
    tab.goto(server + prefix(lang) + path)
    tab.wait_for_load_state("load")
    if path == TOOL:
        tab.wait_for_selector("#sa-save-yaml")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.add_script_tag(path=str(AXE))
    results = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [f"{v['id']}: {v['help']}" for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, blocking
    context.close()
    if path != TOOL:
        return
    # without JavaScript: the questionnaire lists every indicator with the five levels
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(server + prefix(lang) + path)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    d = definitions(site, lang)
    questionnaire = tab.locator(".teia-sa-questionnaire")
    assert questionnaire.is_visible()
    text = questionnaire.inner_text()
    for area in d["areas"]:
        for indicator in area["indicators"]:
            assert indicator["statement"] in text
    assert text.count("☐") == len(d["levels"]) * sum(len(a["indicators"]) for a in d["areas"])
    context.close()


def test_print_shows_the_report_only(page, server, site):
    d = definitions(site, "en")
    open_tool(page, server, "en")
    low, _ = fill_assessment(page, d)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("#teia-sa-report").is_visible()
    assert page.locator(".teia-sa__form").is_hidden()
    assert "Draft decree of 2025" in page.locator("#teia-sa-report").inner_text()
    assert page.locator(".teia-sa-questionnaire").is_hidden()


def test_the_file_of_new_assessment_loads_into_the_tool(page, server, site, tmp_path, indicator_set):
    from teiaguide import scaffold

    guide = load_guide()
    path = tmp_path / "2027.yml"
    path.write_text(scaffold.assessment_text("TJ", 2027, "ru", indicator_set, guide), encoding="utf-8")
    open_tool(page, server, "ru")
    page.set_input_files("#sa-load", str(path))
    page.wait_for_function("document.querySelector('.teia-sa__status').textContent.length > 0")
    status = page.locator(".teia-sa__status").inner_text()
    assert status.startswith(definitions(site, "ru")["ui"]["loaded"].split("{")[0]) and "2027.yml" in status
    assert page.locator("#sa-country").input_value() == "TJ"
    assert page.locator("#sa-edition").input_value() == "2027"
    assert page.locator("#sa-identification-authority-level-none").is_checked()
