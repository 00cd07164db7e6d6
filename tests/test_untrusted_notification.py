"""`teia-guide notify` on hostile files: non-finite, absurd and ambiguous numbers, oversized fields and
files, hostile YAML, a pipe instead of a file; every one ends in file:line problems in English and
Russian, exit code 1 and nothing written."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiaguide import notify as notify_module
from teiaguide.cli import app
from teiaguide.paths import ROOT
from teiaguide.problems import Problems

EXAMPLE = (ROOT / "examples" / "notifications" / "example.en.yml").read_text(encoding="utf-8")
QUANTITY_LINE = EXAMPLE[: EXAMPLE.index("max_quantity_t: 180")].count("\n") + 1
NAME_LINE = EXAMPLE[: EXAMPLE.index("activity_name:")].count("\n") + 1


def notify(tmp_path: Path, text: str | bytes) -> tuple[int, str]:
    source = tmp_path / "input.yml"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = CliRunner().invoke(app, ["notify", str(source), "--lang", "both", "--out", str(tmp_path / "out")])
    assert not (tmp_path / "out").exists(), "something was written"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("quantity,words", [
    (".inf", "finite"), ("-.inf", "finite"), (".nan", "finite"), ('"Infinity"', "expected a number"),
    ('"1e999"', "finite"), ("1" + "0" * 400, "more than any installation"), ('"' + "9" * 400 + '"', "expected a number"),
    ("2000000000", "more than any installation"), ('"1,250"', "could mean 1250 or 1.25"), ('"NaN"', "expected a number"),
])
def test_numbers_that_would_give_a_wrong_answer_are_refused(tmp_path, quantity, words):
    code, output = notify(tmp_path, EXAMPLE.replace("max_quantity_t: 180", f"max_quantity_t: {quantity}"))
    assert code == 1
    lines = [line for line in output.splitlines() if line.startswith(f"{tmp_path / 'input.yml'}:{QUANTITY_LINE}: ")]
    assert len(lines) == 2 and words in lines[0], output
    assert re.search("[а-яё]", lines[1]), lines[1]


@pytest.mark.parametrize("quantity,value", [('"1 250,5"', "1250.5"), ('"1,250.5"', "1250.5"), ('"12,5"', "12.5")])
def test_numbers_in_either_locale_are_read_as_written(quantity, value):
    from teiaguide.notify import _number

    assert str(_number(quantity.strip('"'))) == value


def test_a_two_megabyte_field_is_refused_before_anything_is_rendered(tmp_path):
    code, output = notify(tmp_path, EXAMPLE.replace('activity_name: "Riverside Chlorine Plant (fictitious)"',
                                                    'activity_name: "' + "A" * 2_000_000 + '"'))
    assert code == 1 and "larger than 1,000,000 bytes" in output and "1\u00a0000\u00a0000 байт" in output
    code, output = notify(tmp_path, EXAMPLE.replace('activity_name: "Riverside Chlorine Plant (fictitious)"',
                                                    'activity_name: "' + "A" * 100_000 + '"'))
    assert code == 1 and f"input.yml:{NAME_LINE}: activity_name: too long: 100,000 characters" in output


@pytest.mark.parametrize("text,words", [
    ("? [a, b]\n: 1\n", "key"),
    ("a: &x [1]\nb: *x\n", "aliases"),
    ("template: !!binary aGVsbG8=\n", "tags"),
    ("a:" + " [" * 300 + " ]" * 300 + "\n", "levels"),
    (b"\xef\xbb\xbftemplate: teia-notification\nbad: \xff\n", "UTF-8"),
    ("template: teia-notification\nactivity_name: x\u202ey\n", "U+202E"),
])
def test_hostile_yaml_is_a_problem_not_a_traceback(tmp_path, text, words):
    code, output = notify(tmp_path, text)
    assert code == 1 and words in output and "Traceback" not in output, output


def test_a_pipe_is_refused_instead_of_read_forever(tmp_path):
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    result = CliRunner().invoke(app, ["notify", str(pipe), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1                      # the command line already wants a file
    problems = Problems()                             # and the loader refuses it on its own
    assert notify_module.read_notification(pipe, notify_module.load_definitions().notification, problems) is None
    assert "not an ordinary file" in problems.items[0].en
