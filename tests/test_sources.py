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


# --- the registry of cited documents (data/sources.yml) and what readers see of it ----------------------

import re as _re

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import countries as countries_feature, pages as pages_feature
from teiaguide.features import sources as sources_feature
from teiaguide.guide import load_guide
from teiaguide.problems import SourceError

_KEY_CHARS = _re.compile(r"^[a-z0-9_]+$")


@pytest.fixture(scope="module")
def registry():
    return sources_feature.registry(load_guide())


def _broken(tmp_path, path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / path.name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def _report(monkeypatch, module, copy: Path) -> str:
    monkeypatch.setattr(module, "SOURCE", copy)
    with pytest.raises(SourceError) as caught:
        load_guide()
    return str(caught.value)


def test_every_source_has_title_issuer_in_both_languages_and_official_records_are_preferred(registry):
    assert "almaty_2018_conclusions" in registry and "un_unts_36605" in registry
    assert "wikipedia_en" not in registry            # an encyclopaedia is not a source the guide cites
    for key, source in registry.by_key.items():
        assert source.title("en") and source.title("ru") and source.issuer("ru"), key
    assert registry.resolve("ECE/CP.TEIA/2010/6") == "ece_cp_teia_2010_6"


@pytest.mark.parametrize("old,new,field,words", [
    ('url: "https://unece.org/environment/news/strengthening-cooperation-industrial-safety-central-asia"',
     'url: "javascript:alert(1)"', "sources.unece_news_ca_2018.url", "формату"),
    ('title: {en: "Long-term strategy for the Convention until 2030", ru: "Долгосрочная стратегия осуществления Конвенции на период до 2030 года"}',
     'title: {en: "Long-term strategy for the Convention until 2030"}', "sources.ece_cp_teia_2018_5.title.ru", "обязательное поле"),
    ("    date: 2018-09-26\n", "    date: 2018-13\n", "sources.almaty_2018_conclusions.date", ""),
])
def test_bad_registry_entry_is_reported_with_line(tmp_path, monkeypatch, old, new, field, words):
    copy = _broken(tmp_path, sources_feature.SOURCE, old, new)
    report = _report(monkeypatch, sources_feature, copy)
    line = next(n for n, text in enumerate(copy.read_text(encoding="utf-8").splitlines(), 1) if new.strip().split("\n")[0][:40] in text)
    assert _re.search(rf"sources\.yml:{line}: {_re.escape(field)}", report), report
    assert words in report


def test_unknown_key_in_countries_is_a_problem_in_both_languages(tmp_path, monkeypatch):
    copy = _broken(tmp_path, countries_feature.SOURCE, "sources: [zakonpravo_kz_accession]", "sources: [wikipedia_en]")
    report = _report(monkeypatch, countries_feature, copy)
    assert "unknown source 'wikipedia_en'" in report and "неизвестный источник 'wikipedia_en'" in report


def test_based_on_names_a_provision_or_a_known_document(registry):
    problems = Problems()
    meta = PageMeta(title="T", description="D", based_on=["Art. 4(1)", "Annex III", "ECE/CP.TEIA/2", "unece_news_ca_2018",
                                                          "ECE/CP.TEIA/9999/1"], reviewed="2026-11-26")
    pages_feature._check_based_on(meta, None, Path("docs/en/x.md"), registry, problems)
    [problem] = problems.items
    assert problem.field == "based_on[4]" and "ECE/CP.TEIA/9999/1" in problem.en and "data/sources.yml" in problem.ru


def _visible_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*.html") if "pagefind" not in path.parts]


def test_no_source_key_reaches_a_page(site, registry):
    keys = set(registry.by_key) | {"wikipedia_en"}
    pattern = _re.compile(r"(?<![\w/.-])(" + "|".join(sorted(map(_re.escape, keys))) + r")(?![\w.-])")
    found = {}
    for path in _visible_files(site):
        hits = set(pattern.findall(path.read_text(encoding="utf-8")))
        if hits:
            found[path.relative_to(site).as_posix()] = sorted(hits)
    assert not found, f"source keys on built pages: {found}"


def test_no_source_key_reaches_a_pdf(site, registry):
    from tests.test_pdf import guide_pdf, pdf_pages
    keys = set(registry.by_key) | {"wikipedia_en"}
    for lang in ("en", "ru"):
        text = "\n".join(pdf_pages(guide_pdf(site, lang)))
        assert not [key for key in keys if _re.search(rf"\b{key}\b", text)], lang


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_country_footnotes_show_the_document(site, registry, lang):
    prefix = "" if lang == "en" else "ru/"
    soup = BeautifulSoup((site / f"{prefix}countries/kz/index.html").read_text(encoding="utf-8"), "html.parser")
    notes = soup.select(".footnote li")
    assert notes
    texts = [" ".join(note.get_text(" ").split()) for note in notes]
    accession = registry.by_key["zakonpravo_kz_accession"]
    link = soup.select_one(f'.footnote a.teia-cite[href="{accession.url}"]')
    assert link is not None and " ".join(link.get_text().split()) == accession.title(lang)
    assert any(accession.issuer(lang) in text for text in texts)
    almaty = registry.by_key["almaty_2018_conclusions"]
    assert any(almaty.title(lang) in text and ("2018" in text) for text in texts)
    assert not any(_KEY_CHARS.match(text.split(" ")[0]) for text in texts)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_based_on_box_shows_titles_and_links(site, registry, lang):
    prefix = "" if lang == "en" else "ru/"
    soup = BeautifulSoup((site / f"{prefix}areas/identification/index.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one(".teia-sources")
    benchmarks = registry.by_key["ece_cp_teia_2010_6"]
    link = box.select_one(f'a.teia-cite[href="{benchmarks.url}"]')
    assert link is not None and " ".join(link.get_text().split()) == benchmarks.title(lang)
    assert "ECE/CP.TEIA/2010/6" in box.get_text()
