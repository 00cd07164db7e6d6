"""Dates and numbers as each language writes them, from the Unicode CLDR data that Babel ships.

One place for what the generator prints in a reader's language (the browser tools follow the same rules
through the browser's Intl API, overrides/assets/javascripts/tools.js): a new language needs its CLDR
locale in languages.LOCALES, not new code.
"""
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date as _cldr_date, format_skeleton
from babel.numbers import format_decimal

from .languages import LOCALES


def format_date(value: dt.date, lang: str) -> str:
    """'2 December 2026', '2 декабря 2026 г.'"""
    return _cldr_date(value, format="long", locale=LOCALES[lang])


def format_partial_date(value: dt.date | str | int, lang: str) -> str:
    """A date known to the day, the month ('2018-09': 'September 2018', 'сентябрь 2018 г.') or the year."""
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, str):
        year, month = value.split("-")
        return format_skeleton("yMMMM", dt.date(int(year), int(month), 1), locale=LOCALES[lang])
    return str(value)


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """'1,250.5', '1 250,5' (the language's own separators); `decimals`: exactly that many digits."""
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def plural_form(count: int, lang: str, forms: tuple[str, ...]) -> str:
    """The CLDR plural category of `count` in the language ('one', 'few', 'many', 'other'...), among
    `forms` (the forms an interface string has): 8 -> 'many' in Russian; a category outside `forms`
    (English 'other') is the last of them."""
    category = Locale.parse(LOCALES[lang]).plural_form(count)
    return category if category in forms else forms[-1]
