"""Accessibility: axe-core (npm package, injected by Playwright into headless Chromium) on every built page,
both languages, light and dark scheme (every rule in light, the colour rules in dark): no serious or
critical violation."""
from __future__ import annotations

import pytest

from site_pages import LANGUAGES, html_pages, serve_published_paths
from teiaguide.paths import NODE_MODULES

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# The scheme Material applies when the reader's system asks for light or dark (mkdocs.yml palette).
SCHEMES = {"light": "default", "dark": "slate"}
# The dark scheme changes colours only (the same HTML): there, the rules about colour are run.
RULES = {"light": None, "dark": ["color-contrast", "link-in-text-block"]}
# Pages of every kind that must be among the pages checked (path under a language's site root).
PAGE_KINDS = ("", "areas/prevention/", "countries/kz/", "practices/", "calculator/", "notification/form/",
              "quiz/", "glossary/", "404.html")


def _describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:3])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. {targets})"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations_on_any_page(site, server, browser, lang, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm package axe-core)")
    pages = html_pages(site, lang)
    prefix = "" if not pages[0].startswith(f"{lang}/") else f"{lang}/"
    missing = [kind for kind in PAGE_KINDS if prefix + kind not in pages]
    assert not missing, f"pages missing from the built site ({lang}): {missing}"
    context = browser.new_context(color_scheme=scheme, locale=lang)
    tab = context.new_page()
    serve_published_paths(tab, server)
    findings, wrong_scheme = [], []
    for path in pages:
        tab.goto(server + path)
        tab.wait_for_load_state("load")
        if tab.evaluate("document.body.dataset.mdColorScheme") != SCHEMES[scheme]:
            wrong_scheme.append(path)
        tab.add_script_tag(path=str(AXE))
        results = tab.evaluate("rules => axe.run(document, Object.assign({resultTypes: ['violations']},"
                               " rules ? {runOnly: {type: 'rule', values: rules}} : {}))", RULES[scheme])
        findings += [f"/{path}: {_describe(v)}" for v in results["violations"] if v["impact"] in BLOCKING]
    context.close()
    assert not wrong_scheme, f"not shown in the {scheme} scheme: {wrong_scheme[:10]}"
    assert not findings, f"{len(findings)} serious or critical findings ({lang}, {scheme}):\n" + "\n".join(findings)
