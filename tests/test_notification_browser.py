"""The fillable notification form in headless Chromium: required-field errors tied to the fields, the
bilingual side-by-side notification, save to a file and load it again, the calculator import, no JS."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

FORM = "notification/form/"


@pytest.fixture(scope="module")
def fields(site) -> dict:
    return json.loads((site / "notification" / "fields.json").read_text(encoding="utf-8"))


SAMPLE = {"text": "Sample text", "textarea": "Line one\nLine two", "date": "2026-11-02",
          "number": "25", "list": "Country B\nCountry C"}


def sample(field) -> str:
    if field["type"] == "choice":
        return field["options"][0]["id"]
    if field["id"] == "reply_deadline":
        return "2027-01-15"
    if field.get("pattern"):
        return "7782-50-5"
    return SAMPLE[field["type"]]


def fill_required(page, fields, skip: str | None = None) -> None:
    for section in fields["sections"]:
        for field in section["fields"]:
            if not field["required"] or field["id"] == skip:
                continue
            control = page.locator(f"#nf-{field['id']}") if not section["repeatable"] else \
                page.locator(f"#nf-section-{section['id']} [name={field['id']}]").first
            if field["type"] == "choice":
                control.select_option(sample(field))
            else:
                control.fill(sample(field))


def open_form(page, server, lang_prefix: str = "") -> None:
    page.goto(server + lang_prefix + FORM)
    page.wait_for_selector("#nf-produce")


def test_required_field_error_then_bilingual_notification(page, server, fields):
    open_form(page, server)
    fill_required(page, fields, skip="reply_deadline")
    page.click("#nf-produce")

    # the error summary names the empty field and links to it; the field carries its own message
    summary = page.locator(".teia-nform__summary")
    assert summary.is_visible()
    label = next(f["label"]["en"] for s in fields["sections"] for f in s["fields"] if f["id"] == "reply_deadline")
    link = summary.locator("a[href='#nf-reply_deadline']")
    assert label in link.inner_text()
    assert summary.locator("a").count() == 1
    assert page.evaluate("document.activeElement.classList.contains('teia-nform__summary')")
    control = page.locator("#nf-reply_deadline")
    assert control.get_attribute("aria-invalid") == "true"
    assert "nf-reply_deadline-error" in control.get_attribute("aria-describedby")
    assert page.locator("#nf-reply_deadline-error").inner_text() == fields["ui"]["en"]["error_required"]
    assert page.locator("label[for=nf-reply_deadline]").inner_text().startswith(label)
    assert page.locator(".teia-ndoc").count() == 0
    link.click()
    assert page.evaluate("document.activeElement.id") == "nf-reply_deadline"

    # fixed: the bilingual notification shows every field with its Russian and English label
    control.fill("2027-01-15")
    assert control.get_attribute("aria-invalid") is None
    page.check("#nf-output-both")
    page.click("#nf-produce")
    assert summary.is_hidden()
    doc = page.locator(".teia-ndoc")
    assert doc.is_visible()
    for section in fields["sections"]:
        for field in section["fields"]:
            assert doc.locator("th[lang=ru]", has_text=field["label"]["ru"]).count() >= 1, field["id"]
            assert doc.locator("th[lang=en]", has_text=field["label"]["en"]).count() >= 1, field["id"]
    text = doc.inner_text()
    assert fields["ui"]["ru"]["doc_title"] in text and fields["ui"]["en"]["doc_title"] in text
    assert "2027-01-15" in text and "Country C" in text
    assert page.locator("#nf-print").is_visible()
    assert all(url.startswith(server) for url in page.requests)


def test_russian_page_produces_a_russian_notification(page, server, fields):
    open_form(page, server, "ru/")
    assert page.locator("#nf-output-ru").is_checked()
    fill_required(page, fields)
    page.click("#nf-produce")
    doc = page.locator(".teia-ndoc")
    assert doc.get_attribute("lang") == "ru"
    assert fields["ui"]["ru"]["doc_title"] in doc.inner_text()
    assert doc.locator("th", has_text=fields["sections"][0]["fields"][0]["label"]["en"]).count() == 0


def test_save_and_load_round_trip(page, server, fields, tmp_path):
    open_form(page, server)
    fill_required(page, fields)
    page.fill("#nf-eia_link", "Espoo case 2026/7")
    page.click("#nf-add-substances")
    page.locator("#nf-section-substances [name=substance_name]").nth(1).fill("Ammonia")
    with page.expect_download() as download:
        page.click("#nf-save")
    saved = tmp_path / "saved.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["template"] == "teia-notification" and data["version"] == fields["version"]
    assert data["eia_link"] == "Espoo case 2026/7" and data["notified_parties"] == ["Country B", "Country C"]
    assert [entry.get("substance_name") for entry in data["substances"]] == ["Sample text", "Ammonia"]

    page.reload()
    page.wait_for_selector("#nf-produce")
    assert page.input_value("#nf-eia_link") == "Espoo case 2026/7"          # kept in this browser
    page.get_by_role("button", name="Clear the entries").click()
    assert page.input_value("#nf-eia_link") == ""
    page.set_input_files("#nf-load", str(saved))
    page.wait_for_function("document.getElementById('nf-eia_link').value !== ''")
    assert page.input_value("#nf-eia_link") == "Espoo case 2026/7"
    assert page.input_value("#nf-notified_parties") == "Country B\nCountry C"
    names = page.locator("#nf-section-substances [name=substance_name]")
    assert names.count() == 2 and names.nth(1).input_value() == "Ammonia"
    assert "saved.json" in page.locator(".teia-nform__status").inner_text()


def test_import_from_the_calculator(page, server, fields):
    open_form(page, server)
    page.click("#nf-import")
    assert fields["ui"]["en"]["import_none"] in page.locator(".teia-nform__status").inner_text()
    result = {"substances": [
        {"name": "Chlorine", "cas": "7782-50-5", "quantity_t": 30, "threshold_t": 25, "ratio": 1.2,
         "reached": True, "verification": "verified"},
        {"name": "Hydrogen sulphide", "cas": "7783-06-4", "quantity_t": 2, "threshold_t": 20, "ratio": 0.1,
         "reached": False, "verification": "inferred_UNVERIFIED"}],
        "verdict": "yes", "date": "2026-11-26"}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [fields["calculator_key"], json.dumps(result)])
    page.click("#nf-import")
    names = page.locator("#nf-section-substances [name=substance_name]")
    assert names.count() == 2
    assert names.nth(0).input_value() == "Chlorine"
    assert page.locator("#nf-section-substances [name=cas_number]").nth(1).input_value() == "7783-06-4"
    assert page.locator("#nf-section-substances [name=max_quantity_t]").nth(0).input_value() == "30"
    entry = page.locator("#nf-section-substances [name=annex1_entry]").nth(0).input_value()
    assert "25" in entry and "1.2" in entry
    assert "26 November 2026: 2 substances" in page.locator(".teia-nform__status").inner_text()


def test_russian_import_writes_numbers_and_dates_in_russian(page, server, fields):
    open_form(page, server, "ru/")
    result = {"substances": [{"name": "Хлор", "cas": "7782-50-5", "quantity_t": 1250.5, "threshold_t": 25, "ratio": 50.02,
                              "reached": True, "verification": "same_in_2008_and_seveso3"},
                             {"name": "Водород", "cas": "1333-74-0", "quantity_t": 60, "threshold_t": 50, "ratio": 1.2,
                              "reached": True, "verification": "verified"}], "verdict": "yes", "date": "2026-12-02"}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [fields["calculator_key"], json.dumps(result)])
    page.click("#nf-import")
    assert page.locator("#nf-section-substances [name=max_quantity_t]").nth(0).input_value() == "1\u00a0250,5"
    entry = page.locator("#nf-section-substances [name=annex1_entry]").nth(1).input_value()
    assert "отношение 1,2;" in entry and "1.2" not in entry                    # was «отношение 1.2»
    assert "от 2 декабря 2026 г. перенесено: 2 вещества." in page.locator(".teia-nform__status").inner_text()
    # a number in Russian writing is accepted and saved as a number
    page.locator("#nf-section-substances [name=max_quantity_t]").nth(1).fill("1\u202f250,5")
    fill_required(page, fields)
    page.locator("#nf-section-substances [name=max_quantity_t]").nth(0).fill("1 250,5")
    with page.expect_download() as download:
        page.click("#nf-save")
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["substances"][0]["max_quantity_t"] == 1250.5


def test_without_javascript_the_page_explains_and_links_to_the_blank_form(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + FORM)
    note = tab.locator(".teia-nform-nojs")
    assert note.is_visible()
    assert note.locator("a").get_attribute("href").rstrip("/").endswith("blank")
    assert tab.locator("#nf-produce").count() == 0
    context.close()


# --- the entries are kept, within limits (issues 13.4 and 15) --------------------------------------------

def test_entries_survive_reload_and_back_and_can_be_cleared(page, server, fields):
    open_form(page, server)
    fill_required(page, fields)
    page.fill("#nf-eia_link", "Espoo case 2026/7")
    page.click("#nf-add-substances")
    page.locator("#nf-section-substances [name=substance_name]").nth(1).fill("Ammonia")
    page.check("#nf-output-both")
    saved = page.locator(".teia-autosave")
    assert saved.get_attribute("data-state") == "saved" and "Saved in this browser at" in saved.inner_text()

    def as_filled():
        page.wait_for_selector("#nf-produce")
        assert page.input_value("#nf-eia_link") == "Espoo case 2026/7"
        assert page.input_value("#nf-notified_parties") == "Country B\nCountry C"
        names = page.locator("#nf-section-substances [name=substance_name]")
        assert names.count() == 2 and names.nth(1).input_value() == "Ammonia"
        assert page.locator("#nf-output-both").is_checked()
        assert "Your entries saved in this browser on" in page.locator(".teia-autosave").inner_text()

    page.reload()
    as_filled()
    page.goto(server + "notification/")
    page.go_back()
    as_filled()
    # the Russian form keeps its own entries
    open_form(page, server, "ru/")
    assert page.input_value("#nf-eia_link") == ""
    open_form(page, server)
    page.get_by_role("button", name="Clear the entries").click()
    assert page.input_value("#nf-eia_link") == "" and page.locator("#nf-section-substances [name=substance_name]").count() == 1
    assert "teia.notification.v1.en" not in page.evaluate("Object.keys(localStorage)")
    page.reload()
    page.wait_for_selector("#nf-produce")
    assert page.input_value("#nf-eia_link") == ""
    # nothing is lost on leaving, so leaving does not ask (no beforeunload dialog)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.fill("#nf-eia_link", "x")
    page.goto(server + "notification/")
    assert dialogs == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_absurd_files_are_refused_with_a_message(page, server, fields, tmp_path, lang):
    open_form(page, server, "ru/" if lang == "ru" else "")
    page.fill("#nf-eia_link", "kept")
    big = tmp_path / "big.json"
    big.write_text('{"template": "teia-notification", "activity_name": "' + "x" * 1_500_000 + '"}', encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps({"template": "teia-notification", "substances": [{"substance_name": f"S{i}"} for i in range(5000)]}))
    long_field = tmp_path / "long.json"
    long_field.write_text(json.dumps({"template": "teia-notification", "activity_name": "y" * 50_000}))
    status = page.locator(".teia-nform__status")
    expected = {
        "en": ["The file big.json is too large (1.5 MB); a saved notification is at most 1 MB.",
               "The file many.json lists 5,000 substances; the form takes at most 200.",
               "The file long.json has a value of 50,000 characters in “activity_name”; a field takes at most 20,000."],
        "ru": ["Файл big.json слишком велик (1,5 МБ); сохранённое уведомление занимает не более 1 МБ.",
               "В файле many.json 5\u00a0000 веществ; форма принимает не более 200.",
               "В файле long.json значение поля «activity_name» длиной 50\u00a0000 знаков; поле принимает не более 20\u00a0000."],
    }[lang]
    for path, message in zip((big, many, long_field), expected, strict=True):
        page.set_input_files("#nf-load", str(path))
        page.wait_for_function("([el, text]) => el.textContent === text", arg=[status.element_handle(), message], timeout=5000)
        assert page.input_value("#nf-eia_link") == "kept"                     # the form is untouched
        assert page.locator("#nf-section-substances [name=substance_name]").count() == 1


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_form_states_its_basis_not_an_internal_version(page, server, fields, lang):
    open_form(page, server, "ru/" if lang == "ru" else "")
    statement = fields["ui"][lang]["based_on"]
    assert statement in page.locator("article").inner_text()
    fill_required(page, fields)
    page.click("#nf-produce")
    doc = page.locator(".teia-ndoc").inner_text()
    assert statement in doc
    for path in (FORM, "notification/", "notification/blank/"):
        page.goto(server + ("ru/" if lang == "ru" else "") + path)
        text = page.locator("body").inner_text()
        assert fields["version"] not in text and "reconstructed" not in text.lower(), path
    assert fields["version"] not in doc


@pytest.mark.parametrize("width", [360, 390])
def test_no_sideways_scroll_on_a_phone(browser, server, fields, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    try:
        for prefix in ("", "ru/"):
            for path in ("notification/", FORM, "notification/blank/"):
                tab.goto(server + prefix + path)
                if path == FORM:
                    tab.wait_for_selector("#nf-produce")
                    fill_required(tab, fields)
                    tab.click("#nf-produce")
                fits = tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
                assert fits, prefix + path
                right = tab.locator("fieldset, input, select, textarea, .teia-blank-scroll").evaluate_all(
                    "els => Math.max(0, ...els.map(e => e.getBoundingClientRect().right))")
                assert right <= width, prefix + path
            # the third substance column of the blank form is in its own box: it fits or scrolls there
            tab.goto(server + prefix + "notification/blank/")
            box = tab.locator(".teia-blank-scroll").first
            assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
            assert box.locator("thead th").nth(3).is_visible()
    finally:
        context.close()


def test_a_calculator_result_with_thousands_of_substances_is_refused(page, server, fields):
    open_form(page, server)
    result = {"substances": [{"name": f"S{i}", "quantity_t": 1} for i in range(5000)], "verdict": "no", "date": "2026-12-02"}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [fields["calculator_key"], json.dumps(result)])
    page.click("#nf-import")
    assert page.locator(".teia-nform__status").inner_text() == "The calculator result lists 5,000 substances; the form takes at most 200."
    assert page.locator("#nf-section-substances [name=substance_name]").count() == 1


def test_when_the_browser_cannot_save_it_says_so_and_leaving_asks_first(browser, server, fields):
    context = browser.new_context()
    context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    tab = context.new_page()
    try:
        open_form(tab, server, "ru/")
        tab.locator("#nf-eia_link").type("x")
        saved = tab.locator(".teia-autosave")
        assert saved.get_attribute("data-state") == "unsaved"
        assert fields["ui"]["ru"]["doc_title"] and "не сохраняет данные" in saved.inner_text()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
        tab.close(run_before_unload=True)
        tab.wait_for_timeout(500)
        assert dialogs == ["beforeunload"]
    finally:
        context.close()
