"""The languages come from mkdocs.yml: static-i18n's list and `extra: languages` (locale, fallback, complete)."""
from __future__ import annotations

import pytest

from teiaguide import languages
from teiaguide.languages import read_languages
from teiaguide.problems import Problems
from teiaguide.records import Text, WorkingArea
from teiaguide.yamlsource import load_yaml_file, validate

CONFIG = """site_url: !ENV [SITE_URL, "https://example.org/"]
plugins:
  - search
  - i18n:
      build_only_locale: !ENV [TEIA_LANGUAGE, null]
      languages:
        - {locale: en, name: English, default: true}
        - {locale: ru, name: Русский}
        - {locale: kk, name: Қазақша}
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  languages:
%s
"""


def config(tmp_path, settings: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(CONFIG % settings, encoding="utf-8")
    return path


def test_the_settings_of_each_language(tmp_path):
    en, ru, kk = read_languages(config(tmp_path, "    en: {locale: en_GB}\n    ru: {complete: true}\n    kk: {fallback: ru}"))
    assert (en.code, en.locale, en.fallback, en.complete) == ("en", "en_GB", None, True)
    assert (ru.code, ru.locale, ru.fallback, ru.complete) == ("ru", "ru", "en", True)
    assert (kk.name, kk.locale, kk.fallback, kk.complete) == ("Қазақша", "kk", "ru", False)


def test_fallbacks_that_do_not_reach_the_default_are_refused(tmp_path):
    with pytest.raises(SystemExit, match=r"ru -> kk -> ru.*default language"):
        read_languages(config(tmp_path, "    ru: {fallback: kk}\n    kk: {fallback: ru}"))


def test_settings_of_an_unlisted_language_are_refused(tmp_path):
    with pytest.raises(SystemExit, match="uz is not in plugins: i18n: languages"):
        read_languages(config(tmp_path, "    uz: {fallback: ru}"))


def test_the_guide_s_languages():
    assert languages.LANGUAGES == ("en", "ru") and languages.DEFAULT == "en"
    assert languages.LOCALES == {"en": "en_GB", "ru": "ru"}
    assert languages.others("ru") == ("en",) and languages.chain("ru") == ("ru", "en")


def test_a_text_is_a_string_per_language():
    text = Text.model_validate({"en": "Prevention", "ru": "Предотвращение"})
    assert (text("en"), text("ru")) == ("Prevention", "Предотвращение")
    assert not text.missing("ru")


AREA = """id: prevention
number: 3
title: {en: "Prevention", ru: "Предотвращение", xx: "?"}
short: {en: "Prevention", ru: "Предотвращение"}
articles: []
annexes: []
indicators: []
indicators_verification: ""
title_ru_verification: ""
"""


def test_an_unknown_language_is_a_problem_of_its_line(tmp_path):
    path = tmp_path / "area.yml"
    path.write_text(AREA, encoding="utf-8")
    problems = Problems()
    assert validate(WorkingArea, load_yaml_file(path, problems), path, problems) is None
    [problem] = problems.items
    assert (problem.line, problem.field) == (3, "title.xx")
    assert problem.ru == "неизвестное поле (проверьте написание)"
