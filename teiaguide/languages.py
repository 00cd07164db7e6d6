"""The guide's languages. English is the default (site root); every other language lives under /<code>/."""
from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT = "en"
NAMES = {"en": "English", "ru": "Русский"}
# CLDR locale of each language, for dates and numbers (teiaguide/locale.py): British English writes
# "2 December 2026", as the guide does.
LOCALES = {"en": "en_GB", "ru": "ru"}


def other(lang: str) -> str:
    """The other language of the pair (the guide is bilingual by design)."""
    return next(code for code in LANGUAGES if code != lang)


def prefix(lang: str) -> str:
    """URL prefix of a language's site relative to the site root: '' for the default, 'ru/' otherwise."""
    return "" if lang == DEFAULT else f"{lang}/"
