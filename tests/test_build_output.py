"""The build's output: reproducible (two builds of one commit give byte-identical site/) and atomic
(a failed build leaves the previous site/ exactly as it was)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from teiaguide import build, pipeline
from teiaguide.build import BuildError
from teiaguide.pipeline import ALL_STEPS, build_site
from teiaguide.paths import MKDOCS_YML, ROOT


def snapshot(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under root."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def first_difference(a: dict[str, str], b: dict[str, str]) -> str | None:
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            return f"{name} exists in one build only"
        if a[name] != b[name]:
            return f"{name} differs"
    return None


def test_two_builds_of_one_commit_are_byte_identical(site, tmp_path, monkeypatch):
    """The session's build (languages in parallel) and a second build of the same commit (languages one
    after the other, under another time zone and locale, from another folder) are byte-identical."""
    if os.environ.get("TEIA_TEST_SITE"):
        pytest.skip("TEIA_TEST_SITE reuses a site that may not come from this commit")
    monkeypatch.setenv("TZ", "Asia/Almaty")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    second = build_site(tmp_path / "two" / "site", work_root=tmp_path / "two", steps=ALL_STEPS,
                        parallel=False).site
    a, b = snapshot(site), snapshot(second)
    assert len(a) > 50
    difference = first_difference(a, b)
    assert difference is None, f"the builds differ: {difference}"


def test_each_language_process_writes_what_a_plain_mkdocs_build_writes(tmp_path):
    """Each language is built by a `mkdocs build` of its own (static-i18n's build_only_locale); static-i18n's
    own build of every language in one process (a plain `mkdocs build` of the same staged docs) is the
    reference. Every page and theme file is the same, byte for byte: the Russian pages link to the theme
    files at the site root and carry no copy of their own. Only the sitemaps and 404 pages differ: the
    plain build writes the Russian ones over the English ones at the root, ours keeps one of each per
    language."""
    ours = snapshot(build_site(tmp_path / "ours" / "site", work_root=tmp_path / "ours", steps=()).site)
    stage_dir = tmp_path / "ours" / "stage" / "docs"
    command, env = build.mkdocs_command("en", tmp_path / "stock", stage_dir)
    env.pop(build.LANGUAGE_ENV)
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    stock = snapshot(tmp_path / "stock")
    per_language = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
    assert not [name for name in ours if name.startswith("ru/assets/")]
    assert set(ours) - set(stock) == {f"ru/{name}" for name in per_language}
    assert set(stock) - set(ours) == set()
    assert {name for name in stock if ours[name] != stock[name]} <= per_language
    assert any(name.startswith("assets/javascripts/bundle.") for name in ours)
    # Material's own search engine is never loaded (search is Pagefind): it is not published
    assert not [name for name in ours if "/lunr/" in name or name.endswith(".map")]


def test_each_language_sitemap_links_every_page_in_every_language(site):
    for lang, sitemap in (("en", site / "sitemap.xml"), ("ru", site / "ru" / "sitemap.xml")):
        text = sitemap.read_text(encoding="utf-8")
        urls = re.findall(r"<url>(.*?)</url>", text, re.S)
        assert len(urls) > 40
        for url in urls:
            loc = re.search(r"<loc>([^<]+)</loc>", url)[1]
            links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', url))
            assert set(links) == {"en", "ru"} and links[lang] == loc
            assert links["ru"].replace("/ru/", "/", 1) == links["en"]


def test_invalid_sources_start_no_build_and_keep_the_site(tmp_path, monkeypatch):
    """Validation comes first: invalid sources start no MkDocs process and write nothing."""
    from teiaguide.problems import SourceError

    target = tmp_path / "site"
    before = _existing_site(target)
    broken = tmp_path / "practices" / "KZ"
    broken.mkdir(parents=True)
    (broken / "broken.en.md").write_text("---\nid: broken\n---\nText.\n", encoding="utf-8")
    import teiaguide.features.practices as practices

    monkeypatch.setattr(practices, "SOURCE", tmp_path / "practices")
    started = []
    monkeypatch.setattr(pipeline, "build_languages", lambda *args, **kwargs: started.append(args))
    with pytest.raises(SourceError):
        build_site(target, work_root=tmp_path / "work", steps=())
    assert not started, "a language build was started although the sources are invalid"
    assert snapshot(target) == before
    assert not (tmp_path / "work" / "stage").exists(), "invalid sources were staged"


def test_the_command_line_builds_html_and_search_without_pdfs(tmp_path):
    """`teia-guide build --no-pdf` (what the preview builds): both languages and the search index, no PDF.
    The program ends with code 0 after its one-line report (it skips the interpreter's tear-down)."""
    site, timings = tmp_path / "site", tmp_path / "timings.json"
    result = subprocess.run([sys.executable, "-m", "teiaguide", "build", "--site", str(site), "--work", str(tmp_path / "work"),
                             "--no-pdf", "--timings-json", str(timings)],
                            cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Built {site} (validate ")
    assert (site / "index.html").is_file() and (site / "ru" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(site.rglob("*.pdf"))
    assert set(json.loads(timings.read_text(encoding="utf-8"))) == {"validate", "stage", "html", "search", "total"}


def test_dates_in_the_site_come_from_git(site):
    """No build date leaks into the pages: sitemap dates are commit dates (never after the last commit)."""
    from teiaguide import gitdates

    last_commit = gitdates.last_changed(".")
    for sitemap in (site / "sitemap.xml", site / "ru" / "sitemap.xml"):
        dates = re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap.read_text(encoding="utf-8"))
        assert dates and max(dates) <= (last_commit.isoformat() if last_commit else "9999")


def _existing_site(path: Path) -> dict[str, str]:
    (path / "ru").mkdir(parents=True)
    (path / "index.html").write_text("<html lang=en>previous</html>", encoding="utf-8")
    (path / "ru" / "index.html").write_text("<html lang=ru>предыдущая</html>", encoding="utf-8")
    return snapshot(path)


def _no_scratch_left(target: Path) -> None:
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")]
    scratch = target.parent / "work" / "scratch"
    leftovers += [p.name for p in scratch.iterdir()] if scratch.is_dir() else []
    assert not leftovers, f"scratch folders left behind: {leftovers}"


def test_a_build_failing_in_mkdocs_keeps_the_previous_site(tmp_path, monkeypatch):
    target = tmp_path / "site"
    before = _existing_site(target)
    # a configuration MkDocs rejects
    config = MKDOCS_YML.read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("- teiaguide/hooks.py", f"- {ROOT / 'teiaguide' / 'hooks.py'}")
    config = re.sub(r"(?m)^watch:.*$", "", config)
    config = config.replace("name: material", "name: no-such-theme")
    broken = tmp_path / "mkdocs.yml"
    broken.write_text(config, encoding="utf-8")
    monkeypatch.setattr(build, "MKDOCS_YML", broken)
    with pytest.raises(BuildError, match="no-such-theme"):
        build_site(target, work_root=tmp_path / "work", steps=())
    assert snapshot(target) == before
    _no_scratch_left(target)


def test_a_mkdocs_warning_fails_the_build_and_names_the_problem(tmp_path, monkeypatch):
    """--strict must count warnings in the language builds (MkDocs' --quiet used to drop them first):
    a page linking to a page that does not exist stops the build, and the message names both."""
    import shutil

    from teiaguide import paths
    from teiaguide.features import pages as pages_feature

    target = tmp_path / "site"
    before = _existing_site(target)
    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    about = docs / "ru" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Нет такой страницы](no-such-page.md)\n", encoding="utf-8")
    monkeypatch.setattr(pages_feature, "DOCS", docs)
    with pytest.raises(BuildError) as failure:
        build_site(target, work_root=tmp_path / "work", steps=())
    message = str(failure.value)
    assert "mkdocs build (ru) failed" in message and "mkdocs build (en) failed" not in message
    assert "about.md" in message and "no-such-page.md" in message
    assert snapshot(target) == before
    _no_scratch_left(target)


def test_a_build_failing_in_a_post_build_step_keeps_the_previous_site(tmp_path, monkeypatch):
    target = tmp_path / "site"
    before = _existing_site(target)
    ran = []

    def failing_step(site: Path) -> None:
        ran.append(site)
        (site / "half-written.pdf").write_bytes(b"%PDF-1.7 ...")
        raise RuntimeError("the PDF step broke")

    monkeypatch.setattr(pipeline, "post_build_steps", lambda records: {"pdf": failing_step})
    with pytest.raises(RuntimeError, match="the PDF step broke"):
        build_site(target, work_root=tmp_path / "work", steps=("pdf",))
    assert ran, "the post-build step did not run"
    assert snapshot(target) == before
    _no_scratch_left(target)
