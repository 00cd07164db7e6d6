"""Good practices: validation (file:line, EN and RU, non-zero exit, nothing written), assembly into the
chapters, practice pages and the filterable index, and the contributor's scaffold command."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide import scaffold
from teiaguide.features import practices as practices_feature
from teiaguide.guide import load_guide
from teiaguide.paths import ROOT
from teiaguide.practice_validation import read_practices
from teiaguide.problems import Problems

AREAS = ["identification", "notification", "prevention", "preparedness", "response-mutual-assistance",
         "public-information-participation"]


def practice(id="kz-test-practice", country="KZ", areas="[identification, prevention]", year="2020",
             title='"A test practice"', organisation='"Ministry of Emergency Situations"', extra="",
             body="Plain text with a [source](https://example.org/doc).\n") -> str:
    """A valid practice file; each argument replaces one line of the front matter (None drops it)."""
    lines = ["---", f"id: {id}", f"country: {country}", f"areas: {areas}", f"title: {title}", f"year: {year}",
             f"organisation: {organisation}", "sources:", '  - "A law: https://example.org/law"', "status: contributed"]
    lines = [line for line in lines if not line.endswith(": None")]
    return "\n".join(lines) + "\n" + extra + "---\n" + body


# name -> (files, (file with the problem, line, field))
BAD_INPUTS = {
    "bad YAML": ({"KZ/x.en.md": practice(title="A: B")}, ("KZ/x.en.md", 5, "")),
    "unknown country": ({"KZ/x.en.md": practice(country="QQ")}, ("KZ/x.en.md", 3, "country")),
    "unknown working area": ({"KZ/x.en.md": practice(areas="[identification, flying]")}, ("KZ/x.en.md", 4, "areas[1]")),
    "missing field": ({"KZ/x.en.md": practice(organisation=None)}, ("KZ/x.en.md", 2, "organisation")),
    "ill-typed year": ({"KZ/x.en.md": practice(year="soon")}, ("KZ/x.en.md", 6, "year")),
    "ill-typed sources": ({"KZ/x.en.md": practice().replace('sources:\n  - "A law: https://example.org/law"',
                                                           'sources: {law: x}')}, ("KZ/x.en.md", 8, "sources")),
    "unknown field": ({"KZ/x.en.md": practice(extra="titel: typo\n")}, ("KZ/x.en.md", 11, "titel")),
    "duplicate id": ({"KZ/a.en.md": practice(), "KZ/b.en.md": practice()}, ("KZ/b.en.md", 2, "id")),
    "versions disagree on year": ({"KZ/x.en.md": practice(), "KZ/x.ru.md": practice(year="2019")}, ("KZ/x.ru.md", 6, "year")),
    "versions disagree on areas": ({"KZ/x.en.md": practice(), "KZ/x.ru.md": practice(areas="[prevention]")},
                                   ("KZ/x.ru.md", 4, "areas")),
    "versions disagree on country": ({"KZ/x.en.md": practice(), "KG/x.ru.md": practice(country="KG")},
                                     ("KG/x.ru.md", 3, "country")),
    "file in the wrong folder": ({"KG/x.en.md": practice()}, ("KG/x.en.md", 3, "country")),
    "folder is not a country": ({"XX/x.en.md": practice()}, ("XX/x.en.md", 1, "")),
    "file not in a country folder": ({"x.en.md": practice()}, ("x.en.md", 1, "")),
    "bad file name": ({"KZ/My practice.en.md": practice()}, ("KZ/My practice.en.md", 1, "")),
    "unknown language suffix": ({"KZ/x.de.md": practice()}, ("KZ/x.de.md", 1, "")),
    "no front matter": ({"KZ/x.en.md": "Just text.\n"}, ("KZ/x.en.md", 1, "")),
    "empty body": ({"KZ/x.en.md": practice(body="")}, ("KZ/x.en.md", 12, "body")),
    "script in the body": ({"KZ/x.en.md": practice(body="Text.\n\n<script>alert(1)</script>\n")}, ("KZ/x.en.md", 14, "body")),
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_cli(*args: str, practices: Path, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, TEIA_PRACTICES_DIR=str(practices), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "teiaguide", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, **kwargs)


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_check_reports_file_line_field_in_both_languages(name, tmp_path):
    files, (where, line, field) = BAD_INPUTS[name]
    root = write_tree(tmp_path / "good_practices", files)
    result = run_cli("check", practices=root)
    assert result.returncode != 0, result.stdout
    location = f"{root / where}:{line}:" + (f" {field}:" if field else "")
    lines = [text for text in result.stderr.splitlines() if text.startswith(location)]
    assert len(lines) == 2, f"{name}: expected '{location}' in English and Russian:\n{result.stderr}"
    assert re.search("[а-яё]", lines[1].lower()), f"{name}: second message is not Russian: {lines[1]}"
    assert "nothing was built" in result.stderr and "сборка не выполнена" in result.stderr


def test_the_real_practices_are_valid():
    problems = Problems()
    found = read_practices(ROOT / "good_practices", problems, ["KZ", "KG", "TJ", "TM", "UZ", "RU", "BY"], AREAS)
    assert not problems, problems.report()
    assert len(found) >= 2


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {path.relative_to(folder).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", ["unknown country", "script in the body", "duplicate id"])
def test_build_with_bad_input_leaves_the_existing_site_as_it_was(name, tmp_path):
    site = tmp_path / "site"
    write_tree(site, {"index.html": "<p>the published site</p>", "ru/index.html": "<p>опубликованный сайт</p>"})
    before = _snapshot(site)
    root = write_tree(tmp_path / "good_practices", BAD_INPUTS[name][0])
    result = run_cli("build", "--site", str(site), "--work", str(tmp_path / "work"), "--html-only", practices=root)
    assert result.returncode != 0
    assert f"{root / BAD_INPUTS[name][1][0]}:{BAD_INPUTS[name][1][1]}:" in result.stderr
    assert _snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good_practices", "site"], "something was written"


# --- assembly from a guide with one untranslated practice (no MkDocs build needed) -------------------

@pytest.fixture
def guide_with_english_only_practice(tmp_path, monkeypatch):
    root = write_tree(tmp_path / "good_practices", {
        "KZ/test-practice.en.md": practice(),
        "KG/other.en.md": practice(id="kg-other", country="KG", areas="[notification]", title='"Other"'),
        "KG/other.ru.md": practice(id="kg-other", country="KG", areas="[notification]", title='"Другая"'),
    })
    monkeypatch.setattr(practices_feature, "SOURCE", root)
    return load_guide()


def test_untranslated_practice_is_listed_with_pending_mark_and_link(guide_with_english_only_practice):
    guide = guide_with_english_only_practice
    section = practices_feature.chapter_sections(guide, "prevention", "ru")
    soup = BeautifulSoup(section.split("\n", 4)[-1], "html.parser")
    card = soup.find(id="practice-kz-test-practice")
    assert card is not None
    assert card.find(class_="teia-practice__title")["lang"] == "en"
    pending = card.find(class_="teia-practice__pending")
    assert "Перевод готовится" in pending.get_text()
    assert pending.a["href"] == "../../../practices/kz-test-practice/" and pending.a["hreflang"] == "en"
    assert "kg-other" not in section                      # notification only, not prevention
    assert section.startswith("## Передовая практика {#good-practices}")


def test_practice_pages_exist_in_both_languages_with_fallback(guide_with_english_only_practice):
    guide = guide_with_english_only_practice
    ru = {item.path: item.content for item in practices_feature.generate(guide, "ru")}
    en = {item.path: item.content for item in practices_feature.generate(guide, "en")}
    for pages in (ru, en):
        assert {"practices/index.md", "practices/kz-test-practice.md", "practices/kg-other.md"} <= set(pages)
    assert "translation_of: en" in ru["practices/kz-test-practice.md"]
    assert "translation_of" not in en["practices/kz-test-practice.md"]
    assert "translation_of" not in ru["practices/kg-other.md"]
    assert 'generated_from: "' in ru["practices/kz-test-practice.md"]
    index = BeautifulSoup(ru["practices/index.md"], "html.parser")
    item = index.find("li", attrs={"data-country": "KZ"})
    assert "Перевод готовится" in item.get_text() and item["data-areas"] == "identification prevention"


# --- the contributor's scaffold ------------------------------------------------------------------------

def test_new_practice_writes_a_valid_file(tmp_path):
    root = tmp_path / "good_practices"
    answers = iter(["ru", "", "kz", "Реестр опасных объектов: опыт 2021 года", "1, 3", "2021",
                    "Министерство по чрезвычайным ситуациям", "Закон: https://example.org/law", ""])
    result = scaffold.ask(lambda *a, **k: next(answers), root, {"KZ": "Kazakhstan", "KG": "Kyrgyzstan"},
                          {area: area for area in AREAS})
    path, problems = scaffold.write(result, root, ["KZ", "KG"], AREAS)
    assert not problems, problems.report()
    assert path == root / "KZ" / "reestr-opasnykh-obektov-opyt-2021-goda.ru.md"
    found = read_practices(root, Problems(), ["KZ", "KG"], AREAS)
    assert found[0].meta.areas == ["identification", "prevention"] and found[0].meta.id.startswith("kz-")
    # the English version of the same practice reuses id, country, areas and year
    answers = iter(["Register of hazardous facilities", "Ministry of Emergency Situations"])
    translation = scaffold.ask(lambda *a, **k: next(answers), root, {}, {}, lang="en", translation_of=found[0].meta.id)
    path, problems = scaffold.write(translation, root, ["KZ", "KG"], AREAS)
    assert not problems, problems.report()
    both = read_practices(root, problems, ["KZ", "KG"], AREAS)
    assert not problems and {p.lang for p in both} == {"en", "ru"}


def test_new_practice_command(tmp_path):
    root = write_tree(tmp_path / "good_practices", {})
    answers = "\n".join(["en", "", "UZ", "Joint exercise with a neighbour", "4", "2022",
                         "Ministry of Emergency Situations", "Report: https://example.org/report", "", ""])
    result = run_cli("new-practice", practices=root, input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    written = root / "UZ" / "joint-exercise-with-a-neighbour.en.md"
    assert written.is_file()
    assert run_cli("check", practices=root).returncode == 0


# --- the built site --------------------------------------------------------------------------------------

def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("area", AREAS)
def test_each_chapter_lists_its_practices(site, area, lang):
    guide = load_guide()
    expected = [p.id for p in guide.practices if area in p.areas]
    prefix = "" if lang == "en" else "ru/"
    page = f"{prefix}areas/{area}/index.html"
    soup = _soup(site, page)
    heading = soup.find(id="good-practices")
    assert heading is not None and heading.name == "h2"
    cards = soup.select("article.teia-practice")
    assert [card["id"].removeprefix("practice-") for card in cards] == expected
    for card, practice in zip(cards, (p for p in guide.practices if area in p.areas)):
        version, pending = practice.version(lang)
        assert card.h3.get_text(strip=True) == version.meta.title
        assert practice.country in card.find(class_="teia-practice__meta").get_text()
        assert str(practice.year) in card.find(class_="teia-practice__meta").get_text()
        assert card.find(class_="teia-practice__sources").find("li")
        assert card.find(class_="teia-practice__body").get_text(strip=True)
        for link in card.find_all("a", href=True):
            href = link["href"]
            if not href.startswith(("http://", "https://", "mailto:")):
                target = (site / page).parent / href.split("#")[0] / "index.html"
                assert target.resolve().is_file(), f"{page}: broken link {href}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_practice_pages_and_index(site, lang):
    guide = load_guide()
    prefix = "" if lang == "en" else "ru/"
    index = _soup(site, f"{prefix}practices/index.html")
    items = index.select("[data-teia-practice-list] li")
    assert len(items) == len(guide.practices)
    assert index.select_one("[data-teia-practice-filter]").has_attr("hidden")    # until the script runs
    for practice in guide.practices:
        page = _soup(site, f"{prefix}practices/{practice.id}/index.html")
        version, _ = practice.version(lang)
        assert page.h1.get_text(strip=True) == version.meta.title
        assert page.select_one(".teia-practice__body").get_text(strip=True)


def test_filter_in_the_browser(server, page):
    guide = load_guide()
    page.goto(server + "practices/")
    items = page.locator("[data-teia-practice-list] li")
    assert items.count() == len(guide.practices)
    assert page.locator("[data-teia-practice-filter]").is_visible()
    page.select_option("#teia-filter-country", "KZ")
    kz = [p for p in guide.practices if p.country == "KZ"]
    assert page.locator("[data-teia-practice-list] li:visible").count() == len(kz)
    assert all(item.get_attribute("data-country") == "KZ"
               for item in page.locator("[data-teia-practice-list] li:visible").all())
    page.select_option("#teia-filter-area", "response-mutual-assistance")
    both = [p for p in kz if "response-mutual-assistance" in p.areas]
    assert page.locator("[data-teia-practice-list] li:visible").count() == len(both)
    assert page.locator(".teia-filter__count").inner_text().startswith(f"{len(both)} of {len(guide.practices)}")
    assert "country=KZ" in page.url
    page.select_option("#teia-filter-country", "")
    page.select_option("#teia-filter-area", "notification")
    shown = page.locator("[data-teia-practice-list] li:visible").count()
    assert shown == len([p for p in guide.practices if "notification" in p.areas])
    # the filter is kept in the address: reloading shows the same selection
    page.reload()
    assert page.locator("#teia-filter-area").input_value() == "notification"
    assert page.locator("[data-teia-practice-list] li:visible").count() == shown
    assert all(url.startswith(server) for url in page.requests), "request to another host"


def test_filter_page_without_javascript_lists_everything(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "ru/practices/")
    assert tab.locator("[data-teia-practice-list] li:visible").count() == len(load_guide().practices)
    assert not tab.locator("[data-teia-practice-filter]").is_visible()
    context.close()
