"""Languages are configuration: a copy of the repository with a third language added as CONTRIBUTING.md
says (an entry in mkdocs.yml, an empty docs/<code>/, no translation in data/ yet) builds the whole site.

The new language, Uzbek (a language Material has a theme partial for), falls back to Russian, not to the
default English: every page exists under /uz/ with the "translation pending" banner linking to the Russian
original, the switcher lists three languages, Pagefind indexes the language, and its guide PDF is made.
One full build (HTML, search, PDFs) in a scratch copy, shared by the tests of this module.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.paths import ROOT

CODE, NAME = "uz", "Oʻzbekcha"
LANGUAGE_ENTRY = f"""        - locale: {CODE}
          name: {NAME}
          build: true
"""
LANGUAGE_SETTING = f"    {CODE}: {{fallback: ru}}\n"


def _add_language(config: str) -> str:
    """mkdocs.yml with the third language: at the end of static-i18n's list, and in extra.languages."""
    listed_until = config.index("\nhooks:")
    config = config[:listed_until].rstrip("\n") + "\n" + LANGUAGE_ENTRY + config[listed_until:]
    settings = re.search(r"^extra:\n(?:.*\n)*?  languages:\n((?:    .*\n)+)", config, re.M)
    return config[:settings.end(1)] + LANGUAGE_SETTING + config[settings.end(1):]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    for name in ("teiaguide", "data", "docs", "good_practices", "self_assessments", "examples", "overrides"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    for name in ("pyproject.toml", "CONTRIBUTING.md", "CONTRIBUTING.ru.md"):
        shutil.copy(ROOT / name, repo / name)
    (repo / "mkdocs.yml").write_text(_add_language((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    (repo / "docs" / CODE).mkdir()                     # the new language starts empty
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    env = dict(os.environ, PYTHONPATH=str(repo), NO_MKDOCS_2_WARNING="1")
    env.pop("TEIA_PRACTICES_DIR", None)
    env.pop("TEIA_SELF_ASSESSMENTS_DIR", None)
    site = repo / "site"
    result = subprocess.run([sys.executable, "-m", "teiaguide", "build", "--site", str(site),
                             "--work", str(repo / "build")], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=3600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def default_language_pages(site: Path) -> list[str]:
    """Every page of the default language (at the site root): folders relative to the root, "" for home."""
    others = {"ru", CODE, "assets", "pagefind"}
    return sorted(f"{file.parent.relative_to(site).as_posix()}/".removeprefix("./")
                  for file in site.rglob("index.html") if file.relative_to(site).parts[0] not in others)


def test_the_switcher_lists_three_languages(site):
    for page in ("index.html", f"{CODE}/index.html", "ru/glossary/index.html"):
        links = soup(site, page).select("a[data-teia-alternate]")
        assert [link["hreflang"] for link in links] == ["en", "ru", CODE], page
        assert NAME in links[2].get_text(), page          # the language's own name


def test_every_page_exists_in_the_new_language_with_the_banner(site):
    pages = default_language_pages(site)
    assert len(pages) > 40
    for path in pages:
        page = soup(site, f"{CODE}/{path}index.html")
        assert page.html["lang"] == CODE, path
        banner = page.select_one(".teia-pending")
        assert banner is not None, f"{CODE}/{path}: no translation-pending banner"
        # the fallback of the new language is Russian (mkdocs.yml), not the default English
        assert banner.find("a", hreflang="ru") is not None, f"{CODE}/{path}: the banner does not link to the Russian page"


def test_the_content_falls_back_to_russian(site):
    glossary = soup(site, f"{CODE}/glossary/index.html")
    assert re.search("[а-яё]{4}", glossary.select_one("article").get_text(), re.I)


def test_search_indexes_the_new_language(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {"en", "ru", CODE} <= set(entry["languages"])
    assert entry["languages"][CODE]["page_count"] > 40


def test_the_pdf_step_makes_the_guide_of_the_new_language(site):
    pdf = site / "downloads" / "files" / f"teia-guide-{CODE}.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert len(text) > 20_000
    # the chapters as the new language's site shows them: in Russian, its fallback
    assert "Идентификация" in text or "идентификац" in text.lower()
    downloads = soup(site, f"{CODE}/downloads/index.html")
    assert downloads.find("a", href=re.compile(rf"teia-guide-{CODE}\.pdf$")) is not None


def test_the_notification_form_offers_the_new_language(site):
    """The fillable form (notification-form.js) takes its languages from its data: the new one is a choice
    and a column side by side (after Russian and English), with every label, from its fallback."""
    fields = json.loads((site / CODE / "notification" / "fields.json").read_text(encoding="utf-8"))
    assert [language["code"] for language in fields["languages"]] == ["ru", "en", CODE]
    assert fields["languages"][2]["name"] == NAME
    assert set(fields["ui"]) == {"en", "ru", CODE}
    for section in fields["sections"]:
        assert section["title"][CODE] == section["title"]["ru"], section["id"]
        for field in section["fields"]:
            assert field["label"][CODE] == field["label"]["ru"], field["id"]
