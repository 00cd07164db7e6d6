"""Publishing: the CI workflow (.github/workflows/site.yml), valid for GitHub Actions (check-jsonschema's vendored
schema, works offline) and doing what main and pull requests need; "edit this page" links that open the
source file; "last updated" dates from git in the reader's language."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from teiaguide.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def _workflow() -> dict:
    return YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_workflow_matches_the_github_workflow_schema():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_main_builds_checks_and_publishes_to_pages():
    workflow = _workflow()
    triggers = workflow[True] if True in workflow else workflow["on"]     # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = _runs(build)
    for command in ("teiaguide check", "teiaguide build", "teiaguide links", "make test"):
        assert command in runs, f"the build job does not run `{command}`"
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "dates and translation status need the whole git history"
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    pack = next(step for step in build["steps"] if step.get("with", {}).get("name") == "workshop-pack")
    assert pack["with"]["path"].startswith("site/")


def test_pull_requests_get_a_preview_and_the_translation_status():
    build = _workflow()["jobs"]["build"]
    preview = next(step for step in build["steps"] if step.get("with", {}).get("name") == "site-preview")
    assert "pull_request" in preview["if"] and preview["with"]["path"] == "site/"
    status = next(step for step in build["steps"] if "teiaguide status --changed" in step.get("run", ""))
    assert "pull_request" in status["if"] and "github.base_ref" in status["run"]


# --- "edit this page" and "last updated" on the built pages ---------------------------------------------

def _pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if not rel.startswith("pagefind/") and not rel.endswith("404.html"):
            yield rel, file


def _soup(file: Path):
    from site_pages import parsed

    return parsed(file)


def test_edit_links_open_an_existing_source_file(site):
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:
        config = yaml_load(stream)
    prefix = config["repo_url"].rstrip("/") + "/" + config["edit_uri"].replace("docs/", "")
    missing, seen = [], 0
    for rel, file in _pages(site):
        link = _soup(file).select_one("a.md-content__button[href]")
        lang, _, path = rel.partition("/") if rel.startswith("ru/") else ("en", "", rel)
        stem = path.removesuffix("index.html").rstrip("/")
        hand_written = any((ROOT / "docs" / lang / name).is_file() for name in (f"{stem or 'index'}.md", f"{stem}/index.md"))
        # the pencil only where there is a hand-written page to edit (generated pages have none)
        assert (link is not None) == hand_written, f"{rel}: edit link {'missing' if hand_written else 'on a generated page'}"
        if link is None:
            continue
        href = link["href"]
        assert href.startswith(prefix), f"{rel}: edit link {href} is not under {prefix}"
        source = href[len(prefix):]
        seen += 1
        if not (ROOT / source).is_file():
            missing.append(f"{rel} -> {source}")
    assert seen > 10 and not missing, f"edit links to files that do not exist: {missing}"
    about = _soup(site / "ru" / "about" / "index.html").select_one("a.md-content__button")["href"]
    assert about.endswith("docs/ru/about.md")


def test_every_page_shows_when_it_was_last_updated_in_its_language(site):
    from teiaguide import gitdates

    for rel, file in _pages(site):
        stamp = _soup(file).select_one(".teia-updated time[datetime]")
        assert stamp is not None, f"{rel}: no 'last updated' date"
    expected = gitdates.last_changed("docs/ru/about.md")
    ru = _soup(site / "ru" / "about" / "index.html").select_one(".teia-updated")
    en = _soup(site / "about" / "index.html").select_one(".teia-updated")
    assert ru.time["datetime"] == expected.isoformat()
    # CLDR's Russian long date: the year and «г.» joined by a no-break space
    assert "Последнее изменение" in ru.get_text() and re.fullmatch(r"\d{1,2} \w+ \d{4}\s?г\.", ru.time.get_text())
    assert "Last updated" in en.get_text() and str(expected.year) in en.time.get_text()
