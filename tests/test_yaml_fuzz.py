"""Hostile YAML never crashes a loader: whatever the text, the loaders of data files, front matter and
notifications either return a value or report problems (file:line, English and Russian). Hypothesis
writes a few thousand texts from YAML's own building blocks (indentation, flow collections, complex
keys, anchors, aliases, tags, BOMs, control and invalid bytes)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from teiaguide import notify, yamlsource
from teiaguide.practice_validation import read_practices
from teiaguide.problems import Problem, Problems
from teiaguide.paths import BUILD
from teiaguide.yamlsource import MAX_DEPTH, load_yaml_file, parse_yaml, read_front_matter

set_hypothesis_home_dir(str(BUILD / "cache" / "hypothesis"))     # scratch stays under build/ (git-ignored)

# About 3,000 cases in all (with the data loaders below), each test a few seconds of CPU.
MANY = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SOME = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), database=None)
FEW = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)

TOKENS = ["a", "b", "id", "title", "1", "-1", "1e999", ".inf", ".nan", "0x1F", "2026-13-40", "2026-01-01", "null",
          "true", "~", ":", ": ", "- ", "? ", "[", "]", "{", "}", ",", "&x ", "*x", "<<: ", "!!binary ", "!!set ",
          "!!python/object:os.system ", "!local ", "! ", "'", '"', "\\", "#", "|", ">-", "\n", "\n  ", "\n    ",
          "\t", "---", "...", "%YAML 1.1", "\ufeff", "\u202e", "\u200b", "\x00", "\x85", "<script>", "é", "я",
          "9" * 60, "[" * 30, "]" * 30]
yaml_texts = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=40).map("".join)


def assert_reported(problems: Problems) -> None:
    for problem in problems.items:
        assert isinstance(problem, Problem)
        assert problem.en and problem.ru and problem.format()


@MANY
@given(text=yaml_texts)
def test_parse_yaml_returns_or_reports(text):
    problems = Problems()
    parse_yaml(text, Path("fuzz.yml"), problems)
    parse_yaml(text, Path("fuzz.yml"), problems, first_line=2, dates_as_text=True)
    assert_reported(problems)


@FEW
@given(data=st.binary(max_size=300) | yaml_texts.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_files_of_any_bytes_are_reported_not_raised(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    file = folder / "x.en.md"
    file.write_bytes(b"---\n" + data + b"\n---\nBody.\n")
    problems = Problems()
    read_front_matter(file, problems, "id, title")
    (folder / "data.yml").write_bytes(data)
    load_yaml_file(folder / "data.yml", problems)
    assert_reported(problems)


@FEW
@given(front=yaml_texts)
def test_practice_front_matter_fuzz(front, tmp_path_factory):
    root = tmp_path_factory.mktemp("practices")
    (root / "KZ").mkdir()
    (root / "KZ" / "fuzz.en.md").write_text(f"---\n{front}\n---\nBody.\n", encoding="utf-8", errors="surrogatepass")
    problems = Problems()
    read_practices(root, problems, ["KZ"], ["prevention"])
    assert_reported(problems)


@pytest.fixture(scope="module")
def definitions():
    return notify.load_definitions().notification


@SOME
@given(text=yaml_texts, field=st.sampled_from(["max_quantity_t", "activity_name", "notified_parties",
                                               "notification_date", "activity_status", "substances", "x"]))
def test_notification_fuzz(text, field, definitions, tmp_path_factory):
    """The fuzzed text as a whole file, and as the value of a field."""
    folder = tmp_path_factory.mktemp("notify")
    problems = Problems()
    for number, body in enumerate((text, f"template: teia-notification\n{field}: {text}\n")):
        path = folder / f"n{number}.yml"
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        notify.read_notification(path, definitions, problems)
    assert_reported(problems)


@pytest.mark.parametrize("text,line,words", [
    ("a: 1\n? [a, b]\n: 2\n", 2, "key"),
    ("a: 1\n? {x: 1}\n: 2\n", 2, "key"),
    ("a: &x [1, 2]\nb: *x\n", 2, "alias"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", 3, "alias"),
    ("a: 1\nb: !!binary aGVsbG8=\n", 2, "tags"),
    ("a: 1\nb: !!set {x, y}\n", 2, "tags"),
    ("a: !!python/object/apply:os.system [echo hi]\n", 1, "tags"),
    ("a: !local x\n", 1, "tags"),
    ("a: 1\nb: 2026-13-40\n", 2, "invalid value"),
    ("a: 1\nb: " + "9" * 5000 + "\n", 2, "invalid number"),
    ("a: 1\nb: x\u202ey\n", 2, "U+202E"),
    ("a: 1\nb: x\u200by\n", 2, "U+200B"),
    ("a: 1\nb: [" + "[" * 200 + "]" * 200 + "]\n", 2, f"{MAX_DEPTH} levels"),
    ("a: 1\nb: " + "[" * 2000 + "]" * 2000 + "\n", 2, "YAML syntax error"),
])
def test_hostile_yaml_is_reported_on_its_line(text, line, words):
    problems = Problems()
    assert parse_yaml(text, Path("data.yml"), problems) is None
    assert len(problems) == 1, problems.report()
    assert problems.items[0].line == line, problems.report()
    assert words.lower() in problems.items[0].en.lower(), problems.items[0].en


def test_block_nesting_too_deep_says_the_limit():
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(60)) + "  " * 60 + "end\n"
    problems = Problems()
    assert parse_yaml(text, Path("data.yml"), problems) is None
    assert f"{MAX_DEPTH} levels" in problems.items[0].en and f"{MAX_DEPTH} уровней" in problems.items[0].ru


def test_bom_is_accepted_and_bad_byte_is_on_its_line(tmp_path):
    file = tmp_path / "x.en.md"
    file.write_bytes(b"\xef\xbb\xbf---\nid: x\ntitle: T\n---\nBody.\n")
    problems = Problems()
    assert read_front_matter(file, problems, "id, title") is not None, problems.report()
    file.write_bytes(b"---\nid: x\ntitle: T\n---\nBody.\n\nA bad byte: \xff here.\n")
    assert read_front_matter(file, problems, "id, title") is None
    assert [(p.line, "UTF-8" in p.en) for p in problems.items] == [(7, True)]


# --- well-formed YAML of the wrong shape, given to every data loader --------------------------------------

scalars = st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats() | st.text(max_size=8) | \
    st.sampled_from(["en", "ru", "id", "title", "questions", "working_areas", "countries", "terms", "sections",
                     "fields", "entries", "2026-01-01", "KZ", "prevention"])
keys = st.sampled_from(["en", "ru", "id", "title", "term", "definition", "questions", "options", "correct", "kind",
                        "area", "working_areas", "countries", "iso2", "name", "terms", "sections", "fields", "type",
                        "entries", "meta", "reviewed", "number", "label"]) | st.text(max_size=5)
trees = st.recursive(scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
                     max_leaves=25)


@pytest.mark.parametrize("feature", ["ui", "areas", "glossary", "notification", "calculator", "countries", "quiz"])
def test_every_data_loader_reports_a_wrongly_shaped_file(feature, tmp_path_factory, monkeypatch):
    import importlib

    import yaml

    from teiaguide.guide import Guide

    module = importlib.import_module(f"teiaguide.features.{feature}")
    source = tmp_path_factory.mktemp(feature) / f"{feature}.yml"
    monkeypatch.setattr(module, "SOURCE", source)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(tree=trees)
    def run(tree):
        source.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
        yamlsource._parsed.clear()           # a rewrite within the same clock tick must not hit the cache
        problems = Problems()
        module.load(Guide(), problems)
        assert_reported(problems)

    run()
