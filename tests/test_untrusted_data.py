"""`check` is the build's own validation: whatever the build needs from data/ is reported by `check` as a
problem of its file (file:line, English and Russian), never as a traceback of the build, and a build that
meets it leaves site/ as it was."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from teiaguide.features import quiz, ui
from teiaguide.guide import Guide
from teiaguide.stage import check_guide
from teiaguide.paths import ROOT
from teiaguide.problems import Problems, SourceError

UI_TEXT = ui.SOURCE.read_text(encoding="utf-8")


def without(*keys: str) -> str:
    """data/ui.yml without the lines of `keys` (every key of ui.yml is one line: `key: {en: ..., ru: ...}`)."""
    lines = [line for line in UI_TEXT.splitlines(keepends=True) if line.split(":", 1)[0] not in keys]
    assert len(lines) == len(UI_TEXT.splitlines()) - len(keys), keys
    return "".join(lines)


@pytest.fixture(scope="module")
def keys_the_pages_ask_for() -> set[str]:
    """Every key asked for while `check` generates the pages of every language."""
    asked: set[str] = set()
    strings_get, ui_get = ui._Strings.__getitem__, ui.UiStrings.get

    def record_item(self, key):
        asked.add(key)
        return strings_get(self, key)

    def record_get(self, key, lang):
        asked.add(key)
        return ui_get(self, key, lang)

    ui._Strings.__getitem__, ui.UiStrings.get = record_item, record_get
    try:
        check_guide()
    finally:
        ui._Strings.__getitem__, ui.UiStrings.get = strings_get, ui_get
    return asked


def test_every_key_named_in_code_templates_or_theme_is_checked_when_ui_yml_loads(tmp_path, monkeypatch):
    """All of them missing at once: each is reported, on a line, in both languages; one missing alone is
    its file's only problem (a few keys from the code, the generator's templates and the theme)."""
    source = tmp_path / "ui.yml"
    monkeypatch.setattr(ui, "SOURCE", source)
    keys = sorted(ui.references())
    assert len(keys) > 100

    def problems_without(*missing: str) -> list:
        source.write_text(without(*missing), encoding="utf-8")
        problems = Problems()
        ui.load(Guide(), problems)
        return problems.items

    found = problems_without(*keys)
    assert sorted(p.field for p in found) == keys
    assert all(p.path == source and p.line and "interface string" in p.en and "строка интерфейса" in p.ru
               for p in found)
    samples = {ui.references()[key].rsplit("/", 1)[0]: key for key in keys}    # one per folder of a source
    for key in samples.values():
        assert [(p.path, p.field) for p in problems_without(key)] == [(source, key)], key


def test_keys_composed_at_run_time_are_reported_by_check(keys_the_pages_ask_for, tmp_path, monkeypatch):
    """A representative set: one key of each prefix that only the generator composes ("gp_status_" + status...)."""
    composed = sorted(keys_the_pages_ask_for - set(ui.references()))
    by_prefix = {}
    for key in composed:
        by_prefix.setdefault(key.split("_")[0] + "_" + key.split("_")[1], key)
    assert len(by_prefix) >= 4, composed
    source = tmp_path / "ui.yml"
    monkeypatch.setattr(ui, "SOURCE", source)
    for key in by_prefix.values():
        source.write_text(without(key), encoding="utf-8")
        with pytest.raises(SourceError) as raised:
            check_guide()
        problems = raised.value.problems.items
        assert [(p.path.name, p.field) for p in problems] == [("ui.yml", key)], (key, raised.value)
        assert problems[0].line


def test_an_empty_quiz_is_a_problem(tmp_path):
    source = tmp_path / "quiz.yml"
    source.write_text("# no questions yet\nquestions: []\n", encoding="utf-8")
    problems = Problems()
    quiz.load(Guide(), problems, source)
    assert [(p.line, p.field) for p in problems.items] == [(2, "questions")]
    assert "at least one question" in problems.items[0].en and "хотя бы один вопрос" in problems.items[0].ru


def _copy_of_the_repository(target: Path) -> Path:
    for name in ("teiaguide", "data", "docs", "good_practices", "self_assessments", "examples", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@pytest.mark.parametrize("kind", ["named", "composed"])
def test_build_without_a_key_reports_the_file_and_leaves_the_site(kind, keys_the_pages_ask_for, tmp_path):
    key = sorted(ui.references())[0] if kind == "named" else sorted(keys_the_pages_ask_for - set(ui.references()))[0]
    repo = _copy_of_the_repository(tmp_path / "repo")
    (repo / "data" / "ui.yml").write_text(without(key), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(repo), NO_MKDOCS_2_WARNING="1")
    env.pop("TEIA_PRACTICES_DIR", None)
    for command in (["check"], ["build", "--html-only", "--site", str(site), "--work", str(tmp_path / "work")]):
        result = subprocess.run([sys.executable, "-m", "teiaguide", *command], cwd=repo, env=env,
                                capture_output=True, text=True, timeout=600)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"data/ui.yml:" in output and f": {key}: interface string '{key}' is missing" in output, output
        assert "Traceback" not in output and "KeyError" not in output, output
    assert sorted(path.name for path in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"


HOSTILE = ' <img src=x onerror=alert(1)> " autofocus onfocus="alert(2)'


def test_hostile_interface_strings_stay_text_in_every_page(tmp_path):
    """Every interface string of data/ui.yml carries markup and an attribute break-out; the built site has
    no element or attribute from them (the theme's templates do not autoescape: hooks hands them escaped)."""
    from bs4 import BeautifulSoup
    from teiaguide.yamlsource import load_yaml_file

    repo = _copy_of_the_repository(tmp_path / "repo")
    tree = load_yaml_file(ui.SOURCE, Problems())
    keep = {"quiz_letters"}                        # a list of answer letters, not text shown as such
    lines = []
    for key, text in tree.items():
        values = {lang: value if key in keep else value + HOSTILE for lang, value in text.items()}
        lines.append(f"{key}: {{{', '.join(f'{lang}: {json_string(value)}' for lang, value in values.items())}}}\n")
    (repo / "data" / "ui.yml").write_text("".join(lines), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(repo), NO_MKDOCS_2_WARNING="1")
    env.pop("TEIA_PRACTICES_DIR", None)
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "teiaguide", "build", "--html-only", "--site", str(site),
                             "--work", str(tmp_path / "work")], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    shown = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers and not (element.name == "img" and element.get("src") == "x"), (page, element)
        shown += soup.get_text().count("<img src=x onerror=alert(1)>")
    assert shown > 100, "the hostile strings should be shown as text"


def json_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def test_a_glossary_term_that_pages_link_to_cannot_be_removed(tmp_path, monkeypatch):
    """Cross-reference from data to the pages: removing a term leaves no dead link behind unnoticed."""
    from teiaguide.features import glossary, pages

    text = glossary.SOURCE.read_text(encoding="utf-8")
    start = text.index("  - id: hazardous-activity\n")
    end = text.index("  - id: ", start + 1)
    source = tmp_path / "glossary.yml"
    source.write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.setattr(glossary, "SOURCE", source)
    guide, problems = Guide(), Problems()
    pages.load(guide, problems)
    glossary.load(guide, problems)
    linking = [(p.path.relative_to(ROOT).as_posix(), p.line) for p in problems.items]
    page = ROOT / "docs" / "en" / "convention.md"
    line = page.read_text(encoding="utf-8")[: page.read_text(encoding="utf-8").index("#hazardous-activity")].count("\n") + 1
    assert ("docs/en/convention.md", line) in linking, problems.report()
    assert all("hazardous-activity" in p.en and "hazardous-activity" in p.ru for p in problems.items)
