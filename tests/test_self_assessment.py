"""Self-assessment: the indicator set, submissions checked as untrusted text (file:line: field: in English and
Russian), `teia-guide assess` and `new-assessment`, and the built pages: the tool's questionnaire, the example,
country pages without a submission, and a build with submissions (chart, tables, plan, overview, progress)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from teiaguide import assessments, scaffold
from teiaguide.cli import app
from teiaguide.features import self_assessment as feature
from teiaguide.guide import load_guide
from teiaguide.languages import LANGUAGES, prefix
from teiaguide.paths import ROOT
from teiaguide.problems import Problems

EXAMPLE = assessments.example("en")
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ", "RU", "BY"]


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.fixture(scope="module")
def indicator_set(guide):
    return guide.extra["self_assessment"].indicators


def squash(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


# --- the indicator set -------------------------------------------------------------------------------------

def test_every_statement_has_one_indicator_with_a_section_that_exists(guide, indicator_set):
    ids = indicator_set.indicator_ids()
    assert len(ids) == sum(len(area.indicators) for area in guide.areas.values())
    assert set(ids.values()) == set(guide.areas)
    assert [level.value for level in indicator_set.levels] == [0, 1, 2, 3, 4]
    for group in indicator_set.areas:
        for indicator in group.indicators:
            for lang in LANGUAGES:
                assert "{#" + indicator.anchor + "}" in guide.pages[lang][indicator.page].text


def test_a_broken_section_link_is_reported_with_its_line(tmp_path, guide):
    text = feature.SOURCE.read_text(encoding="utf-8")
    old = "section: areas/identification.md#institutions"
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "self_assessment.yml"
    path.write_text(text.replace(old, "section: areas/identification.md#no-such-heading"), encoding="utf-8")
    problems = Problems()
    assert feature.load_indicator_set(guide, problems, path) is None
    report = problems.report()
    assert re.search(rf"self_assessment\.yml:{line}: areas\[0\]\.indicators\[0\]\.section: the page 'en/areas/identification\.md' has no heading", report), report
    assert "нет заголовка с идентификатором '#no-such-heading'" in report


# --- submissions -------------------------------------------------------------------------------------------

def submission(tmp_path: Path, *changes: tuple[str, str], name: str = "KZ/2026.yml") -> tuple[Path, dict[str, int]]:
    """The English example as a KZ submission with changes; returns its path and the line of each change."""
    text = EXAMPLE_TEXT.replace("country: XX ", "country: KZ ").replace("example: true", "example: false")
    lines = {}
    for old, new in changes:
        assert old in text, old
        lines[old] = text[: text.index(old)].count("\n") + 1
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, lines


BAD = {
    "unknown indicator id": (("[identification-method]", "[identification-methods]"), "actions[0].indicators[0]",
                             "unknown indicator 'identification-methods'", "неизвестный показатель"),
    "markup in a text": (('"Ministry of Justice"', '"Ministry <b>of</b> Justice"'), "actions[7].responsible",
                         "the characters < and > are not allowed", "символы < и > запрещены"),
    "bidi character": (('"Ministry of Justice"', '"Ministry \u202eecitsuJ"'), "actions[7].responsible",
                       "text-direction", "направления текста"),
    "impossible date": (("end: 2026-12-31", "end: 2026-02-30"), "actions[0].end", "date", "ГГГГ-ММ-ДД"),
    "end before start": (("end: 2026-12-31", "end: 2026-01-31"), "actions[0].end",
                         "is before the start", "раньше даты начала"),
    "unknown level": (("level: initiated\n    evidence: \"A working", "level: started\n    evidence: \"A working"),
                      "scores.identification-method.level", "unknown level 'started'", "неизвестный уровень"),
    "unknown status": (("status: postponed", "status: cancelled"), "actions[7].status", "unknown status", "неизвестный статус"),
    "too long": (('"Aarhus Centre (fictional)"', json.dumps("x" * 201)), "actions[7].partners", "too long", "слишком длинно"),
    "unknown key": (("prepared_by:", "prepared:"), "prepared", "Extra inputs", "неизвестное поле"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_submission_reported_with_file_line_field_in_both_languages(tmp_path, indicator_set, name):
    (old, new), field, en, ru = BAD[name]
    path, lines = submission(tmp_path, (old, new))
    problems = Problems()
    assert assessments.read(path, indicator_set, problems, COUNTRIES, "KZ", 2026) is None
    # (an invisible character is refused where the file is read, before its fields are known: by line)
    found = [p for p in problems.items if p.field == field or (p.field == "" and name == "bidi character")]
    assert found, problems.report()
    assert found[0].line == lines[old], problems.report()
    assert en in found[0].en and ru in found[0].ru, problems.report()


def test_country_folder_and_edition_must_match(tmp_path, indicator_set):
    path, _ = submission(tmp_path, name="UZ/2025.yml")
    problems = Problems()
    assert assessments.read(path, indicator_set, problems, COUNTRIES, "UZ", 2025) is None
    fields = {p.field for p in problems.items}
    assert {"country", "edition"} <= fields, problems.report()
    path, _ = submission(tmp_path, ("country: KZ ", "country: XX "), name="XX/2026.yml")
    problems = Problems()
    assert assessments.read(path, indicator_set, problems, COUNTRIES) is None
    assert "fictional example only" in problems.report()


def test_the_examples_and_a_json_copy_are_valid(tmp_path, indicator_set):
    for lang in LANGUAGES:
        problems = Problems()
        assert assessments.read(assessments.example(lang), indicator_set, problems, COUNTRIES) is not None, problems.report()
    data = yaml.safe_load(EXAMPLE_TEXT)
    as_json = tmp_path / "x.json"
    as_json.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    problems = Problems()
    checked = assessments.read(as_json, indicator_set, problems, COUNTRIES)
    assert checked is not None, problems.report()
    assert len(checked.data.actions) == 8


def test_the_real_folder_holds_no_invented_assessment(indicator_set):
    problems = Problems()
    found = assessments.read_folder(assessments.FOLDER, indicator_set, problems, COUNTRIES)
    assert not problems, problems.report()
    assert all(not item.data.example for item in found)


def test_check_command_reports_a_bad_submission_and_fails(tmp_path):
    root = tmp_path / "self_assessments"
    submission(root, ("[identification-method]", "[nope]"))
    env = dict(os.environ, TEIA_SELF_ASSESSMENTS_DIR=str(root), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "teiaguide", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "KZ/2026.yml:" in line and "actions[0].indicators[0]:" in line]
    assert len(lines) == 2 and re.search("[а-я]", lines[1]), result.stderr


def test_new_assessment_writes_a_valid_file_listing_every_indicator(tmp_path, guide, indicator_set):
    path, problems = scaffold.write_assessment(tmp_path, "TJ", 2027, "ru", indicator_set, guide, COUNTRIES)
    assert not problems, problems.report()
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "TJ" / "2027.yml"
    for indicator_id in indicator_set.indicator_ids():
        assert f"  {indicator_id}:\n    level:\n" in text
    assert guide.areas["identification"].indicators[0]("ru") in text
    with pytest.raises(FileExistsError):
        scaffold.write_assessment(tmp_path, "TJ", 2027, "ru", indicator_set, guide, COUNTRIES)


# --- teia-guide assess ----------------------------------------------------------------------------------------

def test_assess_writes_html_and_pdf_side_by_side(tmp_path, guide):
    result = CliRunner().invoke(app, ["assess", str(assessments.example("ru")), "--lang", "both", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "country-x-2026.ru-en.pdf"
    assert (tmp_path / "country-x-2026.ru-en.html").is_file()
    text = squash("\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    for lang in LANGUAGES:
        assert squash(guide.t("sa_report_title", lang)) in text
        assert squash(guide.areas["prevention"].title(lang)) in text
        assert squash(guide.t("sa_plan_caption", lang)) in text
    assert "Комитет промышленной безопасности" in text          # the submission's own text
    assert "3,0 / 4" in text and "3.0 / 4" in text              # prevention's average, in each language's format
    assert "ВЫМЫШЛЕННЫЙ ПРИМЕР" in text and "FICTIONAL EXAMPLE" in text


def test_assess_refuses_bad_input_and_writes_nothing(tmp_path):
    path, _ = submission(tmp_path, ('"Ministry of Justice"', '"<script>x</script>"'))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["assess", str(path), "--lang", "en", "--out", str(out)])
    assert result.exit_code == 1
    assert "actions[7].responsible:" in result.output and "nothing was written" in result.output
    assert "файлы не созданы" in result.output
    assert not out.exists()


# --- built pages (the session's site: no submission in self_assessments/) ------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_tool_page_example_and_country_page_without_submission(site, guide, lang):
    tool = (site / prefix(lang) / "self-assessment" / "index.html").read_text(encoding="utf-8")
    assert 'id="teia-self-assessment"' in tool
    assert tool.count("☐") == 5 * len(guide.extra["self_assessment"].indicators.indicator_ids())
    assert 'href="example/"' in tool
    example = (site / prefix(lang) / "self-assessment" / "example" / "index.html").read_text(encoding="utf-8")
    assert example.count('<svg class="teia-sa-chart"') == 1 and '<table class="teia-sa-table teia-sa-plan' in example
    assert "teia-sa-example" in example
    country = (site / prefix(lang) / "countries" / "kz" / "index.html").read_text(encoding="utf-8")
    section = country[country.index('id="self-assessment"'):]
    assert guide.extra["self_assessment"].indicators.text.root["country_none"](lang)[:40] in section
    assert '<svg class="teia-sa-chart"' not in country
    assert "self-assessment/" in section and "CONTRIBUTING" in section


# --- a build with submissions ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def submitted_site(tmp_path_factory) -> Path:
    """HTML-only build with the English example submitted for Kazakhstan twice (2024 and 2026)."""
    root = tmp_path_factory.mktemp("sa-build")
    folder = root / "self_assessments"
    submission(folder)
    older, _ = submission(folder, ("edition: 2026", "edition: 2024"), ("level: fully_in_place", "level: in_progress"),
                          name="KZ/2024.yml")
    env = dict(os.environ, TEIA_SELF_ASSESSMENTS_DIR=str(folder), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "teiaguide", "build", "--site", str(root / "site"),
                             "--work", str(root / "work"), "--html-only"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_country_page_shows_chart_table_plan_and_timeline(submitted_site, guide, lang):
    page = (submitted_site / prefix(lang) / "countries" / "kz" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="self-assessment"'):]
    assert '<svg class="teia-sa-chart"' in section and 'role="img"' in section
    table = section[section.index(guide.t("sa_areas_caption", lang)):]
    assert re.search(r"3[.,]0 / 4", table)                          # prevention, beside the chart
    assert '<table class="teia-sa-table teia-sa-plan' in section
    assert section.count('<tr><td data-label') >= 8 + 24          # 8 actions, 24 indicators
    assert '<svg class="teia-sa-timeline"' in section
    assert "Industrial Safety Committee" in section and "2024" in section
    assert feature.pdf_name("KZ", lang) in section


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_lists_areas_by_country_and_progress(submitted_site, guide, lang):
    page = (submitted_site / prefix(lang) / "self-assessment" / "overview" / "index.html").read_text(encoding="utf-8")
    overview = page[page.index("teia-sa-overview"):]
    assert re.search(r'<a href="\.\./\.\./countries/kz/#self-assessment">' + guide.countries["KZ"].name(lang) + r"</a> \(2026\)", overview)
    for area in guide.areas.values():
        assert area.title(lang) in overview
    progress = page[page.index("teia-sa-progress"):]
    assert "<th scope=\"col\">2024</th><th scope=\"col\">2026</th>" in progress
    assert "▲" in progress or "▼" in progress


# --- workshop pack -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_pack_has_the_questionnaire_and_a_pdf_per_country_with_a_submission(site, tmp_path, guide, lang):
    from teiaguide.assess import country_pdfs

    page = (site / prefix(lang) / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"self-assessment-questionnaire-{lang}.pdf" in page
    questionnaire = site / "downloads" / "files" / f"self-assessment-questionnaire-{lang}.pdf"
    text = squash(" ".join(p.extract_text() for p in PdfReader(questionnaire).pages))
    assert squash(guide.areas["identification"].indicators[0](lang)) in text
    assert squash(guide.t("sa_questionnaire_intro", lang)) in text
    assert country_pdfs(lang, tmp_path / "empty") == []
    submission(tmp_path / "folder")
    [(name, label, pdf)] = country_pdfs(lang, tmp_path / "folder")
    assert name == f"self-assessment-kz-{lang}.pdf" and guide.countries["KZ"].name(lang) in label
    out = tmp_path / name
    out.write_bytes(pdf)
    text = squash(" ".join(p.extract_text() for p in PdfReader(out).pages))
    assert squash(guide.t("sa_plan_caption", lang)) in text and "Industrial Safety Committee" in text
