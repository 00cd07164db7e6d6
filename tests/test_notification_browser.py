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
    assert "2026-11-26" in page.locator(".teia-nform__status").inner_text()


def test_without_javascript_the_page_explains_and_links_to_the_blank_form(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + FORM)
    note = tab.locator(".teia-nform-nojs")
    assert note.is_visible()
    assert note.locator("a").get_attribute("href").rstrip("/").endswith("blank")
    assert tab.locator("#nf-produce").count() == 0
    context.close()
