"""The guide's languages, read from mkdocs.yml: the default one at the site root, every other under /<code>/.

The list is static-i18n's (`plugins: i18n: languages:` — code, name, default). What its schema has no room
for is in `extra: languages:`, by code, each setting optional:

    locale: en_GB        CLDR locale for dates and numbers (teiaguide/locale.py) when it is not the code
    fallback: ru         where a missing translation comes from (default: the default language); the
                         reader gets it with the "translation pending" banner
    complete: true       the data must hold every string in this language: a missing one is an error of
                         its file, not a fallback (the guide's original languages are kept complete)

Adding a language is an entry in both lists and a folder docs/<code>/ (CONTRIBUTING.md, "Adding a language").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .mkdocs_settings import i18n_languages, mkdocs_config
from .paths import MKDOCS_YML


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str
    fallback: str | None      # None for the default language
    complete: bool


def read_languages(config_file: Path = MKDOCS_YML) -> tuple[Language, ...]:
    """The languages of a MkDocs configuration, the default first. A mistake in them stops the program with
    a message naming the file: nothing can be built without them."""
    config = mkdocs_config(config_file)
    listed = i18n_languages(config)
    settings = (config.get("extra") or {}).get("languages") or {}
    defaults = [entry["locale"] for entry in listed if entry.get("default")]
    codes = [entry["locale"] for entry in listed]
    if len(defaults) != 1 or len(set(codes)) != len(codes):
        raise SystemExit(f"{config_file}: plugins: i18n: languages must list each language once, exactly one of "
                         f"them with 'default: true' / каждый язык указывается один раз, ровно один — 'default: true'")
    default = defaults[0]
    unknown = set(settings) - set(codes)
    if unknown:
        raise SystemExit(f"{config_file}: extra: languages: {', '.join(sorted(unknown))} is not in plugins: i18n: "
                         f"languages / языка нет в списке plugins: i18n: languages")
    languages = []
    for entry in listed:
        code, own = entry["locale"], settings.get(entry["locale"]) or {}
        languages.append(Language(code=code, name=entry["name"], locale=own.get("locale", code),
                                  fallback=None if code == default else own.get("fallback", default),
                                  complete=code == default or bool(own.get("complete"))))
    languages.sort(key=lambda language: language.code != default)      # stable: the default first
    _check_fallbacks({language.code: language.fallback for language in languages}, config_file)
    return tuple(languages)


def _check_fallbacks(fallbacks: dict[str, str | None], config_file: Path) -> None:
    """Every chain of fallbacks ends in the default language."""
    for code in fallbacks:
        seen = [code]
        while fallbacks[seen[-1]] is not None:
            step = fallbacks[seen[-1]]
            if step not in fallbacks or step in seen:
                raise SystemExit(f"{config_file}: extra: languages: {code}: the fallbacks {' -> '.join(seen + [step])} "
                                 f"do not end in the default language / цепочка запасных языков не ведёт к языку по умолчанию")
            seen.append(step)


_ALL = read_languages()
BY_CODE = {language.code: language for language in _ALL}
LANGUAGES: tuple[str, ...] = tuple(BY_CODE)
DEFAULT = LANGUAGES[0]
NAMES = {code: language.name for code, language in BY_CODE.items()}
# CLDR locale of each language, for dates and numbers (teiaguide/locale.py): British English writes
# "2 December 2026", as the guide does.
LOCALES = {code: language.locale for code, language in BY_CODE.items()}
COMPLETE: tuple[str, ...] = tuple(code for code in LANGUAGES if BY_CODE[code].complete)


def others(lang: str) -> tuple[str, ...]:
    """Every language but `lang`, in the configured order."""
    return tuple(code for code in LANGUAGES if code != lang)


def fallback(lang: str) -> str | None:
    """The language a missing translation in `lang` comes from (None for the default language)."""
    return BY_CODE[lang].fallback


def chain(lang: str) -> tuple[str, ...]:
    """`lang` and the languages its missing translations come from, in order; it ends in the default."""
    order = [lang]
    while (step := fallback(order[-1])) is not None:
        order.append(step)
    return tuple(order)


def stand_ins(lang: str) -> tuple[str, ...]:
    """Where to look for something `lang` lacks, best first: its chain, then every other language (a page
    or a practice may exist only in a language outside the chain)."""
    return tuple(dict.fromkeys((*chain(lang), *LANGUAGES)))


def prefix(lang: str) -> str:
    """URL prefix of a language's site relative to the site root: '' for the default, 'ru/' otherwise."""
    return "" if lang == DEFAULT else f"{lang}/"
