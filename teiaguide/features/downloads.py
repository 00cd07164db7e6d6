"""Downloads page (downloads/index.md): the files of the workshop pack, per language.

The list of files (names and labels) is known before anything is built: it is written here into the
page and, through the site records (teiaguide/site_records.py), given to the pack step that makes the
files (teiaguide/pack.py). Only the sizes exist after the files: the page carries each file's size cell
as a marked empty element (templates/downloads/size.html), which the pack step fills by rendering the
same template with the size. A site built with --html-only keeps the empty cells; the offline bundle,
which holds no PDF, gets a note in place of the table.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from ..generated import Generated
from ..locale import format_date
from ..problems import Problems
from ..render import render
from ..site_records import DownloadFile, edition_date
from .self_assessment import pdf_name, to_site_root

PAGE = "downloads/index.md"
GENERATED_FROM = "teiaguide/pack.py"
FILES_DIR = "downloads/files"           # under the site root, shared by every language
OFFLINE_FILE = "teia-guide-offline.zip"
OFFLINE_ENV = "TEIA_OFFLINE"            # "true" while the offline bundle is staged and built (mkdocs.yml reads it)

# (kind, file name, page of the built site it is printed from: None = the whole guide, UI label key)
ITEMS = (
    ("guide", "teia-guide-{lang}.pdf", None, "downloads_guide"),
    ("handout", "quiz-handout-{lang}.pdf", "quiz/handout/", "downloads_handout"),
    ("answer-key", "quiz-answer-key-{lang}.pdf", "quiz/answer-key/", "downloads_answer_key"),
    ("blank-form", "notification-form-{lang}.pdf", "notification/blank/", "downloads_blank_form"),
    ("sa-questionnaire", "self-assessment-questionnaire-{lang}.pdf", "self-assessment/", "sa_downloads_questionnaire"),
)
ZIP_NAME = "workshop-pack-{lang}.zip"


def load(guide, problems: Problems) -> None:
    """Nothing to read: the page lists files the build makes."""


def files(guide, lang: str) -> list[DownloadFile]:
    """The files of the Downloads page of a language, in the order it lists them: the pages printed as
    PDFs, the self-assessment of every country with a submission (its latest edition), the ZIP of them
    all, and the offline bundle (one file for every language)."""
    listed = [DownloadFile(kind, name.format(lang=lang), guide.t(label, lang), page)
              for kind, name, page, label in ITEMS]
    assessed = guide.extra["self_assessment"].by_country() if "self_assessment" in guide.extra else {}
    label = guide.t("sa_downloads_country", lang)
    listed += [DownloadFile("self-assessment", pdf_name(country.iso2, lang),
                            label.format(country=country.name(lang)))
               for country in guide.countries if country.iso2 in assessed]
    listed.append(DownloadFile("pack", ZIP_NAME.format(lang=lang), guide.t("downloads_pack", lang)))
    listed.append(DownloadFile("offline", OFFLINE_FILE, guide.t("downloads_offline", lang)))
    return listed


def offline_copy() -> bool:
    return os.environ.get(OFFLINE_ENV, "false").lower() == "true"


def generate(guide, lang: str) -> Iterator[Generated]:
    edition = edition_date()            # the files are made from this edition: their date, known already
    yield Generated(PAGE, render("downloads.md.j2", ui=guide.ui.for_lang(lang), generated_from=GENERATED_FROM,
                                 offline=offline_copy(), files=files(guide, lang),
                                 folder=to_site_root(lang, PAGE) + FILES_DIR + "/", edition=edition,
                                 edition_text=format_date(edition, lang)), records=())
