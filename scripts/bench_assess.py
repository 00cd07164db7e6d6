#!/usr/bin/env python3
"""Benchmark of the self-assessment feature (issue 17). Prints two measures:

- scale: the generation step (reading and checking every submission, then rendering the tool page, the
  overview and the country pages in both languages) for 5 countries x 4 editions x every indicator, all
  generated synthetically, and for twice as many submissions (5 countries x 8 editions); the time ratio
  must be at most 2.1 (linear);
- weight: bytes a first visit downloads (HTML, stylesheets, scripts, fonts, data) for the tool page and for
  the Annex I calculator page, in headless Chromium with an empty cache, from a built site.

Synthetic submissions go to a temporary folder; nothing in the repository changes. Run on a built site
(`teia-guide build --no-pdf`): `scripts/bench_assess.py [--site site] [--runs 5]`.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from teiaguide import assessments  # noqa: E402
from teiaguide.features import countries, self_assessment  # noqa: E402
from teiaguide.guide import load_guide  # noqa: E402
from teiaguide.languages import LANGUAGES, prefix  # noqa: E402
from teiaguide.problems import Problems  # noqa: E402

COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]


def synthetic(folder: Path, indicator_set, editions: int) -> int:
    """Every indicator scored, one action per indicator below the plan level, for each country and edition."""
    rng = random.Random(17)
    levels = [level.id for level in indicator_set.levels]
    count = 0
    for code in COUNTRIES:
        for edition in range(2020, 2020 + editions):
            lines = ["format: teia-self-assessment", 'indicator_set: "1"', f"country: {code}", f"edition: {edition}",
                     f"date: {edition}-03-01", "language: en", 'prepared_by: "Synthetic benchmark data"', "scores:"]
            actions = []
            for indicator in indicator_set.indicator_ids():
                level = rng.choice(levels)
                lines += [f"  {indicator}:", f"    level: {level}", f'    evidence: "Synthetic evidence for {indicator} ({edition})."']
                if levels.index(level) < 3:
                    actions += [f"  - indicators: [{indicator}]", f'    action: "Synthetic action for {indicator}."',
                                '    responsible: "Synthetic authority"', '    partners: ""',
                                f"    start: {edition}-04-01", f"    end: {edition + 1}-03-31", "    status: planned"]
            lines += ["actions:" if actions else "actions: []", *actions]
            target = folder / code / f"{edition}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    return count


def generation_step(guide, folder: Path) -> float:
    """Read and check the submissions, then render every page they appear on, in every language."""
    state = guide.extra["self_assessment"]
    started = time.process_time()      # CPU time of this process: the machine's other load does not count
    problems = Problems()
    found = assessments.read_folder(folder, state.indicators, problems, [c.iso2 for c in guide.countries])
    assert not problems, problems.report()
    guide.extra["self_assessment"] = self_assessment.SelfAssessment(state.indicators, found, state.examples)
    for lang in LANGUAGES:
        list(self_assessment.generate(guide, lang))
        list(countries.generate(guide, lang))
    elapsed = time.process_time() - started
    guide.extra["self_assessment"] = state
    return elapsed


def scale(runs: int) -> None:
    guide = load_guide()
    indicator_set = guide.extra["self_assessment"].indicators
    timings = {}
    with tempfile.TemporaryDirectory() as scratch:
        for editions in (4, 8):
            folder = Path(scratch) / f"e{editions}"
            count = synthetic(folder, indicator_set, editions)
            generation_step(guide, folder)                          # warm-up: templates compiled, files cached
            samples = [generation_step(guide, folder) for _ in range(runs)]
            timings[editions] = statistics.median(samples)
            print(f"{count} submissions x {len(indicator_set.indicator_ids())} indicators: "
                  f"median {timings[editions] * 1000:.0f} ms CPU of {runs} (best {min(samples) * 1000:.0f} ms)")
    ratio = timings[8] / timings[4]
    print(f"ratio 40 / 20 submissions: {ratio:.2f} (goal <= 2.1: {'met' if ratio <= 2.1 else 'NOT met'})")


def weight(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        for lang in LANGUAGES:
            sizes = {}
            for name, path, ready in (("calculator", "calculator/", None), ("self-assessment", "self-assessment/", "#sa-save-yaml")):
                context = browser.new_context()
                tab = context.new_page()
                loaded: list[tuple[str, int]] = []
                tab.on("response", lambda response, loaded=loaded: loaded.append((response.url, len(response.body() or b""))))
                tab.goto(base + prefix(lang) + path)
                tab.wait_for_load_state("networkidle")
                if ready:
                    tab.wait_for_selector(ready)
                # every page loads the feature's script and stylesheet (extra_javascript/extra_css): the
                # calculator page as it was before the feature is the same load without them
                own = sum(size for url, size in loaded if "/self-assessment." in url)
                sizes[name] = (sum(size for _, size in loaded), len(loaded), own)
                context.close()
            (calc, calc_n, own), (tool, tool_n, _) = sizes["calculator"], sizes["self-assessment"]
            before = calc - own
            print(f"first load ({lang}): self-assessment {tool / 1024:.0f} KB in {tool_n} requests; calculator "
                  f"{calc / 1024:.0f} KB in {calc_n} requests, {before / 1024:.0f} KB without this feature's script "
                  f"and stylesheet ({own / 1024:.0f} KB): {tool / before:.2f} of the calculator's weight before it")
        browser.close()
    httpd.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    scale(args.runs)
    weight(args.site)


if __name__ == "__main__":
    main()
