"""Shared fixtures: one real build of the whole site per test session, served on 127.0.0.1, and a
headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from teiaguide.pipeline import ALL_STEPS, build_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network and a root user: no background requests to other hosts, no sandbox.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The whole site (every language, generated pages, search index, PDFs), built from the sources once
    per test run: with several workers (`pytest -n`), the first builds it and the others wait for it.

    TEIA_TEST_SITE=path/to/site reuses an existing build instead (quicker while developing a test).
    """
    if os.environ.get("TEIA_TEST_SITE"):
        return Path(os.environ["TEIA_TEST_SITE"]).resolve()
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if worker_id != "master" else base) / "session-build"
    with FileLock(f"{root}.lock"):
        if not (root / "site" / "index.html").is_file():
            build_site(root / "site", work_root=root, steps=ALL_STEPS)
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that leaves a page while it loads closes its connections: not an error of the test."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site served over HTTP on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that records every request it makes (page.requests)."""
    context = browser.new_context(locale="ru-RU")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")
