"""Every front-matter field of a practice is untrusted: markup in a plain-text field is refused by
`check` with its file:line and field, and whatever validation accepts (entities, quotes, attribute
lists, an autolink in the body) stays text in the built pages of both languages and in Chromium.

The hole this closes: `title: <https://x/contenteditable/autofocus/onfocus=alert(1)>` passed the check
(an "autolink") and the theme printed it raw in the <h1> and the header: an element with an event
handler that ran on page load."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.languages import LANGUAGES
from teiaguide.paths import ROOT

HOLE = "<https://x/contenteditable/autofocus/onfocus=alert(document.domain)>"


def practice(lang: str, **fields: str) -> str:
    values = {"id": "kz-hostile", "country": "KZ", "areas": "[identification]", "title": f'"Title {lang}"',
              "year": "2020", "organisation": '"Ministry"', "sources": '\n  - "A law: https://example.org/law"',
              "status": "contributed"}
    body = fields.pop("body", "Body.\n")
    values.update(fields)
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in values.items()) + "---\n" + body


def run_cli(*args: str, practices: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, TEIA_PRACTICES_DIR=str(practices), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "teiaguide", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


# field -> hostile value (YAML) that validation must refuse, and the line of that field in the file
REFUSED = {
    "title": (f"'{HOLE}'", 5),
    "organisation": ('"Ministry <img src=x onerror=alert(1)>"', 7),
    "sources": ('\n  - "<mailto:x/autofocus/contenteditable/onfocus=alert(1)>"', 9),
}


@pytest.mark.parametrize("field", list(REFUSED))
def test_markup_in_a_plain_text_field_is_refused_by_check(field, tmp_path):
    value, line = REFUSED[field]
    folder = tmp_path / "gp" / "KZ"
    folder.mkdir(parents=True)
    (folder / "hostile.en.md").write_text(practice("en", **{field: value}), encoding="utf-8")
    result = run_cli("check", practices=tmp_path / "gp")
    assert result.returncode == 1
    location = f"{folder / 'hostile.en.md'}:{line}: {field}"
    lines = [text for text in result.stderr.splitlines() if text.startswith(location)]
    assert len(lines) == 2, result.stderr
    assert "'<' and '>' are not allowed" in lines[0] and "«<» и «>»" in lines[1]


@pytest.mark.parametrize("value,words", [
    ('"Title \u202egnp.exe"', "U+202E"),
    ('"Ti\u200btle"', "U+200B"),
    ('"' + "x" * 201 + '"', "at most 200"),
])
def test_invisible_characters_and_overlong_titles_are_refused(value, words, tmp_path):
    folder = tmp_path / "gp" / "KZ"
    folder.mkdir(parents=True)
    (folder / "hostile.en.md").write_text(practice("en", title=value), encoding="utf-8")
    result = run_cli("check", practices=tmp_path / "gp")
    assert result.returncode == 1 and words in result.stderr, result.stderr
    assert f"hostile.en.md:5:" in result.stderr


# Accepted by validation, so it must be inert: entities, quotes, attribute lists, Jinja and an autolink
# whose address looks like attributes.
INERT = "&lt;img src=x onerror=alert(1)&gt; &#60;b&#62; \\\" onmouseover=alert(2) x=\\\" ' {: onclick=alert(3) } {{ 7*7 }}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "gp" / "KZ"
    folder.mkdir(parents=True)
    for lang in LANGUAGES:
        (folder / f"hostile.{lang}.md").write_text(practice(
            lang, title=f'"{lang} {INERT}"', organisation=f'"Org {INERT}"',
            sources=f'\n  - "Source {INERT}: https://example.org/law?a=1&b=\\"2"',
            body=f"Body {INERT.replace(chr(92), '').replace('{:', '(:')}\n\n<https://x/contenteditable/autofocus/onfocus=alert(4)>\n"),
            encoding="utf-8")
    result = run_cli("build", "--html-only", "--site", str(root / "site"), "--work", str(root / "work"),
                     practices=root / "gp")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


def _pages(site: Path) -> list[Path]:
    pages = []
    for lang in LANGUAGES:
        base = site if lang == LANGUAGES[0] else site / lang
        pages += [base / "practices/kz-hostile/index.html", base / "practices/index.html",
                  base / "areas/identification/index.html"]
    return pages


def test_no_element_or_attribute_comes_from_the_fields(hostile_site):
    for page in _pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            assert not element.name.startswith(("https", "mailto", "img")), (page, element.name)
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (page, element.name, handlers)
            assert "x" not in element.attrs and "contenteditable" not in element.attrs, (page, element)


def test_the_fields_are_shown_as_the_text_that_was_written(hostile_site):
    for lang in LANGUAGES:
        base = hostile_site if lang == LANGUAGES[0] else hostile_site / lang
        soup = BeautifulSoup((base / "practices/kz-hostile/index.html").read_text(encoding="utf-8"), "html.parser")
        written = f"{lang} {INERT}".replace('\\"', '"')
        assert soup.h1.get_text() == written
        assert soup.title.get_text().startswith(written)
        assert soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text().strip() == written
        assert f"Org {INERT}".replace('\\"', '"') in soup.select_one(".teia-practice__meta").get_text()


@pytest.mark.browser
def test_nothing_runs_in_chromium(hostile_site, browser):
    for lang in LANGUAGES:
        base = hostile_site if lang == LANGUAGES[0] else hostile_site / lang
        tab = browser.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto((base / "practices/kz-hostile/index.html").as_uri())
        tab.wait_for_timeout(300)
        handlers = tab.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
            element => [...element.attributes].filter(a => /^on/i.test(a.name)).map(a => element.tagName + ' ' + a.name))""")
        focused = tab.evaluate("() => document.activeElement && document.activeElement.tagName")
        heading = tab.inner_text("h1")
        tab.close()
        assert dialogs == [] and handlers == [], (lang, dialogs, handlers)
        assert focused in ("BODY", None), focused
        assert heading == f"{lang} {INERT}".replace('\\"', '"')


def test_the_hole_is_closed_in_the_theme_too(tmp_path):
    """Defence in depth: even a title that reached the generator would be escaped in the front matter."""
    from teiaguide.render import render

    page = render("practices/page.md.j2", lang="en", t=lambda key: key, description='a "quoted" <b>',
                  item={"title": HOLE, "source_file": "x", "pending": False, "content_lang": "en", "anchor": "a",
                        "country_code": "KZ", "areas": [], "organisation": "", "sources": [], "confirmed": True,
                        "body": "", "country_name": "", "country_href": "", "year": 2020, "href": ""})
    front = page.split("---")[1]
    assert "<" not in front.replace("\\u003c", "") and "&lt;https://" in front.replace("\\u0026", "&")
    assert re.search(r'description: ".*&#34;quoted', front.replace("\\u0026", "&"))


# Hostile YAML in a practice's front matter: `check` and `build` end in a file:line problem in both
# languages, never a traceback, and the published site stays as it was.
HOSTILE_YAML = {
    "list as a key": ("? [a, b]\n: x\n", 11),
    "deep nesting": ("extra: " + "[" * 300 + "]" * 300 + "\n", 11),
    "alias": ("extra: &a [1]\nmore: *a\n", 12),
    "python tag": ("extra: !!python/object/apply:os.system [id]\n", 11),
    "text-direction character": ("extra: \"a\u202eb\"\n", 11),
}


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_hostile_yaml_in_a_practice_ends_in_a_problem(name, tmp_path):
    text, line = HOSTILE_YAML[name]
    folder = tmp_path / "gp" / "KZ"
    folder.mkdir(parents=True)
    (folder / "hostile.en.md").write_text(practice("en").replace("---\nBody", text + "---\nBody"), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("published", encoding="utf-8")
    commands = [("check",), ("build", "--html-only", "--site", str(site), "--work", str(tmp_path / "work"))]
    for command in commands if name == "list as a key" else commands[:1]:
        result = run_cli(*command, practices=tmp_path / "gp")
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        lines = [text for text in result.stderr.splitlines() if text.startswith(f"{folder / 'hostile.en.md'}:{line}:")]
        assert len(lines) == 2 and re.search("[а-яё]", lines[1]), result.stderr
    assert [path.name for path in site.iterdir()] == ["index.html"]


@pytest.mark.parametrize("line,field,words", [
    ("title: 'Convention <img src=x onerror=alert(1)>'", "title", "'<' and '>' are not allowed"),
    ("description: '0;url=https://example.org\" http-equiv=\"refresh'", "description", "straight double quotes"),
    ("based_on: ['Art. 3 <b onmouseover=alert(1)>']", "based_on[0]", "'<' and '>' are not allowed"),
])
def test_hand_written_page_fields_the_theme_prints_raw_are_checked(line, field, words):
    """A page's title, description and "based on" go into the theme's slots unescaped (the description
    inside <meta content="...">), so they refuse what could end the element or the attribute."""
    from teiaguide.features.pages import PageMeta
    from teiaguide.problems import Problems
    from teiaguide.yamlsource import parse_yaml, validate

    values = {"title": "title: Convention", "description": "description: A map.", "based_on": "based_on: [Art. 3]"}
    values[field.split("[")[0]] = line
    text = "\n".join(values.values()) + "\nreviewed: 2026-01-01\n"
    problems = Problems()
    validate(PageMeta, parse_yaml(text, Path("docs/en/x.md"), problems, first_line=2), Path("docs/en/x.md"), problems, first_line=2)
    assert [(p.line, p.field) for p in problems.items] == [(2 + list(values).index(field.split("[")[0]), field)]
    assert words in problems.items[0].en and problems.items[0].ru
