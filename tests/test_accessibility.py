"""Accessibility: axe-core (npm package, injected by Playwright into headless Chromium) on every built page,
every language, each page loaded once: every rule in the light scheme, then the colour rules in the dark
scheme (the same page switched): no serious or critical violation."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from site_pages import LANGUAGES, html_pages, prefix, serve_published_paths
from teiaguide.paths import NODE_MODULES

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# The scheme Material applies when the reader's system asks for light or dark (mkdocs.yml palette).
SCHEMES = {"light": "default", "dark": "slate"}
# The scheme the sweep's browser asks for: Material applies it when a page loads, and only then; the page
# is then switched to each other scheme as a reader does, with the header's switch.
LOADED = "light"
# The dark scheme changes colours only (the same HTML): there, the rules about colour are run.
RULES = {"light": None, "dark": ["color-contrast", "link-in-text-block"]}
# Pages of every kind that must be among the pages checked (path under a language's site root).
PAGE_KINDS = ("", "areas/prevention/", "countries/kz/", "practices/", "calculator/", "notification/form/",
              "quiz/", "glossary/", "404.html")

SHOWN = "scheme => document.body.dataset.mdColorScheme === scheme && !('mdColorSwitching' in document.body.dataset)"
PICK = "scheme => document.querySelector(`input[name=__palette][data-md-color-scheme=${scheme}]`)?.click()"
RUN_AXE = ("rules => axe.run(document, Object.assign({resultTypes: ['violations']},"
           " rules ? {runOnly: {type: 'rule', values: rules}} : {}))")


def _describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:3])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. {targets})"


def _axe_findings(tab, scheme: str) -> list[str]:
    """The page shown in one scheme (Material lifts its transitions while switching, so the colours read are
    the scheme's own), then axe's blocking findings there."""
    if scheme != LOADED:
        tab.emulate_media(color_scheme=scheme)
        tab.evaluate(PICK, SCHEMES[scheme])
    try:
        tab.wait_for_function(SHOWN, arg=SCHEMES[scheme], timeout=3000)
    except PlaywrightTimeout:
        return [f"not shown in the {scheme} scheme"]
    results = tab.evaluate(RUN_AXE, RULES[scheme])
    return [_describe(v) for v in results["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations_on_any_page_in_any_scheme(site, server, browser, lang):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm package axe-core)")
    pages = html_pages(site, lang)
    missing = [kind for kind in PAGE_KINDS if prefix(lang) + kind not in pages]
    assert not missing, f"pages missing from the built site ({lang}): {missing}"
    assert len(pages) > 40
    context = browser.new_context(color_scheme=LOADED, locale=lang)
    context.add_init_script(path=str(AXE))  # in every page the context loads, before the page's scripts
    # Each page as on a first visit: the scheme picked on the page before is forgotten, the system's is applied.
    context.add_init_script("localStorage.clear()")
    tab = context.new_page()
    serve_published_paths(tab, server)
    findings = {scheme: [] for scheme in SCHEMES}
    for path in pages:
        tab.emulate_media(color_scheme=LOADED)
        tab.goto(server + path)
        tab.wait_for_load_state("load")
        for scheme in SCHEMES:
            findings[scheme] += [f"/{path}: {line}" for line in _axe_findings(tab, scheme)]
    context.close()
    report = [f"{len(lines)} serious or critical findings ({lang}, {scheme} scheme):\n" + "\n".join(lines)
              for scheme, lines in findings.items() if lines]
    assert not report, "\n\n".join(report)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_opens_in_the_scheme_the_system_asks_for(server, browser, lang, scheme):
    context = browser.new_context(color_scheme=scheme, locale=lang)
    tab = context.new_page()
    tab.goto(server + prefix(lang))
    shown = tab.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    assert shown == SCHEMES[scheme]
