"""data/annex1.yml is validated on load: every problem comes with file, line, field, English and Russian."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from teiaguide.annex1_logic import ALIGNED_TAGS, KNOWN_TAGS, SETTLED_TAGS
from teiaguide.features import calculator
from teiaguide.guide import Guide
from teiaguide.problems import Problems

# A small valid file. Line numbers matter: the tests below break one line and expect that line back.
VALID = """\
reviewed: 2026-11-26
default_version: v2015
versions:
  - id: v2015
    year: 2015
    current: true
    label: {en: "2015 text", ru: "Редакция 2015 года"}
    adopted_by: {en: "Decision 2014/2", ru: "Решение 2014/2"}
    in_force: 2015-12-19
    categories:
      - id: h1
        no: "1"
        label: {en: "Acute toxicity, Category 1", ru: "Острая токсичность, категория 1"}
        threshold_t: 20
        verification: single_source
        sources: [cz]
    substances:
      - id: chlorine
        label: {en: "Chlorine", ru: "Хлор"}
        cas: ["7782-50-5"]
        threshold_t: 25
        verification: seveso3_full_alignment
      - id: tdi
        label: {en: "Toluene diisocyanate", ru: "Толуилендиизоцианат"}
        cas: ["584-84-9", "91-08-7"]
        threshold_t: 100
        verification: seveso3_full_alignment
sources:
  cz: {en: "Czech official text", ru: "Официальный чешский текст"}
synonyms:
  chlorine: {en: [liquid chlorine], ru: [жидкий хлор]}
units:
  - factor_t: 1
    names: {en: [t, tonnes], ru: [т]}
  - factor_t: 0.001
    names: {en: [kg], ru: [кг]}
"""


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "annex1.yml"
    path.write_text(text, encoding="utf-8")
    guide, problems = Guide(), Problems()
    calculator.load(guide, problems, source=path)
    return guide, problems


def replace_line(text: str, number: int, old: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    assert old in lines[number - 1], f"line {number} is {lines[number - 1]!r}"
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "".join(lines)


def only_problem(problems: Problems):
    assert len(problems) == 1, problems.report()
    return problems.items[0]


def test_the_small_file_is_valid(tmp_path):
    guide, problems = load_text(tmp_path, VALID)
    assert not problems, problems.report()
    assert guide.annex1.version("v2015").substances[1].cas == ["584-84-9", "91-08-7"]


def test_the_real_data_file_is_valid():
    guide, problems = Guide(), Problems()
    calculator.load(guide, problems)
    assert not problems, problems.report()
    annex = guide.annex1
    assert annex.default_version == "v2015"
    assert [v.id for v in annex.versions if v.current] == ["v2015"]
    v2008 = annex.version("v2008")
    assert all(e.verification == "verified" for e in v2008.categories + v2008.substances)
    # 2015: Part I 1-10 read in the Convention (single source); the rest of Part I rests on the statement of
    # full alignment with Seveso III; O1 and O3 keep a real doubt (whether the Convention kept them at all)
    v2015 = annex.version("v2015")
    assert {c.no for c in v2015.categories if c.verification in SETTLED_TAGS} == {str(n) for n in range(1, 11)}
    assert {c.seveso_code for c in v2015.categories if c.presence_verification} == {"O1", "O3"}
    # named substances: the 2008 value where it equals Seveso III (settled), the Seveso III value otherwise
    v2008_values = {s.id: s.threshold_t for s in v2008.substances}
    for item in v2015.substances:
        if item.verification in SETTLED_TAGS:
            assert (item.verification, item.threshold_t) == ("same_in_2008_and_seveso3", v2008_values[item.id]), item.id
        else:
            assert item.verification in ALIGNED_TAGS and item.id not in v2008_values, item.id
    assert next(s for s in v2015.substances if s.id == "chlorine").verification in SETTLED_TAGS
    # every synonym names a substance; units are tonnes and kilograms at least
    assert set(annex.synonyms) <= {s.id for s in v2015.substances + v2008.substances}
    assert {unit.factor_t for unit in annex.units} >= {1, 0.001}


def test_a_synonym_for_an_unknown_substance_is_reported(tmp_path):
    _, problems = load_text(tmp_path, VALID.replace("  chlorine: {en: [liquid chlorine]", "  chlorene: {en: [liquid chlorine]"))
    problem = only_problem(problems)
    assert problem.field == "synonyms.chlorene" and problem.line == 31
    assert "not the id of a named substance" in problem.en and "не идентификатор" in problem.ru


def test_synonyms_in_an_unknown_language_are_reported(tmp_path):
    _, problems = load_text(tmp_path, VALID.replace("ru: [жидкий хлор]", "de: [Flüssigchlor]"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (31, "synonyms.chlorine") and "unknown language(s) de" in problem.en


def test_a_unit_name_given_to_two_units_is_reported(tmp_path):
    _, problems = load_text(tmp_path, VALID.replace("names: {en: [kg], ru: [кг]}", "names: {en: [kg], ru: [т]}"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (36, "units[1].names.ru[0]")
    assert "given to two units" in problem.en and "дано двум единицам" in problem.ru


@pytest.mark.parametrize("value", ["0", "-5"])
def test_threshold_must_be_positive(tmp_path, value):
    _, problems = load_text(tmp_path, replace_line(VALID, 14, "threshold_t: 20", f"threshold_t: {value}"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (14, "versions[0].categories[0].threshold_t")
    assert "больше нуля" in problem.ru
    assert problem.format().startswith(f"{tmp_path / 'annex1.yml'}:14: versions[0].categories[0].threshold_t:")


def test_threshold_must_be_a_number(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 21, "threshold_t: 25", "threshold_t: lots"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (21, "versions[0].substances[0].threshold_t")
    assert problem.ru == "ожидается число"


def test_ids_must_be_unique_within_a_version(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 23, "id: tdi", "id: chlorine"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (23, "versions[0].substances[1].id")
    assert "duplicate id 'chlorine'" in problem.en
    assert "повторяющийся идентификатор «chlorine»" in problem.ru


def test_a_category_and_a_substance_cannot_share_an_id(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 18, "id: chlorine", "id: h1").replace("  chlorine: {en", "  tdi: {en"))
    problem = only_problem(problems)
    assert problem.line == 18 and "also in categories" in problem.en


def test_cas_number_format(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 20, '"7782-50-5"', '"7782505"'))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (20, "versions[0].substances[0].cas[0]")
    assert "not a CAS number" in problem.en and "не номер CAS" in problem.ru


def test_cas_check_digit(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 25, '"91-08-7"', '"91-08-6"'))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (25, "versions[0].substances[1].cas[1]")
    assert "check digit" in problem.en and "контрольная цифра" in problem.ru


def test_every_label_needs_both_languages(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 19, ', ru: "Хлор"', ""))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (19, "versions[0].substances[0].label.ru")
    assert problem.ru == "обязательное поле отсутствует"


def test_an_empty_label_is_an_error(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 13, 'ru: "Острая токсичность, категория 1"', 'ru: " "'))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (13, "versions[0].categories[0].label.ru")


def test_verification_tag_must_be_known(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 22, "seveso3_full_alignment", "probably"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (22, "versions[0].substances[0].verification")
    assert "unknown verification tag 'probably'" in problem.en
    assert "неизвестная отметка проверки «probably»" in problem.ru
    assert all(tag in problem.en for tag in KNOWN_TAGS)


def test_source_must_be_listed(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 16, "sources: [cz]", "sources: [cz, elsewhere]"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (16, "versions[0].categories[0].sources[1]")
    assert "unknown source 'elsewhere'" in problem.en and "неизвестный источник «elsewhere»" in problem.ru


def test_a_settled_value_needs_a_source(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 16, "sources: [cz]", "sources: []"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (15, "versions[0].categories[0].verification")
    assert "needs at least one source" in problem.en


def test_unknown_keys_are_errors(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 21, "threshold_t: 25", "threshold: 25"))
    fields = {(p.line, p.field) for p in problems.items}
    assert (21, "versions[0].substances[0].threshold") in fields          # the typo
    assert any(field.endswith("threshold_t") for _, field in fields)      # and the missing field


def test_default_version_must_exist(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 2, "v2015", "v2020"))
    problem = only_problem(problems)
    assert (problem.line, problem.field) == (2, "default_version")


def test_exactly_one_current_version(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 6, "current: true", "current: false"))
    problem = only_problem(problems)
    assert problem.field == "versions" and "exactly one version" in problem.en


def test_several_problems_are_reported_together(tmp_path):
    text = replace_line(VALID, 14, "threshold_t: 20", "threshold_t: -1")
    text = replace_line(text, 20, '"7782-50-5"', '"7782-50-4"')
    _, problems = load_text(tmp_path, text)
    assert sorted(p.line for p in problems.items) == [14, 20]


def test_yaml_syntax_error_has_a_line(tmp_path):
    _, problems = load_text(tmp_path, replace_line(VALID, 19, "{en:", "{en"))
    assert problems and problems.items[0].line in (19, 20)


def test_the_guide_does_not_get_broken_data(tmp_path):
    guide, problems = load_text(tmp_path, replace_line(VALID, 23, "id: tdi", "id: chlorine"))
    assert problems and guide.annex1 is None


def test_browser_data_carries_both_languages_and_the_page_language_strings():
    from teiaguide.guide import load_guide

    guide = load_guide()
    for lang in ("en", "ru"):
        files = {item.path: item.content for item in calculator.generate(guide, lang)}
        data = json.loads(files["calculator/annex1.json"])
        assert data["lang"] == lang and data["default_version"] == "v2015"
        chlorine = next(s for s in data["versions"][0]["substances"] if s["id"] == "chlorine")
        assert chlorine["label"] == {"en": "Chlorine", "ru": "Хлор"} and chlorine["cas"] == ["7782-50-5"]
        assert data["ui"]["calc_verdict_yes"] == guide.t("calc_verdict_yes", lang)
        page = files["calculator/index.md"]
        assert "generated_from: data/annex1.yml" in page
        assert "{#calculator}" in page and "{#part-2-2008}" in page


def test_the_scripts_take_their_settings_from_the_data_not_from_copies():
    """Issue 16: the tags, rule settings, storage keys and limits that annex1.json and fields.json ship are
    not written again in the browser scripts, and the shared helpers live in one module."""
    from teiaguide.annex1_logic import KNOWN_TAGS
    from teiaguide.paths import ROOT

    scripts = ROOT / "overrides" / "assets" / "javascripts"
    for name in ("calculator.js", "notification-form.js"):
        text = (scripts / name).read_text(encoding="utf-8")
        for tag in KNOWN_TAGS:
            assert f'"{tag}"' not in text, (name, tag)
        assert "teia.calculator." not in text and "teia.notification." not in text, name
        assert "function el(" not in text and "function fill(" not in text, name
        assert "new Intl." not in text, name                     # locale work goes through tools.js
    data = calculator.browser_data(_real_annex(), {"tools_locale": "en-GB"}, "en")
    assert data["storage"]["result"] == calculator.RESULT_KEY and data["limits"] == calculator.LIMITS


def _real_annex():
    guide, problems = Guide(), Problems()
    calculator.load(guide, problems)
    return guide.annex1
