"""The parts of the guide that are loaded from sources and/or generate pages.

Each feature is a module with two functions:

    load(guide, problems)      read and validate its sources into guide.<attribute>; report every
                               problem with file, line and field; never raise for bad input. A loader
                               whose dependency failed to load (attribute is None) skips its cross-checks.
    generate(guide, lang)      yield Generated(path, content) for the pages and data files it adds to
                               docs/<lang>/ in the staged docs directory.

and, optionally:

    chapter_sections(guide, area, lang) -> str   Markdown appended to a working-area chapter.
    page_markdown(guide, page_meta, text, lang) -> str   Markdown appended to every page, given its text
                                                   (the glossary: definitions of the terms the page uses).

The order below is the order of loading: a feature comes after the features it reads.
"""
from __future__ import annotations

from . import (areas, calculator, contributors, countries, downloads, glossary, notification, open_questions, pages,
               practices, quiz, self_assessment, sources, status, terminology, ui)

FEATURES = [
    ui,
    terminology,
    sources,            # before every feature that cites documents (pages' based_on, countries, practices)
    areas,
    pages,
    open_questions,     # after pages: checks the pages each question links back to
    quiz,               # after areas and pages: checks question areas and links
    glossary,
    notification,
    calculator,
    countries,
    practices,          # after countries and areas: checks each practice's country and areas
    self_assessment,    # after areas, pages and countries: checks statements, chapter links, countries
    downloads,
    contributors,
    status,             # last: lists the sources of every other feature, with dates from git
]
