"""Dates and numbers as each language writes them, from the Unicode CLDR data that Babel ships.

One place for what the generator prints in a reader's language (the browser tools have their own, the
same rules through the browser's Intl API): a new language needs its CLDR locale in languages.LOCALES,
not new code.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _cldr_date
from babel.numbers import format_decimal

from .languages import LOCALES


def format_date(value: dt.date, lang: str) -> str:
    """'2 December 2026', '2 декабря 2026 г.'"""
    return _cldr_date(value, format="long", locale=LOCALES[lang])


def format_number(value: float, lang: str) -> str:
    """'1,250.5', '1 250,5' (with the language's own group separator)"""
    return format_decimal(value, locale=LOCALES[lang])
