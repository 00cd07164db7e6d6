"""Files are files: in good_practices/ and data/ only ordinary files of the tree are read. A symbolic
link (to a file outside the repository or inside it), a hidden file, a pipe or anything resolving outside
the folder is refused, named as it appears in the tree, never as what it points to."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from teiaguide.practice_validation import read_practices
from teiaguide.problems import Problems
from teiaguide.yamlsource import load_yaml_file, read_front_matter

PRACTICE = """---
id: kz-x
country: KZ
areas: [identification]
title: "A practice"
year: 2020
organisation: "Ministry"
sources:
  - "A law: https://example.org/law"
---
Body.
"""


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "good_practices"
    (root / "KZ").mkdir(parents=True)
    (root / "KZ" / "real.en.md").write_text(PRACTICE, encoding="utf-8")
    (tmp_path / "secret.en.md").write_text(PRACTICE.replace("kz-x", "kz-secret"), encoding="utf-8")
    return root


def _read(root: Path) -> tuple[list, Problems]:
    problems = Problems()
    return read_practices(root, problems, ["KZ"], ["identification"]), problems


@pytest.mark.parametrize("make,words", [
    (lambda root: (root / "KZ" / "link.en.md").symlink_to(root.parent / "secret.en.md"), "symbolic link"),
    (lambda root: (root / "KZ" / "link.en.md").symlink_to(root / "KZ" / "real.en.md"), "symbolic link"),
    (lambda root: (root / "KZ" / "link.en.md").symlink_to("/etc/passwd"), "symbolic link"),
    (lambda root: (root / "KZ" / ".hidden.en.md").write_text(PRACTICE, encoding="utf-8"), "hidden"),
    (lambda root: os.mkfifo(root / "KZ" / "pipe.en.md"), "not an ordinary file"),
])
def test_anything_but_an_ordinary_file_is_refused_by_its_own_name(tree, make, words):
    make(tree)
    found, problems = _read(tree)
    assert [practice.meta.id for practice in found] == ["kz-x"]          # the real file only, never the target
    assert len(problems) == 1, problems.report()
    problem = problems.items[0]
    assert problem.path.parent == tree / "KZ" and problem.path.name != "real.en.md", problem.path
    assert words in problem.en and problem.ru
    assert "secret" not in problems.report() and "passwd" not in problems.report()


def test_a_linked_folder_is_not_followed(tree):
    (tree / "KG").symlink_to(tree.parent, target_is_directory=True)
    found, problems = _read(tree)
    assert [practice.meta.id for practice in found] == ["kz-x"]
    assert [p.path for p in problems.items] == [tree / "KG"]
    assert "symbolic link" in problems.items[0].en


def test_a_hidden_folder_is_refused(tree):
    (tree / ".git-stuff").mkdir()
    (tree / ".git-stuff" / "x.en.md").write_text(PRACTICE, encoding="utf-8")
    found, problems = _read(tree)
    assert [p.path for p in problems.items] == [tree / ".git-stuff"]


def test_data_file_that_is_a_link_is_refused(tmp_path, monkeypatch):
    from teiaguide import yamlsource

    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "outside.yml").write_text("a: 1\n", encoding="utf-8")
    (data / "ui.yml").symlink_to(tmp_path / "outside.yml")
    (data / "plain.yml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(yamlsource, "DATA", data)
    problems = Problems()
    assert load_yaml_file(data / "ui.yml", problems) is None
    assert load_yaml_file(data / "plain.yml", problems) == {"a": 1}
    assert [(p.path, "symbolic link" in p.en) for p in problems.items] == [(data / "ui.yml", True)]
    assert problems.items[0].location().endswith("data/ui.yml")


def test_oversized_files_are_refused_before_reading(tmp_path):
    file = tmp_path / "big.en.md"
    file.write_text("---\nid: x\n---\n" + "word " * 30_000, encoding="utf-8")
    problems = Problems()
    assert read_front_matter(file, problems, "id", limit=100_000) is None
    assert "larger than 100,000 bytes" in problems.items[0].en and "100\u00a0000 байт" in problems.items[0].ru


def test_a_practice_file_over_the_limit_is_refused(tree):
    (tree / "KZ" / "big.en.md").write_text(PRACTICE.replace("kz-x", "kz-big") + "word " * 30_000, encoding="utf-8")
    found, problems = _read(tree)
    assert [practice.meta.id for practice in found] == ["kz-x"]
    assert "larger than" in problems.items[0].en
