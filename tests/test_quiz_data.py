"""Validation of data/quiz.yml: every bad input gives file:line, the field, and a message in English and
Russian, and stops the build. The loader runs on temporary files; nothing is built."""
from __future__ import annotations

import textwrap

import pytest

from teiaguide.features import areas, pages, quiz, ui
from teiaguide.guide import Guide, load_guide
from teiaguide.problems import Problems, SourceError

# One valid question; the line numbers in the comments are the lines of the file written by `write`.
VALID = textwrap.dedent("""\
    questions:
      - id: q-one
        area: identification
        basis: "Art. 4(1)"
        fact: 1
        kind: single
        question:
          en: "Which activity is hazardous?"
          ru: "Какая деятельность является опасной?"
        options:
          - {id: a, en: "One above the thresholds", ru: "Превышающая предельные количества", correct: true}
          - {id: b, en: "Any activity", ru: "Любая деятельность"}
        explanation:
          en: "Because of Annex I."
          ru: "Из-за приложения I."
        link: "areas/identification.md#requires"
    """)
# line 2: "- id: q-one", 3: area, 6: kind, 7: question, 8: en, 9: ru, 10: options, 11-12: options, 16: link


@pytest.fixture(scope="module")
def base_guide() -> Guide:
    """The guide without the quiz: UI strings, working areas and hand-written pages, as the build loads them."""
    guide = Guide()
    problems = Problems()
    for feature in (ui, areas, pages):
        feature.load(guide, problems)
    assert not problems, problems.report()
    return guide


def run(text: str, base_guide: Guide, tmp_path) -> tuple[Guide, list]:
    source = tmp_path / "quiz.yml"
    source.write_text(text, encoding="utf-8")
    guide = Guide(ui=base_guide.ui, areas=base_guide.areas, pages=base_guide.pages)
    problems = Problems()
    quiz.load(guide, problems, source)
    return guide, sorted(problems.items, key=lambda p: (p.line or 0, p.field))


def second_question(**changes: str) -> str:
    """VALID plus a second question (starting at line 17), with lines of it replaced."""
    lines = VALID.splitlines(keepends=True)[1:]
    text = "".join(lines).replace("q-one", "q-two")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    return VALID + text


def only(problems: list):
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_the_real_quiz_is_valid_and_has_at_least_30_questions():
    guide = load_guide()
    assert len(guide.quiz.questions) >= 30
    assert {q.kind for q in guide.quiz.questions} == {"single", "multiple"}


def test_a_valid_file_loads(base_guide, tmp_path):
    guide, problems = run(VALID, base_guide, tmp_path)
    assert problems == []
    [question] = guide.quiz.questions
    assert question.correct[0].id == "a"
    assert question.question("ru") == "Какая деятельность является опасной?"


def test_missing_russian_question(base_guide, tmp_path):
    text = VALID.replace('      ru: "Какая деятельность является опасной?"\n', "")
    guide, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (7, "questions[0].question.ru")
    assert problem.en == "Field required"
    assert problem.ru == "обязательное поле отсутствует"
    assert problem.format().startswith(f"{tmp_path / 'quiz.yml'}:7: questions[0].question.ru: ")
    assert guide.quiz is None


def test_empty_english_option(base_guide, tmp_path):
    text = VALID.replace('en: "Any activity"', 'en: ""')
    _, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (12, "questions[0].options[1].en")
    assert problem.ru == "поле не должно быть пустым"


def test_missing_russian_explanation(base_guide, tmp_path):
    text = VALID.replace('      ru: "Из-за приложения I."\n', "")
    _, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (13, "questions[0].explanation.ru")


def test_fewer_than_two_options(base_guide, tmp_path):
    text = VALID.replace('      - {id: b, en: "Any activity", ru: "Любая деятельность"}\n', "")
    _, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (10, "questions[0].options")
    assert "at least two options" in problem.en and "q-one" in problem.en
    assert "не менее двух вариантов" in problem.ru


def test_no_correct_option(base_guide, tmp_path):
    text = VALID.replace(", correct: true}", "}")
    _, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (10, "questions[0].options")
    assert "no option is marked 'correct: true'" in problem.en
    assert "ни один вариант не отмечен" in problem.ru


def test_multiple_choice_needs_a_correct_option_too(base_guide, tmp_path):
    text = VALID.replace(", correct: true}", "}").replace("kind: single", "kind: multiple")
    _, problems = run(text, base_guide, tmp_path)
    assert only(problems).line == 10


def test_single_choice_with_two_correct_options(base_guide, tmp_path):
    text = VALID.replace('ru: "Любая деятельность"}', 'ru: "Любая деятельность", correct: true}')
    _, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (6, "questions[0].kind")
    assert "exactly one correct option, found 2" in problem.en
    assert "ровно один верный вариант, найдено: 2" in problem.ru


def test_multiple_choice_with_two_correct_options_is_fine(base_guide, tmp_path):
    text = (VALID.replace('ru: "Любая деятельность"}', 'ru: "Любая деятельность", correct: true}')
            .replace("kind: single", "kind: multiple"))
    guide, problems = run(text, base_guide, tmp_path)
    assert problems == [] and len(guide.quiz.questions[0].correct) == 2


def test_unknown_kind(base_guide, tmp_path):
    _, problems = run(VALID.replace("kind: single", "kind: several"), base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (6, "questions[0].kind")
    assert problem.ru.startswith("недопустимое значение")


def test_duplicate_question_id(base_guide, tmp_path):
    text = second_question(**{"- id: q-two": "- id: q-one"})
    guide, problems = run(text, base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (17, "questions[1].id")
    assert problem.en == "duplicate question id 'q-one' (first used at line 2)"
    assert problem.ru == "повторяющийся идентификатор вопроса 'q-one' (впервые: строка 2)"
    assert guide.quiz is None


def test_duplicate_option_id(base_guide, tmp_path):
    _, problems = run(VALID.replace("{id: b,", "{id: a,"), base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (12, "questions[0].options[1].id")
    assert "duplicate option id 'a'" in problem.en and "повторяющийся идентификатор варианта 'a'" in problem.ru


def test_unknown_area(base_guide, tmp_path):
    _, problems = run(VALID.replace("area: identification", "area: identifcation"), base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (3, "questions[0].area")
    assert "unknown working area 'identifcation'" in problem.en and "general" in problem.en
    assert "неизвестная рабочая область 'identifcation'" in problem.ru


def test_general_area_is_known(base_guide, tmp_path):
    _, problems = run(VALID.replace("area: identification", "area: general"), base_guide, tmp_path)
    assert problems == []


def test_link_to_a_missing_page(base_guide, tmp_path):
    _, problems = run(VALID.replace("areas/identification.md#", "areas/identify.md#"), base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (16, "questions[0].link")
    assert "the page 'areas/identify.md' does not exist" in problem.en
    assert "страница 'areas/identify.md' отсутствует" in problem.ru


def test_link_to_a_missing_heading(base_guide, tmp_path):
    _, problems = run(VALID.replace("#requires", "#require"), base_guide, tmp_path)
    lines = {(p.line, p.field) for p in problems}
    assert lines == {(16, "questions[0].link")}
    assert {p.en.split("'")[3] for p in problems} == {"en/areas/identification.md", "ru/areas/identification.md"}
    assert all("нет заголовка с идентификатором '#require'" in p.ru for p in problems)


def test_link_must_name_a_page_and_an_anchor(base_guide, tmp_path):
    _, problems = run(VALID.replace("areas/identification.md#requires", "areas/identification.md"),
                      base_guide, tmp_path)
    problem = only(problems)
    assert (problem.line, problem.field) == (16, "questions[0].link")
    assert problem.ru.startswith("значение не соответствует формату")


def test_misspelt_field(base_guide, tmp_path):
    _, problems = run(VALID.replace("    explanation:", "    explantion:"), base_guide, tmp_path)
    fields = {(p.line, p.field): p.ru for p in problems}
    assert fields[(13, "questions[0].explantion")] == "неизвестное поле (проверьте написание)"
    assert (2, "questions[0].explanation") in fields      # and the real field is reported missing


def test_yaml_syntax_error_has_its_line(base_guide, tmp_path):
    _, problems = run(VALID.replace('en: "Because of Annex I."', 'en: "Because of Annex I.'), base_guide, tmp_path)
    problem = only(problems)
    assert problem.line is not None and 14 <= problem.line <= 17
    assert problem.en.startswith("YAML syntax error") and problem.ru.startswith("ошибка синтаксиса YAML")


def test_every_problem_is_reported_at_once(base_guide, tmp_path):
    text = second_question(**{"area: identification": "area: nowhere", ", correct: true}": "}"})
    _, problems = run(text, base_guide, tmp_path)
    assert {(p.line, p.field) for p in problems} == {(18, "questions[1].area"), (25, "questions[1].options")}


def test_a_bad_quiz_stops_the_build(monkeypatch, tmp_path):
    source = tmp_path / "quiz.yml"
    source.write_text(VALID.replace(", correct: true}", "}"), encoding="utf-8")
    monkeypatch.setattr(quiz, "SOURCE", source)
    with pytest.raises(SourceError) as caught:
        load_guide()
    report = str(caught.value)
    assert "nothing was built" in report and "сборка не выполнена" in report
    assert f"{source}:10: questions[0].options: question 'q-one': no option is marked 'correct: true'" in report
    assert f"{source}:10: questions[0].options: вопрос 'q-one': ни один вариант не отмечен" in report
