"""Reading sources: every problem names the file, the line and the field, in English and Russian."""
from __future__ import annotations

from pathlib import Path

from teiaguide.features.pages import PageMeta
from teiaguide.problems import Problems
from teiaguide.yamlsource import parse_yaml, split_front_matter, validate


def problems_of(text: str, model=None) -> list:
    problems = Problems()
    front, _, _ = split_front_matter(text)
    tree = parse_yaml(front, Path("docs/en/x.md"), problems, first_line=2)
    if tree is not None and model is not None:
        validate(model, tree, Path("docs/en/x.md"), problems, first_line=2)
    return problems.items


PAGE = "---\ntitle: T\ndescription: D\nbased_on:\n  - Art. 4\nreviewed: {date}\n{extra}---\n# T\n"


def test_a_valid_page_has_no_problem():
    assert problems_of(PAGE.format(date="2026-11-26", extra=""), PageMeta) == []


def test_impossible_date_is_reported_on_its_line_not_as_a_crash():
    [problem] = problems_of(PAGE.format(date="2026-13-40", extra=""), PageMeta)
    assert problem.line == 6
    assert "YYYY-MM-DD" in problem.en and "ГГГГ-ММ-ДД" in problem.ru


def test_syntax_error_has_its_line():
    [problem] = problems_of("---\ntitle: T\ndescription: a: b\n---\n", PageMeta)
    assert problem.line == 3
    assert "YAML" in problem.en and "YAML" in problem.ru


def test_unknown_key_and_missing_field_are_named():
    found = problems_of(PAGE.format(date="2026-11-26", extra="titel: typo\n").replace("description: D\n", ""), PageMeta)
    by_field = {p.field: p for p in found}
    assert by_field["titel"].line == 6 and "неизвестное поле" in by_field["titel"].ru
    assert "description" in by_field and "обязательное поле" in by_field["description"].ru


def test_report_gives_path_line_field_in_both_languages():
    problems = Problems()
    problems.add(Path("data/quiz.yml"), 12, "questions[0].kind", "unknown kind", "неизвестный вид")
    text = problems.report()
    assert "data/quiz.yml:12: questions[0].kind: unknown kind" in text
    assert "data/quiz.yml:12: questions[0].kind: неизвестный вид" in text
