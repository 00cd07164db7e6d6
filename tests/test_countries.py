"""Countries: data/countries.yml loads with every fact tagged; country pages and the regional status matrix
show the data in both languages, with symbols and words; settled facts are stated plainly and only the
facts still open carry a mark."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from teiaguide.features import countries as countries_feature
from teiaguide.guide import load_guide
from teiaguide.problems import SourceError

CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]
WORDS = {"en": ("Yes", "No", "Unknown"), "ru": ("Да", "Нет", "Нет данных")}
NOT_CONFIRMED = {"en": "not confirmed", "ru": "не подтверждено"}


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def test_countries_load_with_tags(guide):
    assert [c.iso2 for c in guide.countries.central_asia] == CENTRAL_ASIA
    assert {"RU", "BY"} <= set(guide.countries.by_code)
    kz, tm = guide.countries["KZ"], guide.countries["TM"]
    assert kz.party.status == "yes" and kz.party.confirmed
    # the Almaty 2018 conclusions are a primary source: what they record is settled
    assert tm.ian_point_of_contact.status == "no" and tm.ian_point_of_contact.confirmed
    assert "almaty_2018_conclusions" in tm.ian_point_of_contact.sources
    registry = guide.extra["sources"]
    for country in guide.countries:
        assert country.key_laws and country.authorities
        for fact in countries_feature._facts(country):
            assert all(key in registry for key in fact.sources)
            assert "wikipedia_en" not in fact.sources


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = countries_feature.SOURCE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "countries.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,field", [
    ("sources: [zakonpravo_kz_accession]", "sources: [no_such_source]", "sources[0]"),
    ('name: {en: "Kyrgyzstan", ru: "Кыргызстан"}', 'name: {en: "Kyrgyzstan"}', "name.ru"),
    ('ian_point_of_contact: {status: "yes", verification: verified', 'ian_point_of_contact: {status: "maybe", verification: verified', "status"),
    ("open_question: party-status-non-parties", "open_question: no-such-question", "open_question"),
])
def test_bad_country_data_is_reported_with_line(tmp_path, monkeypatch, old, new, field):
    path = _broken_copy(tmp_path, old, new)
    monkeypatch.setattr(countries_feature, "SOURCE", path)
    with pytest.raises(SourceError) as caught:
        load_guide()
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new.split(",")[0] in text)
    report = str(caught.value)
    assert re.search(rf"countries\.yml:{line}: [^ ]*{re.escape(field)}:", report), report


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_status_matrix(site, lang, guide):
    prefix = "" if lang == "en" else "ru/"
    soup = _soup(site, f"{prefix}countries/index.html")
    table = soup.select_one("article table") or soup.find("table")
    header = [cell.get_text(strip=True) for cell in table.find("thead").find_all("th")]
    assert header[1:] == [guide.countries[code].name(lang) for code in CENTRAL_ASIA]
    links = [a["href"] for a in table.find("thead").find_all("a")]
    assert links == [f"../{code.lower()}/" for code in CENTRAL_ASIA] or links == [f"{code.lower()}/" for code in CENTRAL_ASIA]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 7
    yes, no, unknown = WORDS[lang]
    symbol_and_word = re.compile(rf"^(✓ ({yes}|\d{{4}}: .+)|✗ {no}|\? ({unknown}))")
    cells = {}
    for row in rows:
        label, *values = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        assert len(values) == 5
        for code, value in zip(CENTRAL_ASIA, values):
            assert symbol_and_word.match(value), f"{label} / {code}: '{value}' has no symbol and word"
            cells[(label, code)] = value
    party = guide.t("ct_row_party", lang)
    ian = guide.t("ct_row_ian_point_of_contact", lang)
    assert cells[(party, "KZ")] == f"✓ {yes}"
    assert all(cells[(party, code)] == f"✗ {no}" for code in CENTRAL_ASIA[1:])
    # settled facts are stated plainly: no cell of the matrix carries a mark
    assert cells[(ian, "TM")] == f"✗ {no}"
    assert not [cell for cell in cells.values() if NOT_CONFIRMED[lang] in cell or "(" in cell]
    assert soup.select_one(".admonition.unverified") is None
    # the Almaty conclusions are cited once, as a document, under the table
    title = guide.extra["sources"].by_key["almaty_2018_conclusions"].title(lang)
    assert any(title in note.get_text() for note in soup.select(".footnote li"))
    # the one genuine open item of the page links to the Open questions page
    question = soup.select_one('a[href$="open-questions/#party-status-non-parties"]')
    assert question is not None


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("code", CENTRAL_ASIA + ["RU", "BY"])
def test_country_page(site, guide, code, lang):
    country = guide.countries[code]
    prefix = "" if lang == "en" else "ru/"
    soup = _soup(site, f"{prefix}countries/{code.lower()}/index.html")
    text = " ".join(soup.select_one("article").get_text().split())   # glossary <abbr> elements split words
    assert soup.h1.get_text(strip=True).rstrip("¶") == country.name(lang)
    for heading in ("status", "authorities", "laws", "practices"):
        assert soup.find(id=heading) is not None
    yes, no, unknown = WORDS[lang]
    expected = {"yes": f"✓ {yes}", "no": f"✗ {no}", "unknown": f"? {unknown}"}[country.party.status]
    assert expected in text
    for body in country.authorities:
        assert " ".join(body.name(lang).split()) in text
    for law in country.key_laws:
        assert " ".join(law.title(lang).split()) in text
    if any(fact.marked and not fact.open_question for fact in countries_feature._facts(country)):
        assert NOT_CONFIRMED[lang] in text
    # the note that explains the mark is there exactly when a fact carries one
    explanation = " ".join(guide.t("ct_unverified_generic", lang).split())
    assert (explanation in text) == any(fact.marked and not fact.open_question for fact in countries_feature._facts(country))
    practice_titles = [p.version(lang)[0].meta.title for p in guide.practices if p.country == code]
    listed = [a.get_text(strip=True) for a in soup.select(".teia-practice-list__title")]
    assert listed == practice_titles
    # sources are footnotes with their addresses
    assert soup.select(".footnote li")
