"""The Annex I calculator in headless Chromium, as a reader uses it, in English and Russian; and the
browser's rules (calculator.js) give the same results as the Python specification (annex1_logic.py)."""
from __future__ import annotations

import json
import re

import pytest

from teiaguide import annex1_logic as logic

EN = {"substance": "Named substance (Part II): name or CAS number", "quantity": "Largest quantity present, tonnes",
      "add": "Add a substance", "check": "Check the thresholds", "categories": "Hazard categories (Part I)"}
RU = {"substance": "Поименованное вещество (часть II): название или номер CAS",
      "quantity": "Наибольшее количество на объекте, т", "add": "Добавить вещество", "check": "Проверить",
      "categories": "Категории опасности (часть I)"}


def open_calculator(page, server, lang="en"):
    page.goto(server + ("ru/" if lang == "ru" else "") + "calculator/")
    page.wait_for_selector("[data-teia-calc][data-ready]")
    return EN if lang == "en" else RU


def fill_row(page, text, index, substance="", quantity="", categories=()):
    row = page.locator(".teia-calc__row").nth(index)
    row.get_by_label(text["substance"], exact=True).fill(substance)
    if categories:
        row.locator("summary").click()
        for name in categories:
            row.get_by_label(re.compile(name)).check()
    row.get_by_label(text["quantity"], exact=True).fill(quantity)
    return row


def verdict(page) -> str:
    return page.locator("[role=status][data-verdict]").inner_text()


def result_rows(page) -> list[dict]:
    return page.locator(".teia-calc__table tbody tr").evaluate_all(
        "rows => rows.map(r => ({rule: r.dataset.rule, entry: r.dataset.entry, ratio: r.dataset.ratio,"
        " reached: r.dataset.reached, threshold: r.dataset.threshold,"
        " cells: Array.from(r.children).map(c => c.innerText)}))")


def test_english_page_named_substances_by_cas_and_russian_name(page, server):
    text = open_calculator(page, server, "en")
    fill_row(page, text, 0, "7782-50-5", "30")                 # chlorine by CAS number: 30/25
    page.get_by_role("button", name=text["add"]).click()
    fill_row(page, text, 1, "Водород", "10")                   # hydrogen by its Russian name: 10/50
    page.get_by_role("button", name=text["check"]).click()
    said = verdict(page)
    assert said.startswith("Meets an Annex I threshold: yes.")
    assert "not yet confirmed" in said                          # 2015 values for chlorine are not confirmed
    assert "transboundary effects (Art. 1(b))" in said
    rows = result_rows(page)
    assert [(r["entry"], r["rule"], r["reached"]) for r in rows] == [("chlorine", "named", "true"), ("hydrogen", "named", "false")]
    assert float(rows[0]["ratio"]) == 30 / 25 and float(rows[1]["ratio"]) == 10 / 50
    assert rows[0]["cells"][0] == "Chlorine" and "⚠ not confirmed" in rows[0]["cells"][6]
    assert "Seveso-style" in page.locator("[data-sum]").inner_text()
    assert all(url.startswith(server) for url in page.requests), "a request left the site"


def test_russian_page_below_threshold_then_a_category(page, server):
    text = open_calculator(page, server, "ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    fill_row(page, text, 0, "хлор", "24,5")                     # decimal comma: 24.5/25, below
    page.get_by_role("button", name=text["check"]).click()
    assert verdict(page).startswith("Предельное количество по приложению I достигнуто: нет.")
    page.get_by_role("button", name=text["add"]).click()
    fill_row(page, text, 1, "", "20", categories=[r"^1\. Острая токсичность"])   # Part I item 1: 20/20
    page.get_by_role("button", name=text["check"]).click()
    assert verdict(page).startswith("Предельное количество по приложению I достигнуто: да.")
    rows = result_rows(page)
    assert [(r["entry"], r["rule"], r["reached"]) for r in rows] == [("chlorine", "named", "false"), ("h1", "category", "true")]
    assert rows[0]["cells"][1] == "24,5" and rows[1]["cells"][6] == "подтверждено (один источник)"
    assert "трансграничное воздействие" in verdict(page)


def test_verified_2008_text_for_comparison(page, server):
    text = open_calculator(page, server, "en")
    page.get_by_label(re.compile("^2008 text")).check()
    fill_row(page, text, 0, "Chlorine", "25")                   # at the threshold: 25/25
    page.get_by_role("button", name=text["check"]).click()
    said = verdict(page)
    assert said.startswith("Meets an Annex I threshold: yes.") and "not yet confirmed" not in said
    row = result_rows(page)[0]
    assert (row["ratio"], row["reached"], row["cells"][6]) == ("1", "true", "confirmed (two sources)")


def test_several_categories_and_unknown_substance_are_marked(page, server):
    text = open_calculator(page, server, "en")
    page.get_by_label(re.compile("^2008 text")).check()
    fill_row(page, text, 0, "my solvent", "30", categories=[r"^4\. Toxic —", r"^5\. Very toxic"])
    page.get_by_role("button", name=text["add"]).click()
    fill_row(page, text, 1, "Unobtainium", "1000")
    page.get_by_role("button", name=text["check"]).click()
    rows = result_rows(page)
    assert (rows[0]["rule"], rows[0]["entry"], rows[0]["ratio"]) == ("lowest_category", "c5", "1.5")
    assert "our reading, not confirmed" in rows[0]["cells"][5] and "⚠ not confirmed" in rows[0]["cells"][6]
    assert (rows[1]["rule"], rows[1]["reached"], rows[1]["cells"][4]) == ("unknown", "false", "not assessed")
    said = verdict(page)
    assert "yes" in said and "not yet confirmed" in said and "could not be assessed" in said


def test_invalid_quantity_is_explained_next_to_the_field(page, server):
    text = open_calculator(page, server, "en")
    row = fill_row(page, text, 0, "Chlorine", "a lot")
    page.get_by_role("button", name=text["check"]).click()
    quantity = row.get_by_label(text["quantity"], exact=True)
    assert quantity.get_attribute("aria-invalid") == "true"
    assert row.locator("[data-error]").inner_text() == "Enter a quantity in tonnes, for example 12.5"
    assert verdict(page) == ""
    assert quantity.evaluate("el => el === document.activeElement")


def test_keyboard_only_and_live_verdict(page, server):
    text = open_calculator(page, server, "en")
    status = page.locator("[data-verdict]")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    page.get_by_label(text["substance"], exact=True).focus()
    page.keyboard.type("75-44-5")             # phosgene, 0.75 t
    page.keyboard.press("Tab")                  # to the categories disclosure
    page.keyboard.press("Tab")                  # to the quantity
    page.keyboard.type("1")
    page.keyboard.press("Enter")                # submits the form
    assert verdict(page).startswith("Meets an Annex I threshold: yes.")


def test_carry_over_to_the_notification_form(page, server):
    text = open_calculator(page, server, "en")
    fill_row(page, text, 0, "Chlorine", "30")
    page.get_by_role("button", name=text["check"]).click()
    page.get_by_role("button", name="Carry over to the notification form").click()
    page.wait_for_url(re.compile(r"/notification/form/$"))
    stored = json.loads(page.evaluate("localStorage.getItem('teia.calculator.result')"))
    assert stored["verdict"] == "yes" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", stored["date"])
    substance = stored["substances"][0]
    assert {"name", "cas", "quantity_t", "threshold_t", "ratio", "reached", "verification"} <= set(substance)
    assert (substance["name"], substance["cas"], substance["quantity_t"], substance["threshold_t"]) == ("Chlorine", "7782-50-5", 30, 25)
    assert (substance["ratio"], substance["reached"], substance["verification"]) == (1.2, True, "v2008_verified_v2015_probable")


def test_print_shows_the_result_not_the_form(page, server):
    text = open_calculator(page, server, "en")
    fill_row(page, text, 0, "Chlorine", "30")
    page.get_by_role("button", name=text["check"]).click()
    page.emulate_media(media="print")
    assert page.locator(".teia-calc__table").is_visible()
    assert page.locator("[data-verdict]").is_visible()
    assert not page.locator(".teia-calc__form").is_visible()
    assert not page.locator("#part-1-2015").is_visible()


def test_without_javascript_the_full_annex_is_shown(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        for prefix, hint in (("", "needs JavaScript"), ("ru/", "нужен JavaScript")):
            tab.goto(server + prefix + "calculator/")
            assert hint in tab.locator("[data-teia-calc-nojs]").inner_text()
            assert not tab.locator("[data-teia-calc]").is_visible()
            tables = tab.locator("article table")
            assert tables.count() == 4
            body_rows = sum(tables.nth(i).locator("tbody tr").count() for i in range(4))
            assert body_rows == 21 + 48 + 11 + 16
            assert tab.locator("#part-2-2015").is_visible()
    finally:
        context.close()


# --- the browser's rules equal the Python specification -----------------------------------------------

def cases_for(version: dict) -> list[list[dict]]:
    """Rows around every threshold of a version, every category pair, named-in-category and unknown rows."""
    cases = []
    for item in version["substances"]:
        q = item["threshold_t"]
        cases.append([{"substance": item["id"], "categories": [], "quantity_t": x} for x in (q * 0.5, q, q * 1.001, q * 3)])
    cats = [c["id"] for c in version["categories"]]
    for first in cats:
        q = next(c["threshold_t"] for c in version["categories"] if c["id"] == first)
        cases.append([{"substance": None, "categories": [first], "quantity_t": q},
                      {"substance": None, "categories": [first, cats[0]], "quantity_t": q * 0.99},
                      {"substance": None, "categories": [cats[-1], first], "quantity_t": q * 1.5}])
    named = version["substances"][0]["id"]
    cases.append([{"substance": named, "categories": cats[:2], "quantity_t": 7},
                  {"substance": "no-such-thing", "categories": [], "quantity_t": 5},
                  {"substance": None, "categories": [], "quantity_t": 5},
                  {"substance": named, "categories": [], "quantity_t": None},
                  {"substance": named, "categories": [], "quantity_t": 0}])
    return cases


def python_assessment(rows: list[dict], table: logic.Table) -> dict:
    result = logic.assess([logic.Row(r["quantity_t"], r["substance"], tuple(r["categories"])) for r in rows], table)
    return {
        "rows": [{"rule": r.rule, "entry": r.entry, "threshold_t": r.threshold_t, "ratio": r.ratio, "reached": r.reached,
                  "verification": r.verification, "rule_verification": r.rule_verification} for r in result.rows],
        "verdict": result.verdict, "verdict_settled": result.verdict_settled, "sum_of_ratios": result.sum_of_ratios,
        "sum_reaches_one": result.sum_reaches_one, "unassessed": result.unassessed, "unsettled": result.unsettled,
    }


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_browser_rules_equal_python_rules(page, server, lang):
    open_calculator(page, server, lang)
    data = page.evaluate("fetch('annex1.json').then(r => r.json())")
    for version in data["versions"]:
        table = logic.table_from_json(version)
        cases = cases_for(version)
        js = page.evaluate("([version, cases]) => { const t = teiaCalculator.tableFromVersion(version);"
                           " return cases.map(rows => teiaCalculator.assess(rows, t)); }", [version, cases])
        for rows, from_js in zip(cases, js, strict=True):
            from_python = python_assessment(rows, table)
            # the JSON threshold is a float; JS integers come back as int: compare numbers as floats
            assert json.loads(json.dumps(from_js), parse_int=float) == json.loads(json.dumps(from_python), parse_int=float), rows


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_browser_search_equals_python_search(page, server, lang):
    open_calculator(page, server, lang)
    data = page.evaluate("fetch('annex1.json').then(r => r.json())")
    for version in data["versions"]:
        table = logic.table_from_json(version)
        queries = ["", "  ", "Unobtainium", "ХЛОР", "трёт-бутилакрилат"]
        for item in version["substances"]:
            queries += [item["label"]["en"].upper(), item["label"]["ru"], *item["cas"], *item["options"]]
        js = page.evaluate("([subs, queries]) => queries.map(q => teiaCalculator.findSubstance(q, subs))",
                           [version["substances"], queries])
        assert js == [logic.find_substance(q, table.substances) for q in queries]


def test_what_the_reader_sees_equals_python(page, server):
    """Through the form, not the exposed functions: the ratios in the result table are Python's."""
    text = open_calculator(page, server, "ru")
    page.get_by_label(re.compile("^Редакция 2008 года")).check()
    entries = [("Фосген", "0,5", ()), ("", "30", (r"^4\. Токсичные", r"^5\. Высокотоксичные")),
               ("Хлор", "40", (r"^4\. Токсичные",)), ("Метанол", "100", ())]
    for index, (substance, quantity, categories) in enumerate(entries):
        if index:
            page.get_by_role("button", name=text["add"]).click()
        fill_row(page, text, index, substance, quantity, categories)
    page.get_by_role("button", name=text["check"]).click()
    data = page.evaluate("fetch('annex1.json').then(r => r.json())")
    table = logic.table_from_json(next(v for v in data["versions"] if v["id"] == "v2008"))
    rows = [logic.Row(0.5, "phosgene"), logic.Row(30, None, ("c4", "c5")), logic.Row(40, "chlorine", ("c4",)),
            logic.Row(100, logic.find_substance("Метанол", table.substances))]   # not named in 2008: unknown
    expected = logic.assess(rows, table)
    seen = result_rows(page)
    assert [(r["rule"], r["entry"] or None, float(r["ratio"]) if r["ratio"] else None, r["reached"] == "true") for r in seen] == \
        [(r.rule, r.entry, r.ratio, r.reached) for r in expected.rows]
    assert float(page.locator("[data-sum]").get_attribute("data-sum")) == expected.sum_of_ratios
    assert verdict(page).startswith("Предельное количество по приложению I достигнуто: да.")
