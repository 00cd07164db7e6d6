"""Notification template: data validation (file:line, EN/RU), the generated pages, and `teia-guide notify`
on the shipped examples (text extracted from the PDF) and on malformed input."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader
from click.testing import CliRunner

from teiaguide.cli import app
from teiaguide.features import notification
from teiaguide.features import ui as ui_feature
from teiaguide.guide import Guide
from teiaguide.paths import ROOT
from teiaguide.problems import Problems

EXAMPLES = ROOT / "examples" / "notifications"
SOURCE_TEXT = notification.SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def guide() -> Guide:
    guide = Guide()
    problems = Problems()
    ui_feature.load(guide, problems)
    notification.load(guide, problems)
    assert not problems, problems.report()
    return guide


def squash(text: str) -> str:
    """Whitespace-insensitive text (PDF lines wrap anywhere, also after the hyphen of 'cross-border')."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


# --- data validation ------------------------------------------------------------------------------------

def load_variant(tmp_path: Path, old: str, new: str) -> tuple[Problems, int]:
    """Load data/notification.yml with one change; return the problems and the line of the change."""
    assert SOURCE_TEXT.count(old) >= 1, old
    text = SOURCE_TEXT.replace(old, new, 1)
    line = SOURCE_TEXT[: SOURCE_TEXT.index(old)].count("\n") + 1
    path = tmp_path / "notification.yml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert notification.load_file(path, problems) is None
    return problems, line


def test_shipped_data_is_valid(guide):
    data = guide.notification
    assert data.meta.status == "reconstructed" and data.meta.official_template_found is False
    assert [step.para for step in data.procedure] == list(range(1, 14))
    assert sum(1 for _ in data.fields()) >= 30


def test_duplicate_field_id_is_reported_with_line_in_both_languages(tmp_path):
    problems, line = load_variant(tmp_path, "      - id: location\n", "      - id: operator\n")
    report = problems.report()
    assert re.search(rf"notification\.yml:{line}: sections\[1\]\.fields\[2\]\.id: the key 'operator' is used twice", report), report
    assert "ключ 'operator' использован дважды" in report


def test_missing_russian_label_and_unknown_key(tmp_path):
    problems, line = load_variant(
        tmp_path,
        'label: {en: "Operator", ru: "Оператор"}',
        'label: {en: "Operator"}\n        hint: "typo"',
    )
    report = problems.report()
    assert re.search(rf"notification\.yml:{line}: sections\[1\]\.fields\[1\]\.label\.ru: Field required", report), report
    assert "обязательное поле отсутствует" in report
    assert re.search(rf"notification\.yml:{line + 1}: sections\[1\]\.fields\[1\]\.hint: .*неизвестное поле", report, re.S), report


def test_choice_without_options_and_unconfirmed_step(tmp_path):
    problems, _ = load_variant(tmp_path, "        type: choice\n", "        type: text\n")
    assert "options are allowed only for type 'choice'" in problems.report()
    assert "варианты (options) допустимы только" in problems.report()
    problems, line = load_variant(tmp_path, "  - para: 6\n    verification: single_source\n",
                                  "  - para: 6\n    verification: UNVERIFIED\n")
    assert re.search(rf"notification\.yml:{line + 1}: procedure\[5\]\.verification:", problems.report()), problems.report()


def test_aligned_status_needs_the_official_template(tmp_path):
    problems, _ = load_variant(tmp_path, "  status: reconstructed ", "  status: aligned ")
    assert "status 'aligned' needs official_template_found: true" in problems.report()
    assert "статусу 'aligned' нужны" in problems.report()


# --- generated pages ------------------------------------------------------------------------------------

def md(text: str) -> str:
    """A data string as the templates write it (autoescaped: Markdown shows the entities as characters)."""
    return str(escape(text))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pages_list_every_field_with_its_legal_basis(guide, lang):
    pages = {item.path: item.content for item in notification.generate(guide, lang)}
    assert set(pages) == {"notification/index.md", "notification/blank.md", "notification/form.md", "notification/fields.json",
                          "notification/fields.data.js"}   # the JSON as a script, for file:// (browser_data.py)
    index, blank = pages["notification/index.md"], pages["notification/blank.md"]
    for section, field in guide.notification.fields():
        row = next((line for line in index.splitlines() if line.startswith(f"| **{md(field.label(lang))}** |")), None)
        assert row is not None, f"{field.id} missing from index.md ({lang})"
        assert f"| {md(field.basis(lang))} |" in row
        assert md(field.label(lang)) in blank and md(field.basis(lang)) in blank
    for step in guide.notification.procedure:
        assert md(step.step(lang)) in index
    # the pages say plainly what the template is based on, in words for a reader: no internal version
    # code, no file path, no command line (issue 14)
    assert md(guide.notification.meta.reconstructed_note(lang)) in index
    for page in (index, pages["notification/form.md"], blank):
        assert md(guide.t("notification_based_on", lang)) in page
        body = page.split("\n---\n", 1)[1]                  # the page, without its front matter
        assert guide.notification.meta.version not in body and "reconstructed" not in body
        assert "data/notification.yml" not in body and "teia-guide" not in body
    assert "generated_from: data/notification.yml" in index


def test_pages_have_the_same_heading_ids_in_both_languages(guide):
    def ids(lang, path):
        page = next(item.content for item in notification.generate(guide, lang) if item.path == path)
        return re.findall(r"^#+ .*\{#([a-z0-9-]+)\}$", page, re.M)

    for path in ("notification/index.md", "notification/blank.md"):
        assert ids("en", path) == ids("ru", path) and ids("en", path)


def test_fields_json_for_the_browser(guide):
    data = json.loads(next(i.content for i in notification.generate(guide, "ru") if i.path.endswith("fields.json")))
    assert data["lang"] == "ru" and data["calculator_key"] == "teia.calculator.result"
    assert data["storage"] == {"autosave": "teia.notification.v1.ru"}          # per language, versioned
    assert data["limits"]["items"] == guide.notification.limits.items and data["tools"]["tools_locale"] == "ru-RU"
    ids = [f["id"] for s in data["sections"] for f in s["fields"]]
    assert ids == [f.id for _, f in guide.notification.fields()]
    assert set(data["ui"]) == {"en", "ru"} and data["ui"]["en"]["produce"] and data["ui"]["ru"]["produce"]


# --- teia-guide notify ------------------------------------------------------------------------------------

def run_notify(*args: str):
    return CliRunner().invoke(app, ["notify", *args])


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize("example, lang, suffix", [
    ("example.en.yml", "both", "ru-en"),
    ("example.en.yml", "en", "en"),
    ("example.ru.yml", "ru", "ru"),
])
def test_notify_writes_html_and_pdf_with_labels_and_values(guide, tmp_path, example, lang, suffix):
    result = run_notify(str(EXAMPLES / example), "--lang", lang, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    stem = example.split(".")[0]
    html = (tmp_path / f"{stem}.{suffix}.html").read_text(encoding="utf-8")
    text = pdf_text(tmp_path / f"{stem}.{suffix}.pdf")
    codes = ["ru", "en"] if lang == "both" else [lang]
    for _, field in guide.notification.fields():
        for code in codes:
            assert squash(field.label(code)) in text, f"{field.id} ({code}) missing from the PDF"
            assert md(field.label(code)) in html
    if lang == "en":
        assert "Уведомление" not in text            # English only
    for code in codes:
        assert squash(guide.t("notification_example_banner", code)) in text
        assert squash(guide.t("notification_based_on", code)) in text
    assert guide.notification.meta.version not in text
    values = {"example.en.yml": ["Riverside Chlorine Plant (fictitious)", "Country B (fictitious)", "7782-50-5", "2027-01-15", "180"],
              "example.ru.yml": ["Водоочистная станция «Заречная» (вымышленная)", "Страна Б (вымышленная)", "7782-50-5", "32"]}[example]
    for value in values:
        assert value in text


def test_notify_accepts_the_file_saved_by_the_online_form(tmp_path):
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((EXAMPLES / "example.en.yml").read_text(encoding="utf-8"))
    data = {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in data.items()}
    data.pop("example")
    data["version"] = "2026.11-reconstructed"
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run_notify(str(saved), "--lang", "ru", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "saved.ru.pdf").is_file()


MALFORMED = """\
template: teia-notification
notifying_party: "Country A"
notified_parties: ["Country B"]
notification_date: 2026-13-40
activity_status: planned
reply_deadline: 2027-01-15
activty_name: "typo in the key"
substances:
  - substance_name: Chlorine
    cas_number: "12-3"
    max_quantity_t: -5
"""


def test_malformed_input_gives_file_line_errors_and_no_output(tmp_path):
    source = tmp_path / "broken.yml"
    source.write_text(MALFORMED, encoding="utf-8")
    out = tmp_path / "out"
    result = run_notify(str(source), "--lang", "both", "--out", str(out))
    assert result.exit_code == 1
    output = result.output
    assert re.search(r"broken\.yml:4: notification_date: expected a date as YYYY-MM-DD, got '2026-13-40'", output), output
    assert "ожидается дата в формате ГГГГ-ММ-ДД" in output
    assert re.search(r"broken\.yml:5: activity_status: 'planned' is not allowed; choose one of: proposed, existing, modification", output)
    assert re.search(r"broken\.yml:7: activty_name: unknown field 'activty_name'; did you mean 'activity_name'\?", output)
    assert re.search(r"broken\.yml:10: substances\[0\]\.cas_number: '12-3' does not have the expected format", output)
    assert re.search(r"broken\.yml:11: substances\[0\]\.max_quantity_t: the number must be greater than zero", output)
    assert re.search(r"broken\.yml:9: substances\[0\]\.annex1_entry: required field 'annex1_entry'", output)
    assert "обязательное поле 'operator' (Оператор) отсутствует или пусто" in output
    assert "nothing was written" in output and "файлы не созданы" in output
    assert not out.exists()


def test_yaml_syntax_error_and_deadline_before_notification(tmp_path):
    source = tmp_path / "syntax.yml"
    source.write_text("notifying_party: [unclosed\nnotified_parties: x\n", encoding="utf-8")
    result = run_notify(str(source), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and re.search(r"syntax\.yml:\d+: YAML syntax error", result.output), result.output
    text = (EXAMPLES / "example.en.yml").read_text(encoding="utf-8").replace("reply_deadline: 2027-01-15", "reply_deadline: 2026-10-01")
    source = tmp_path / "late.yml"
    source.write_text(text, encoding="utf-8")
    result = run_notify(str(source), "--out", str(tmp_path / "out"))
    line = text[: text.index("reply_deadline:")].count("\n") + 1
    assert result.exit_code == 1
    assert f"late.yml:{line}: reply_deadline: the deadline for reply (2026-10-01) must come after the date of notification (2026-11-02)" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_language_is_refused(tmp_path):
    result = run_notify(str(EXAMPLES / "example.en.yml"), "--lang", "de", "--out", str(tmp_path))
    assert result.exit_code == 2 and "en, ru, both" in result.output and "de" in result.output
    assert not list(tmp_path.iterdir())


def test_renamed_field_ids_keep_old_files_loading(tmp_path, monkeypatch):
    """Aligning with the official template is a data-only change: a renamed field lists its old id in
    `formerly`, and notifications written with the old id still load."""
    data_file = tmp_path / "notification.yml"
    data_file.write_text(SOURCE_TEXT.replace("      - id: operator\n", "      - id: operator_name\n        formerly: [operator]\n", 1),
                         encoding="utf-8")
    monkeypatch.setattr(notification, "SOURCE", data_file)
    result = run_notify(str(EXAMPLES / "example.en.yml"), "--lang", "en", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Riverside Chemicals JSC (fictitious)" in (tmp_path / "out" / "example.en.html").read_text(encoding="utf-8")
