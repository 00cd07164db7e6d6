"""Facts and wording a reader sees, checked on the built pages of both languages (issue 14).

Each test names a correction made against the Convention's authentic text or a rule of the guide's
terminology, so that a later edit that brings the error back fails here with the page and the words.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from teiaguide.languages import DEFAULT, LANGUAGES
from teiaguide.paths import DATA, DOCS


def built_path(lang: str, source: str) -> str:
    """docs/<lang>/areas/x.md -> areas/x/index.html (ru/... for Russian), as MkDocs writes it."""
    stem = source[:-len(".md")]
    page = "index.html" if stem == "index" else (f"{stem[:-len('/index')]}/index.html" if stem.endswith("/index") else f"{stem}/index.html")
    return page if lang == DEFAULT else f"{lang}/{page}"


# the hand-written pages; the Open questions page is generated from data/open_questions.yml elsewhere
HAND_WRITTEN = sorted(file.relative_to(DOCS / DEFAULT).as_posix() for file in (DOCS / DEFAULT).rglob("*.md")
                      if not file.relative_to(DOCS / DEFAULT).as_posix().startswith("open-questions/"))


@lru_cache(maxsize=None)
def _article(site: Path, path: str) -> BeautifulSoup:
    page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return page.find("article") or page.body


def text(site: Path, path: str) -> str:
    """What a reader reads in the page's main column, whitespace collapsed (the glossary's hover terms are
    elements of their own, so no space is kept before punctuation or inside quotes and brackets)."""
    words = re.sub(r"\s+", " ", _article(site, path).get_text(" "))
    return re.sub(r"([(«]) | (?=[),.;:»])", r"\1", words)


def hand_written(lang: str, home: bool = True) -> list[str]:
    """Built paths of the hand-written pages; home=False leaves out the home page, whose redesign is
    tracked separately (its wording is checked there)."""
    return [built_path(lang, source) for source in HAND_WRITTEN if home or source != "index.md"]


def all_pages(site: Path, lang: str) -> list[str]:
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        first = rel.split("/", 1)[0]
        page_lang = first if first in LANGUAGES and first != DEFAULT else DEFAULT
        if page_lang == lang and not rel.startswith(("pagefind/", "assets/")) and rel != "404.html":
            pages.append(rel)
    return pages


def hits(pattern: str, pages, site: Path, flags=re.I) -> list[str]:
    found = []
    for path in pages:
        for match in re.finditer(pattern, text(site, path), flags):
            found.append(f"{path}: …{match.string[max(0, match.start() - 60):match.end() + 30]}…")
    return found


# --- corrections against the Convention's text ----------------------------------------------------------

def test_russian_pages_use_the_official_term_imminent_threat(site):
    """Arts. 10-11, official Russian text: «неминуемая угроза», never «непосредственная угроза»."""
    assert not hits(r"непосредственн\w*\s+угроз", all_pages(site, "ru"), site)
    for path in ("ru/convention/index.html", "ru/areas/response-mutual-assistance/index.html", "ru/glossary/index.html"):
        assert re.search(r"неминуем\w*\s+угроз", text(site, path)), path


def test_competent_authority_is_never_tied_to_article_1(site):
    """Art. 1(f) defines "Party"; "competent authority" comes from Art. 17."""
    english = hits(r"competent authorit\w*[^.;|]{0,80}?(Art\.|Article)\s*1(?!\d)", all_pages(site, "en"), site)
    russian = hits(r"компетентн\w+ орган\w*[^.;|]{0,80}?(ст\.|статья|стать\w+)\s*1(?!\d)", all_pages(site, "ru"), site)
    assert not english + russian
    for lang, prefix, party in (("en", "", "Party"), ("ru", "ru/", "Сторона")):
        page = BeautifulSoup((site / f"{prefix}convention/index.html").read_text(encoding="utf-8"), "html.parser")
        rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in page.select("table tr")]
        [row_1f] = [row for row in rows if row and row[-1].endswith("1(f)")]
        assert row_1f[0] == party, (lang, row_1f)
        glossary = BeautifulSoup((site / f"{prefix}glossary/index.html").read_text(encoding="utf-8"), "html.parser")
        entry = glossary.find(id="competent-authority")
        following = " ".join(tag.get_text(" ") for tag in entry.find_next_siblings(limit=4))
        assert "17" in following and "1(f)" not in following, (lang, following)


def test_scope_shows_the_exceptions_to_the_exclusions(site):
    """Art. 2(2)(c)-(d): dam-failure effects of industrial accidents and emergency response stay inside."""
    english = text(site, "convention/index.html")
    assert "effects of industrial accidents caused by such failures" in english
    assert "emergency response to such accidents and transport on the site" in english
    russian = text(site, "ru/convention/index.html")
    assert "воздействия промышленных аварий, вызванных такими прорывами" in russian
    assert "ликвидации их последствий и перевозок на территории объекта" in russian


def test_contingency_plans_are_activated_by_the_accident_not_by_the_notification(site):
    """Art. 10(3) ties activation to the accident or its imminent threat."""
    wrong = hits(r"signal for activating|ties the notification of an accident to the activation"
                 r"|сигналом к введению|связывает уведомление об аварии с введением", hand_written("en") + hand_written("ru"), site)
    assert not wrong
    for prefix in ("", "ru/"):
        for chapter in ("preparedness", "response-mutual-assistance"):
            assert "10(3)" in text(site, f"{prefix}areas/{chapter}/index.html"), (prefix, chapter)


def test_annex_iv_speaks_of_the_most_appropriate_technology(site):
    assert not hits(r"best available technolog", all_pages(site, "en"), site)
    assert not hits(r"наилучш\w+ (имеющ|доступн)\w+ технолог", all_pages(site, "ru"), site)
    assert "most appropriate technology" in text(site, "areas/prevention/index.html")
    assert "наиболее подходящей технологии" in text(site, "ru/areas/prevention/index.html")


def test_annex_ii_has_its_official_russian_title(site):
    assert "Процедура комиссии по запросам" in text(site, "ru/convention/index.html")
    assert not hits(r"Процедура работы комиссии", all_pages(site, "ru"), site)


def test_kazakhstan_2002_law_has_its_full_number(site):
    assert "314-II" in text(site, "areas/prevention/index.html")
    assert "314-II" in text(site, "ru/areas/prevention/index.html")


def test_the_six_working_areas_come_from_the_strategic_approach(site):
    for path in ("convention/index.html", "ru/convention/index.html", "about/index.html", "ru/about/index.html"):
        assert "ECE/CP.TEIA/2008/5" in text(site, path), path
    assert not hits(r"Benchmarks[^.]{0,120}(gives|give) this guide its six", hand_written("en"), site)


# --- missing context ---------------------------------------------------------------------------------

def test_overview_has_the_2005_commitment_and_the_strategy_until_2030(site):
    for prefix, cop10 in (("", "CoP-10"), ("ru/", "КС-10")):
        page = text(site, f"{prefix}convention/index.html")
        assert "ECE/CP.TEIA/2018/5" in page and "ECE/CP.TEIA/2005/12" in page, prefix
        soup = BeautifulSoup((site / f"{prefix}convention/index.html").read_text(encoding="utf-8"), "html.parser")
        [row] = [row for row in soup.select("table tr") if row.find("td") and row.find("td").get_text(strip=True) == cop10]
        assert "2018/5" in row.get_text(), row.get_text()
        assert soup.find(id="strategy"), prefix


def test_annexes_vi_and_vii_are_summarised_in_their_chapters(site):
    assert "safety area" in text(site, "areas/prevention/index.html")
    assert "зоны безопасности" in text(site, "ru/areas/prevention/index.html")
    for prefix in ("", "ru/"):
        soup = BeautifulSoup((site / f"{prefix}areas/preparedness/index.html").read_text(encoding="utf-8"), "html.parser")
        headers = [" ".join(th.get_text(" ", strip=True) for th in table.find_all("th")) for table in soup.find_all("table")]
        assert any(("on-site" in h.lower() and "off-site" in h.lower()) or ("Внутренний" in h and "Внешний" in h)
                   for h in headers), headers


def test_the_non_parties_page_exists_in_both_languages_and_is_reachable(site):
    sections = ("legal-position", "voluntary-notification", "basin-arrangements", "ian", "assistance-programme")
    for prefix in ("", "ru/"):
        soup = BeautifulSoup((site / f"{prefix}areas/non-party-neighbours/index.html").read_text(encoding="utf-8"), "html.parser")
        assert all(soup.find(id=section) for section in sections), prefix
        chapter = BeautifulSoup((site / f"{prefix}areas/notification/index.html").read_text(encoding="utf-8"), "html.parser")
        links = [a.get("href", "") for a in chapter.find_all("a")]
        assert any("non-party-neighbours" in href for href in links), prefix
        # in the navigation of another page: the reader finds it without the chapter
        navs = BeautifulSoup((site / f"{prefix}convention/index.html").read_text(encoding="utf-8"), "html.parser").find_all("nav")
        assert any("non-party-neighbours" in a.get("href", "") for nav in navs for a in nav.find_all("a")), prefix


def test_the_worked_example_is_labelled_fictional_and_invents_no_distance_rule(site):
    for prefix, label in (("", "Fictional"), ("ru/", "Вымышлен")):
        soup = BeautifulSoup((site / f"{prefix}areas/notification/index.html").read_text(encoding="utf-8"), "html.parser")
        heading = soup.find(id="worked-example")
        box = heading.find_next_sibling("div", class_="admonition")
        assert box and "example" in box["class"] and label in box.get_text(), prefix
    # no kilometre threshold presented as a Convention rule, anywhere in the chapters
    assert not hits(r"\b\d+\s*km (criterion|rule|threshold)|критери\w+ \d+\s*км", hand_written("en") + hand_written("ru"), site)


# --- readers, not maintainers --------------------------------------------------------------------------

def test_reader_pages_carry_no_project_internal_words(site):
    internal = r"pull request|запрос на слияние|\bdata/|\.yml\b|teia-guide|make (check|serve|words)|задани[еяю]\w*|project brief|\bbrief for this guide"
    assert not hits(internal, hand_written("en", home=False) + hand_written("ru", home=False), site)


def test_no_raw_admonition_syntax_reaches_a_page(site):
    """Practice bodies are sanitised Markdown: a "!!! unverified" in one would show as raw text."""
    assert not hits(r"!!!\s*\w+", all_pages(site, "en") + all_pages(site, "ru"), site, flags=0)


def test_russian_pages_use_one_term_each(site):
    pages = hand_written("ru", home=False) + ["ru/glossary/index.html"]
    wrong = (r"самостоятельн\w+ оценк|надлежащ\w+ практик|викторин|подсказка для чтения|закрывается в шесть"
             r"|Центр\w*[^.]{0,40}принял семинар|дополнительно спрашивает")
    assert not hits(wrong, pages, site)


def test_russian_quiz_uses_cyrillic_country_letters():
    questions = yaml.safe_load((DATA / "quiz.yml").read_text(encoding="utf-8"))["questions"]
    strings = []
    for question in questions:
        strings += [question["question"]["ru"], question["explanation"]["ru"]]
        strings += [option["ru"] for option in question.get("options", [])]
    latin = [s for s in strings if re.search(r"(?<![A-Za-z/(])[AB](?![A-Za-z0-9/)])", s)]
    assert not latin, latin[:3]


# --- open questions ------------------------------------------------------------------------------------

def _questions() -> dict[str, dict]:
    data = yaml.safe_load((DATA / "open_questions.yml").read_text(encoding="utf-8"))["open_questions"]
    return {question["id"]: question for question in data}


def test_open_questions_are_few_and_each_box_points_to_one(site):
    questions = _questions()
    assert len(questions) <= 8
    for lang in LANGUAGES:
        boxes = 0
        for source in HAND_WRITTEN:
            path = built_path(lang, source)
            soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
            for box in soup.select("article div.admonition.unverified"):
                boxes += 1
                targets = {href.split("#", 1)[1] for a in box.find_all("a")
                           if "open-questions/" in (href := a.get("href", "")) and "#" in href}
                assert targets and targets <= set(questions), (path, box.get_text(" ", strip=True)[:80])
                for target in targets:
                    assert source in questions[target]["pages"], (target, source)
        assert boxes <= 10, (lang, boxes)


def test_every_open_question_is_listed_where_it_matters(site):
    for qid, question in _questions().items():
        assert set(question) >= {"id", "title", "known", "would_settle", "pages"}, qid
        for source in question["pages"]:
            for lang in LANGUAGES:
                page = (site / built_path(lang, source)).read_text(encoding="utf-8")
                assert f"open-questions/#{qid}" in page, (qid, lang, source)
