"""Screenshots of the guide as readers see it, for reviewers who would rather look than read.

    .venv/bin/python scripts/screenshots.py            (or `make screenshots`)
    .venv/bin/python scripts/screenshots.py --build    rebuild the HTML first even if site/ looks current

Builds the HTML (no PDFs) when site/ is missing or older than a source file, serves site/ on 127.0.0.1,
and writes PNGs into screenshots/ (ignored by git): the home page, a chapter and the notification form,
on a phone (390 px) and a laptop (1366 px), in every language, and the home page in the dark scheme.
Each picture is the whole page, cut after a few screens. Headless Chromium is Debian's /usr/bin/chromium
(or $CHROMIUM), as in the tests.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from teiaguide.languages import LANGUAGES, prefix  # noqa: E402
from teiaguide.paths import DATA, DOCS, MKDOCS_YML, OVERRIDES, PRACTICES, ROOT, SITE  # noqa: E402

OUT = ROOT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PAGES = {"home": "", "chapter": "areas/prevention/", "form": "notification/form/"}
SCREENS = {"phone": (390, 844), "laptop": (1366, 900)}
DARK = [("home", "phone"), ("home", "laptop")]
MAX_HEIGHT = 4 * 900                          # a few screens: enough to judge, small enough to open


def site_is_current() -> bool:
    index = SITE / "index.html"
    if not index.is_file():
        return False
    built = index.stat().st_mtime
    sources = [MKDOCS_YML, *(p for root in (DOCS, DATA, PRACTICES, OVERRIDES, ROOT / "teiaguide")
                             for p in root.rglob("*") if p.is_file())]
    return all(source.stat().st_mtime <= built for source in sources)


def build() -> None:
    print("building the HTML (no PDFs) …", flush=True)
    subprocess.run([sys.executable, "-m", "teiaguide", "build", "--no-pdf"], cwd=ROOT, check=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def shoot(browser, base: str, lang: str, name: str, screen: str, scheme: str) -> Path:
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  device_scale_factor=1, locale=lang)
    tab = context.new_page()
    tab.goto(base + prefix(lang) + PAGES[name])
    tab.wait_for_load_state("load")
    tab.evaluate("document.fonts.ready")
    # a window as tall as the picture (a full-page capture resizes it mid-way and the theme hides its
    # tabs while that happens), then time for the tabs and the colour scheme to fade in
    full = tab.evaluate("document.documentElement.scrollHeight")
    tab.set_viewport_size({"width": width, "height": min(full, MAX_HEIGHT)})
    tab.wait_for_timeout(800)
    target = OUT / f"{lang}-{name}-{screen}{'-dark' if scheme == 'dark' else ''}.png"
    tab.screenshot(path=str(target))
    context.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="rebuild the HTML even if site/ looks current")
    args = parser.parse_args()
    if args.build or not site_is_current():
        build()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    httpd, base = serve()
    shots = [(lang, name, screen, "light") for lang in LANGUAGES for name in PAGES for screen in SCREENS]
    shots += [(lang, name, screen, "dark") for lang in LANGUAGES for name, screen in DARK]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for shot in shots:
                print(shoot(browser, base, *shot).relative_to(ROOT))
            browser.close()
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
