"""The built site as a reader gets it: both languages, right `lang`, a language switcher that keeps the
page, nothing loaded from another host."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from site_pages import language_of, parsed as soup
from teiaguide.languages import DEFAULT, LANGUAGES, prefix


def pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        yield rel, file


def test_both_languages_are_built(site):
    assert soup(site / "index.html").html["lang"] == "en"
    assert soup(site / "ru" / "index.html").html["lang"] == "ru"
    english = {rel for rel, _ in pages(site) if language_of(rel) == "en"}
    russian = {rel[3:] for rel, _ in pages(site) if language_of(rel) == "ru"}
    assert english == russian, f"pages in one language only: {sorted(english ^ russian)[:10]}"
    assert len(english) > 10


def test_every_page_declares_its_language(site):
    wrong = [(rel, soup(file).html.get("lang")) for rel, file in pages(site)
             if soup(file).html.get("lang") != language_of(rel)]
    assert not wrong, f"pages with a wrong <html lang>: {wrong[:10]}"


def test_language_switcher_targets_the_same_page(site):
    checked = 0
    for rel, file in pages(site):
        if rel.endswith("404.html"):
            continue
        links = {a["data-teia-alternate"]: a["href"] for a in soup(file).select("a[data-teia-alternate]")}
        assert set(links) == set(LANGUAGES), f"{rel}: switcher offers {sorted(links)}"
        page_url = "http://site/" + rel
        own_path = rel[3:] if language_of(rel) != DEFAULT else rel
        for lang, href in links.items():
            target = urlsplit(urljoin(page_url, href)).path.lstrip("/")
            expected = ("" if lang == DEFAULT else f"{lang}/") + own_path
            assert target + ("index.html" if target.endswith("/") or not target else "") == expected, (
                f"{rel}: the {lang} link goes to {target!r}, expected {expected!r}")
            assert (site / expected).is_file()
        checked += 1
    assert checked > 10


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_nothing_is_loaded_from_another_host(site):
    offenders = []
    for rel, file in pages(site):
        doc = soup(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"),
                          ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")):
            for element in doc.find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "icon", "manifest", "preconnect", "modulepreload", "prefetch"}:
                    continue
                if EXTERNAL.match(value):
                    offenders.append(f"{rel}: <{tag} {attr}={value}>")
        for style in doc.find_all("style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(https?:)?//", style.text):
                offenders.append(f"{rel}: <style> loads from another host")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"url\(\s*['\"]?((https?:)?//[^)'\"]+)|@import\s+(url\()?['\"]?((https?:)?//[^'\")]+)", text):
            offenders.append(f"{css.relative_to(site)}: {match.group(0)[:80]}")
    assert not offenders, "\n".join(offenders[:20])


def test_the_site_font_covers_cyrillic_and_is_shipped(site):
    css = (site / "assets" / "fonts" / "fonts.css").read_text(encoding="utf-8")
    assert "U+0400-045F" in css, "no Cyrillic subset in the font CSS"
    for url in re.findall(r"url\(\./(files/[^)]+\.woff2)\)", css):
        assert (site / "assets" / "fonts" / url).is_file(), url
    assert soup(site / "ru" / "index.html").find("link", href=re.compile(r"assets/fonts/fonts\.css$"))


def test_russian_headings_get_readable_anchors():
    """A Russian heading without an explicit id gets a readable Cyrillic anchor, as configured for the site."""
    from teiaguide.markdown_config import site_markdown

    html_text = site_markdown().convert("## Установление опасных видов деятельности\n")
    assert 'id="установление-опасных-видов-деятельности"' in html_text, html_text


def test_pages_state_their_basis_and_review_date(site):
    for rel in ("areas/prevention/index.html", "ru/areas/prevention/index.html"):
        box = soup(site / rel).select_one(".teia-sources")
        assert box is not None, f"{rel}: no sources box"
        assert "ст." in box.text if rel.startswith("ru/") else "Art." in box.text
        assert box.find("time")


# --- issue 15: the front door, published URLs, feedback ------------------------------------------------

def _site_name(site: Path, lang: str) -> str:
    """The site's name as the header shows it (mkdocs.yml site_name, per language)."""
    return soup(site / prefix(lang) / "index.html").select_one(".md-header__topic .teia-site-name--full").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_title_names_the_site_once(site, lang):
    name = _site_name(site, lang)
    home = soup(site / prefix(lang) / "index.html").title.get_text(strip=True)
    assert home == name, f"{lang} home page title: {home!r}"
    repeated = []
    for rel, file in pages(site):
        if language_of(rel) != lang:
            continue
        title = soup(file).title.get_text(strip=True)
        if title.count(name) != 1 or title.lower().count(name.lower()[-20:]) != 1:
            repeated.append(f"{rel}: {title}")
    assert not repeated, "titles that do not name the site exactly once:\n" + "\n".join(repeated[:10])
    chapter = soup(site / prefix(lang) / "areas" / "prevention" / "index.html").title.get_text(strip=True)
    assert chapter.endswith(" – " + name) and len(chapter) > len(name) + 5


def test_published_urls_never_point_at_the_local_machine(site):
    """Canonical links and both sitemaps name the published site (mkdocs.yml site_url), not a preview."""
    from teiaguide.linkcheck import site_url

    configured = site_url()
    assert urlsplit(configured).scheme == "https" and urlsplit(configured).hostname not in LOCAL, configured
    urls = []
    for rel, file in pages(site):
        link = soup(file).find("link", rel="canonical")
        if link is not None:
            urls.append((rel, link["href"]))
    for sitemap in sorted(site.rglob("sitemap.xml")):
        urls += [(sitemap.relative_to(site).as_posix(), url)
                 for url in re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", sitemap.read_text(encoding="utf-8"))
                 for url in url if url]
    assert len(urls) > 80
    local = [f"{where}: {url}" for where, url in urls if urlsplit(url).hostname in LOCAL or not url.startswith(configured)]
    assert not local, "published URLs that do not point at the site:\n" + "\n".join(local[:10])


LOCAL = ("127.0.0.1", "localhost", "0.0.0.0", "::1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_tools_and_the_working_areas_as_cards(site, lang):
    home = soup(site / prefix(lang) / "index.html")
    cards = [a["href"] for a in home.select(".grid.cards > ul > li > p strong a, .grid.cards > ul > li strong a")]
    expected = ["calculator/", "notification/form/", "quiz/", "practices/", "areas/identification/",
                "areas/notification/", "areas/prevention/", "areas/preparedness/",
                "areas/response-mutual-assistance/", "areas/public-information-participation/"]
    assert [href.removeprefix("./") for href in cards] == expected, cards
    assert all(card.find("svg") for card in home.select(".grid.cards > ul > li")), "a card without its icon"


def test_the_quiz_has_one_name_in_russian(site):
    """The Russian home page and navigation call the quiz «тест», never «викторина»."""
    for rel in ("ru/index.html", "ru/quiz/index.html"):
        text = soup(site / rel).get_text(" ").lower()
        assert "викторин" not in text, rel
    tab = [a.get_text(" ", strip=True) for a in soup(site / "ru" / "index.html").select(".md-nav__link")
           if a.get("href", "").rstrip("/").endswith("quiz")]
    assert tab and all(label.startswith("Тест") for label in tab), tab


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_has_tabs_breadcrumbs_and_a_scheme_switch(site, lang):
    chapter = soup(site / prefix(lang) / "areas" / "prevention" / "index.html")
    tabs = chapter.select(".md-tabs__link")
    assert len(tabs) >= 5, "no navigation tabs"
    assert chapter.select_one(".md-tabs__item--active"), "the chapter's tab is not marked"
    crumbs = [li.get_text(strip=True) for li in chapter.select(".md-path__item")]
    assert len(crumbs) >= 2, crumbs
    radios = chapter.select(".teia-palette input[type=radio]")
    assert chapter.select_one(".teia-palette")["aria-label"]
    assert [r.get("data-md-color-scheme") for r in radios] == ["default", "slate"]
    assert all(r.get("aria-label") and not r.get("aria-hidden") for r in radios)
    assert not chapter.select('[aria-hidden="true"] input, input[aria-hidden="true"]')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_asks_for_feedback_with_a_prefilled_issue(site, lang):
    from urllib.parse import parse_qs

    from teiaguide.linkcheck import site_url

    checked = 0
    for rel, file in pages(site):
        if language_of(rel) != lang or rel.endswith("404.html"):
            continue
        doc = soup(file)
        box = doc.select_one(".teia-feedback")
        assert box is not None, f"{rel}: no feedback block"
        assert "teia-screen-only" in box["class"] and box.get("data-pagefind-ignore") == "all"
        links = box.select("a[data-teia-feedback-link]")
        assert len(links) == 3, rel
        page_title = doc.title.get_text(strip=True)
        title = page_title.rsplit(" – ", 1)[0] if " – " in page_title else None     # None: a home page
        canonical = doc.find("link", rel="canonical")["href"]
        for link in links:
            url = urlsplit(link["href"])
            assert f"{url.scheme}://{url.netloc}{url.path}".endswith("/issues/new"), link["href"]
            query = parse_qs(url.query)
            assert title is None or query["title"][0].endswith(": " + title), (rel, query["title"])
            assert canonical in query["body"][0] and canonical.startswith(site_url())
        assert not box.find(["form", "script", "img", "iframe"]), "feedback must not request anything"
        checked += 1
    assert checked > 40


def test_feedback_goes_by_e_mail_when_no_repository_is_configured():
    from teiaguide.feedback import feedback_links
    from teiaguide.guide import load_guide

    guide = load_guide()
    for lang in LANGUAGES:
        ui = guide.ui.for_lang(lang)
        mail = feedback_links(ui, "Prevention & co", "https://example.org/areas/prevention/", None, "editors@example.org")
        assert mail["channel"] == "mail"
        assert all(link["href"].startswith("mailto:editors@example.org?subject=") for link in mail["links"])
        assert "Prevention%20%26%20co" in mail["links"][0]["href"]
        assert feedback_links(ui, "t", "u", None, "") is None
