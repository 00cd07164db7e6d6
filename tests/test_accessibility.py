"""Accessibility: axe-core (npm package, injected by Playwright into headless Chromium) on one page of
every kind in both languages: no serious or critical violation."""
from __future__ import annotations

import pytest

from teiaguide.languages import LANGUAGES, prefix
from teiaguide.paths import NODE_MODULES

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"

# One page of every kind the guide has (path under a language's site root).
PAGE_KINDS = {
    "home": "",
    "chapter": "areas/prevention/",
    "country": "countries/kz/",
    "practice index": "practices/",
    "calculator": "calculator/",
    "notification form": "notification/form/",
    "quiz": "quiz/",
    "glossary": "glossary/",
}
BLOCKING = ("serious", "critical")


def _describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:5])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. {targets})"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_violations(site, server, page, kind, lang):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm package axe-core)")
    path = prefix(lang) + PAGE_KINDS[kind]
    if not (site / path / "index.html").is_file():
        pytest.fail(f"the {kind} page /{path} is missing from the built site ({lang})", pytrace=False)
    page.goto(server + path)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"/{path} ({kind}, {lang}):\n" + "\n".join(_describe(v) for v in blocking)
