"""Translation status: every page, good practice and data record, both languages present, which one is
older (git history); the same table for the files a change touches; a generated page per language."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from teiaguide.cli import app
from teiaguide.features import status


def _git(root: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True, text=True).stdout


def _write(root: Path, rel: str, text: str = "x\n") -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def _commit(root: Path, when: str, *paths: str) -> None:
    _git(root, "add", *paths)
    _git(root, "commit", "-q", "-m", f"change {' '.join(paths)}", when=when)


def test_pages_report_missing_and_older_languages(tmp_path):
    _git(tmp_path, "init", "-q")
    for rel in ("docs/en/a.md", "docs/ru/a.md", "docs/en/b.md", "docs/en/c.md", "docs/ru/c.md"):
        _write(tmp_path, rel)
    _commit(tmp_path, "2026-01-01T10:00:00Z", "docs")
    _write(tmp_path, "docs/en/c.md", "changed\n")             # English edited after the translation
    _commit(tmp_path, "2026-03-01T10:00:00Z", "docs/en/c.md")
    _write(tmp_path, "docs/ru/d.md")                          # new, not committed yet

    rows = {row.item: row for row in status.page_rows(tmp_path / "docs", tmp_path)}
    assert rows["a.md"].state == "ok"
    assert rows["b.md"].state == "missing" and rows["b.md"].missing == ("ru",)
    assert rows["c.md"].state == "older" and rows["c.md"].older == ("ru",)
    assert rows["d.md"].missing == ("en",) and rows["d.md"].date("ru") == "uncommitted"
    text = status.table(list(rows.values()))
    assert "c.md" in text and "ru older than en" in text and "missing ru" in text


def test_practices_pair_by_country_and_slug(tmp_path):
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "good_practices/KZ/register.en.md")
    _write(tmp_path, "good_practices/KZ/register.ru.md")
    _write(tmp_path, "good_practices/UZ/road-map.ru.md")
    _commit(tmp_path, "2026-01-01T10:00:00Z", "good_practices")
    rows = {row.item: row for row in status.practice_rows(tmp_path / "good_practices", tmp_path)}
    assert rows["KZ/register"].state == "ok"
    assert rows["UZ/road-map"].missing == ("en",)


def test_data_records_need_both_languages(tmp_path):
    _write(tmp_path, "data/quiz.yml", "questions:\n"
           "  - {id: q1, question: {en: Why?, ru: Почему?}, options: [{id: a, en: A, ru: А}]}\n"
           "  - {id: q2, question: {en: How?, ru: ''}, options: [{id: a, en: B}]}\n")
    rows = {row.item: row for row in status.record_rows(tmp_path / "data", tmp_path)}
    assert rows["data/quiz.yml#q1"].state == "ok"
    assert rows["data/quiz.yml#q2"].missing == ("ru",)


def test_changed_lists_only_the_items_a_change_touches(tmp_path):
    _git(tmp_path, "init", "-q", "-b", "main")
    for rel in ("docs/en/a.md", "docs/ru/a.md", "docs/en/b.md", "docs/ru/b.md"):
        _write(tmp_path, rel)
    _commit(tmp_path, "2026-01-01T10:00:00Z", "docs")
    _git(tmp_path, "checkout", "-q", "-b", "topic")
    _write(tmp_path, "docs/ru/b.md", "new translation\n")
    _commit(tmp_path, "2026-02-01T10:00:00Z", "docs/ru/b.md")
    changed = status.changed_files("main", tmp_path)
    assert changed == {"docs/ru/b.md"}
    rows = status.touched(status.page_rows(tmp_path / "docs", tmp_path), changed)
    assert [row.item for row in rows] == ["b.md"] and rows[0].older == ("en",)


def test_command_prints_the_table_of_this_repository():
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "areas/prevention.md" in result.output and "items:" in result.output
    assert "practice" in result.output and "record" in result.output
    changed = CliRunner().invoke(app, ["status", "--changed", "HEAD"])
    assert changed.exit_code == 0, changed.output


def test_status_page_exists_in_both_languages(site):
    for lang_dir, heading in (("", "Translation status"), ("ru/", "Состояние перевода")):
        soup = BeautifulSoup((site / f"{lang_dir}status/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.h1.get_text(strip=True).startswith(heading)
        assert {h2["id"] for h2 in soup.select("h2[id]")} >= {"pages", "practices", "records"}
        cells = [td.get_text(" ", strip=True) for td in soup.select("#pages ~ table td")]
        assert "areas/prevention.md" in cells
