"""The PDFs of the workshop pack, read back as a reader's PDF viewer would: text per page (pdftotext),
document metadata and link targets (pypdf). The expected texts come from the sources (docs/ front
matter, data/quiz.yml, data/ui.yml), not from the exporter."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from teiaguide.guide import load_guide
from teiaguide.features.downloads import ITEMS
from teiaguide.languages import LANGUAGES, others, prefix
from teiaguide.paths import ROOT

FILES = "downloads/files"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def squash(text: str) -> str:
    """Text without any whitespace: line wraps and PDF word spacing do not matter."""
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


@lru_cache(maxsize=None)
def pdf_pages(path: Path, layout: bool = False) -> tuple[str, ...]:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run `make system` (Debian package poppler-utils)")
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return tuple(text.split("\f"))


@lru_cache(maxsize=1)
def guide():
    return load_guide()


def guide_pdf(site: Path, lang: str) -> Path:
    path = site / FILES / f"teia-guide-{lang}.pdf"
    assert path.is_file(), f"{path} was not made by the build"
    return path


def chapter_titles(lang: str) -> list[str]:
    """Titles of the hand-written pages of a language, from their front matter."""
    return [page.meta.title for page in guide().pages[lang].values()]


def toc_entries(path: Path) -> list[tuple[str, int]]:
    """(title, page number) of the table of contents: the lines 'Title ........ 12' before the first chapter."""
    entries = []
    for page in pdf_pages(path, layout=True)[1:6]:
        for line in page.splitlines():
            match = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", line)
            if match:
                entries.append((match.group(1).strip(" ."), int(match.group(2))))
    return entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_has_every_chapter_title_of_its_language(site, lang):
    text = squash("".join(pdf_pages(guide_pdf(site, lang))))
    missing = [title for title in chapter_titles(lang) if squash(title) not in text]
    assert not missing, f"chapters missing from the {lang} PDF: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_has_no_page_of_the_other_language(site, lang):
    text = squash("".join(pdf_pages(guide_pdf(site, lang))))
    own = {squash(title) for title in chapter_titles(lang)}
    foreign = [title for code in others(lang) for title in chapter_titles(code)
               if squash(title) not in own and squash(title) in text]
    assert not foreign, f"the {lang} PDF contains pages of another language: {foreign}"
    if lang == "en":
        # English pages may quote a Russian term, but no page is mostly Cyrillic
        russian_pages = [number + 1 for number, page in enumerate(pdf_pages(guide_pdf(site, lang)))
                         if len(CYRILLIC.findall(page)) > 0.3 * max(1, len(re.findall(r"\w", page)))]
        assert not russian_pages, f"pages of the English PDF written mostly in Cyrillic: {russian_pages}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_of_contents_points_at_the_right_pages(site, lang):
    path = guide_pdf(site, lang)
    pages = pdf_pages(path)
    entries = toc_entries(path)
    titles = {squash(title) for title in chapter_titles(lang)}
    chapters = [(title, number) for title, number in entries if squash(title) in titles]
    assert len(chapters) >= len(titles) - 1, f"few chapters found in the table of contents: {entries[:10]}"
    checked = chapters + entries[1:len(entries):7]          # every chapter and a sample of sections
    wrong = [(title, number) for title, number in checked
             if not 0 < number <= len(pages) or squash(title) not in squash(pages[number - 1])]
    assert not wrong, f"table of contents entries whose page does not show the heading: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_list_chapters_and_sections_but_not_the_glossary_terms(site, lang):
    path = guide_pdf(site, lang)
    entries = {squash(title) for title, _ in toc_entries(path)}
    glossary = BeautifulSoup((site / prefix(lang) / "glossary" / "index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one("article")
    assert squash(glossary.h1.get_text().strip("¶")) in entries, "the glossary itself is listed"
    chapters = {squash(title) for title in chapter_titles(lang)}        # some terms name a chapter too
    terms = [squash(h2.get_text().strip("¶")) for h2 in glossary.find_all("h2")]
    assert len(terms) > 20
    terms = [term for term in terms if term not in chapters]
    listed = [term for term in terms if term in entries]
    assert not listed, f"glossary terms in the table of contents: {listed}"
    contents_pages = [number for number, page in enumerate(pdf_pages(path)[:8], start=1)
                      if guide().t("pdf_contents", lang) in page]
    # chapters and their sections only: four pages at most for today's nine chapters and appendices
    assert 1 <= len(contents_pages) <= 4, f"the table of contents takes pages {contents_pages}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_prints_no_text_meant_for_the_screen(site, lang):
    """The calculator's "needs JavaScript" notice and the "Page of this practice" links are on the site
    (class teia-screen-only) but not in the PDF."""
    text = squash("".join(pdf_pages(guide_pdf(site, lang))))
    for key, page, selector in (("calc_nojs", "calculator", ".teia-calc-nojs"),
                                ("gp_permalink", "areas/identification", ".teia-practice__link")):
        on_screen = BeautifulSoup((site / prefix(lang) / page / "index.html").read_text(encoding="utf-8"),
                                  "html.parser").select(selector)
        assert on_screen and all("teia-screen-only" in element["class"] for element in on_screen), (page, selector)
        assert squash(guide().t(key, lang)) in squash(on_screen[0].get_text())
        assert squash(guide().t(key, lang)) not in text, f"the {lang} PDF prints {guide().t(key, lang)!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_jump_inside_the_document(site, lang):
    reader = PdfReader(str(guide_pdf(site, lang)))
    jumps, leftovers = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None:
                continue
            action = action.get_object()
            if action.get("/S") == "/GoTo":
                jumps += 1
                target = action["/D"][0]
                assert reader.get_page_number(target) is not None
            elif str(action.get("/URI", "")).startswith("teia:"):
                leftovers.append(str(action["/URI"]))
    assert not leftovers, f"internal links not resolved: {leftovers[:5]}"
    assert jumps > 20, "the table of contents and cross-references should be in-document links"


def test_table_of_contents_link_goes_to_its_chapter(site):
    path = guide_pdf(site, "en")
    reader = PdfReader(str(path))
    pages = pdf_pages(path)
    title, number = next((t, n) for t, n in toc_entries(path) if squash(t) in {squash(x) for x in chapter_titles("en")})
    targets = []
    for annotation in reader.pages[1].get("/Annots") or []:
        action = annotation.get_object().get("/A")
        if action is not None and action.get_object().get("/S") == "/GoTo":
            targets.append(reader.get_page_number(action.get_object()["/D"][0]) + 1)
    assert number in targets
    assert squash(title) in squash(pages[number - 1])


def test_russian_text_is_real_text_in_the_site_font(site):
    path = guide_pdf(site, "ru")
    text = " ".join(" ".join(pdf_pages(path)).split())
    for words in ("Конвенция", "опасн", "трансграничн", "промышленн", "Содержание", "Страница"):
        assert words in text, f"'{words}' not extractable from the Russian PDF"
    assert "\ufffd" not in text and len(CYRILLIC.findall(text)) > 5000
    fonts = set()
    for page in PdfReader(str(path)).pages[:10]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("PT-Sans" in font for font in fonts), fonts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata(site, lang):
    reader = PdfReader(str(guide_pdf(site, lang)))
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title == guide().t("site_name", lang)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    author = re.search(r'^site_author:\s*"?([^"\n]+)"?', mkdocs_yml, re.M).group(1)
    assert reader.metadata.author == author


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cover_and_running_headers(site, lang):
    pages = pdf_pages(guide_pdf(site, lang))
    cover = " ".join(pages[0].split())
    assert guide().t("pdf_language", lang) in cover and guide().t("pdf_version", lang) in cover
    assert re.search(r"\d\.\d+\.\d+", cover), "version from pyproject.toml on the cover"
    page_of = guide().t("pdf_page_of", lang).format(page=5, pages=len(pages) - (pages[-1].strip() == ""))
    assert page_of in " ".join(pages[4].split())


def quiz():
    return yaml.safe_load((ROOT / "data" / "quiz.yml").read_text(encoding="utf-8"))["questions"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_has_every_question_and_no_answer(site, lang):
    path = site / FILES / f"quiz-handout-{lang}.pdf"
    assert path.is_file()
    text = squash("".join(pdf_pages(path)))
    missing = [question["id"] for question in quiz() if squash(question["question"][lang]) not in text]
    assert not missing, f"questions missing from the handout: {missing}"
    for question in quiz():
        explanation = squash(question["explanation"][lang])[:80]
        assert explanation not in text, f"the handout gives away the answer to {question['id']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_leaves_out_what_is_for_the_screen(site, lang):
    """The features' print rules apply to the PDFs of both languages: quiz.css hides the handout's links to
    the online quiz. (The Russian pages load the stylesheets from the site root, ../assets/.)"""
    page = BeautifulSoup((site / prefix(lang) / "quiz" / "handout" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = page.select_one(".teia-quiz-handout__links")
    assert links is not None and links.get_text(strip=True), "the handout page has no links to the online quiz"
    text = squash("".join(pdf_pages(site / FILES / f"quiz-handout-{lang}.pdf")))
    assert squash(links.get_text()) not in text, f"the {lang} handout PDF shows the on-screen links"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_prints_each_option_on_its_own_line_after_its_box(site, lang):
    lines = [" ".join(line.split()) for page in pdf_pages(site / FILES / f"quiz-handout-{lang}.pdf", layout=True)
             for line in page.splitlines()]
    boxed = [squash(line) for line in lines if line.startswith("☐")]
    options = [option[lang] for question in quiz() for option in question["options"]]
    assert len(boxed) == len(options), "one line with a box per option"
    for line, option in zip(boxed, options):
        # "☐ B. text of the option" (a long option wraps onto the next lines)
        assert squash(option)[:25] in line, (line, option)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answer_key_has_every_answer(site, lang):
    path = site / FILES / f"quiz-answer-key-{lang}.pdf"
    assert path.is_file()
    text = squash("".join(pdf_pages(path)))
    for question in quiz():
        for option in question.get("options", []):
            if option.get("correct"):
                assert squash(option[lang]) in text, f"correct answer of {question['id']} missing"
        assert squash(question["explanation"][lang])[:80] in text, f"explanation of {question['id']} missing"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blank_form_and_pack(site, lang):
    form = site / FILES / f"notification-form-{lang}.pdf"
    assert form.is_file() and len(pdf_pages(form)[0].strip()) > 100
    with zipfile.ZipFile(site / FILES / f"workshop-pack-{lang}.zip") as bundle:
        names = {Path(name).name for name in bundle.namelist()}
    assert {f"teia-guide-{lang}.pdf", f"quiz-handout-{lang}.pdf", f"quiz-answer-key-{lang}.pdf",
            f"notification-form-{lang}.pdf"} <= names


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_lists_files_with_size_and_date(site, lang):
    page = site / prefix(lang) / "downloads" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("[data-teia-downloads] tbody tr")
    assert len(rows) == len(ITEMS) + 2          # every item of the pack, the ZIP of them, the offline bundle
    for row in rows:
        link = row.find("a")["href"]
        assert (page.parent / link).resolve().is_file(), link
        assert f"-{lang}." in link or link.endswith("/teia-guide-offline.zip")   # the bundle: every language
        size, date = row.find_all("td")[1:3]
        assert re.match(r"^\d+([.,]\d)? (KB|MB|КБ|МБ)$", size.get_text(strip=True))
        assert re.match(r"^\d{4}-\d\d-\d\d$", date.find("time")["datetime"])
