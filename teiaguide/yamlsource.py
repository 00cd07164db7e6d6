"""Read YAML (data files and front matter) into typed records, keeping line numbers for error messages.

PyYAML's C parser (libyaml) reads the files; our constructor records the line of every key and list item
(ruamel's round-trip loader did the same but took 95 % of the build's validation time); pydantic
validates the records. A pydantic
error carries the path of the faulty value (`loc`), which we walk back through the YAML tree to find its
line. Messages are given in English and Russian because contributors read them.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
import yaml
from yaml.constructor import ConstructorError

from .problems import Problems

Model = TypeVar("Model", bound=BaseModel)


class BilingualError(ValueError):
    """A validation message written in both languages (raise it from pydantic validators)."""

    def __init__(self, en: str, ru: str):
        super().__init__(en)
        self.en = en
        self.ru = ru


# Russian wording of the pydantic error types our records can produce.
_RU_BY_TYPE = {
    "missing": "обязательное поле отсутствует",
    "extra_forbidden": "неизвестное поле (проверьте написание)",
    "string_type": "ожидается текст",
    "string_too_short": "поле не должно быть пустым",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число",
    "bool_type": "ожидается true или false",
    "bool_parsing": "ожидается true или false",
    "list_type": "ожидается список",
    "dict_type": "ожидается набор полей (словарь)",
    "model_type": "ожидается набор полей (словарь)",
    "literal_error": "недопустимое значение",
    "enum": "недопустимое значение",
    "greater_than": "значение должно быть больше нуля",
    "greater_than_equal": "значение слишком мало",
    "less_than_equal": "значение слишком велико",
    "too_short": "список слишком короткий",
    "string_pattern_mismatch": "значение не соответствует формату",
    "date_from_datetime_parsing": "ожидается дата в формате ГГГГ-ММ-ДД",
    "date_parsing": "ожидается дата в формате ГГГГ-ММ-ДД",
    "date_type": "ожидается дата в формате ГГГГ-ММ-ДД",
    "url_parsing": "ожидается адрес (URL)",
}

class Mapping(dict):
    """A YAML mapping that remembers where it starts and the line of each key (0-based)."""

    line: int = 0
    key_lines: dict


class Sequence(list):
    """A YAML sequence that remembers where it starts and the line of each item (0-based)."""

    line: int = 0
    item_lines: list


class _Loader(yaml.CSafeLoader):
    """libyaml's parser with our constructors; YAML 1.2 booleans only (true/false): in YAML 1.1 an
    unquoted answer "No" or a country code "NO" would silently become False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line, mapping.key_lines = node.start_mark.line, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise ConstructorError("while reading a mapping", node.start_mark, f"duplicate key '{key}'", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line, sequence.item_lines = node.start_mark.line, [child.start_mark.line for child in node.value]
    return sequence


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class _DatesAsTextLoader(_Loader):
    """Dates stay text, so that a caller checking them reports an impossible date ('2026-13-40') on its
    field's line instead of failing inside the parser."""


_DatesAsTextLoader.add_constructor("tag:yaml.org,2002:timestamp", _DatesAsTextLoader.construct_yaml_str)


def key_line(mapping: Any, key: Any, first_line: int = 1) -> int | None:
    """1-based line of a key of a parsed mapping (first_line: the line where the YAML text starts)."""
    if isinstance(mapping, Mapping) and key in mapping.key_lines:
        return mapping.key_lines[key] + first_line
    return None


def item_line(sequence: Any, index: int, first_line: int = 1) -> int | None:
    """1-based line of an item of a parsed sequence."""
    if isinstance(sequence, Sequence) and 0 <= index < len(sequence.item_lines):
        return sequence.item_lines[index] + first_line
    return None


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1,
               dates_as_text: bool = False) -> Any | None:
    """Parse YAML text; on a syntax error record it (with its line) and return None."""
    loader = _DatesAsTextLoader if dates_as_text else _Loader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - both loaders are safe loaders
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + first_line) if mark else None
        what = " ".join(filter(None, [err.context, err.problem]))
        problems.add(
            path, line, "",
            f"YAML syntax error: {what}. Check indentation, colons and quotes.",
            f"ошибка синтаксиса YAML: {what}. Проверьте отступы, двоеточия и кавычки.",
        )
        return None
    except ValueError as err:
        # PyYAML builds dates while parsing: an impossible date (2026-13-40) raises without a position
        line = _first_impossible_date(text)
        problems.add(
            path, (line + first_line - 1) if line else None, "",
            f"invalid value: {err}. Dates are written YYYY-MM-DD.",
            f"недопустимое значение: {err}. Даты записываются в виде ГГГГ-ММ-ДД.",
        )
        return None


_DATE_LIKE = re.compile(r"(?<![\d.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d.])")


def _first_impossible_date(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_LIKE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number
    return None


# path -> (modification stamp, tree): a file is parsed once per process while it does not change (its
# owner's loader and the translation status both read the data files). Callers treat trees as read-only.
_parsed: dict[tuple[str, bool], tuple[tuple[int, int], Any]] = {}


def load_yaml_file(path: Path, problems: Problems, dates_as_text: bool = False) -> Any | None:
    try:
        stat = path.stat()
        key, stamp = (str(path.resolve()), dates_as_text), (stat.st_mtime_ns, stat.st_size)
        if key in _parsed and _parsed[key][0] == stamp:
            return _parsed[key][1]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.add(path, None, "", f"cannot read the file: {err}", f"не удалось прочитать файл: {err}")
        return None
    tree = parse_yaml(text, path, problems, dates_as_text=dates_as_text)
    if tree is not None:
        _parsed[key] = (stamp, tree)
    return tree


def line_of(tree: Any, loc: tuple[Any, ...], first_line: int = 1) -> int | None:
    """Line (1-based) of the value at `loc` inside a parsed tree; the nearest known parent otherwise."""
    line = None
    node = tree
    for key in loc:
        if isinstance(node, Mapping) and key in node:
            line = key_line(node, key, first_line) or line
        elif isinstance(node, Sequence) and isinstance(key, int) and 0 <= key < len(node):
            line = item_line(node, key, first_line) or line
        else:
            break
        node = node[key]
    if line is None and isinstance(tree, (Mapping, Sequence)):
        line = tree.line + first_line
    return line


def dotted(loc: tuple[Any, ...]) -> str:
    """A readable field path: questions[3].options[0].en"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def report_validation_error(
    err: ValidationError, tree: Any, path: Path, problems: Problems, base_loc: tuple[Any, ...] = (), first_line: int = 1
) -> None:
    for item in err.errors(include_url=False):
        # pydantic adds the name of the union/validator to loc for some errors; keep the data path only
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        full = base_loc + loc
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, BilingualError):
            en, ru = cause.en, cause.ru
        else:
            en = item["msg"]
            ru = _RU_BY_TYPE.get(item["type"], item["msg"])
            expected = (item.get("ctx") or {}).get("expected")
            if expected:
                ru = f"{ru}; допустимо: {expected}"
        problems.add(path, line_of(tree, full, first_line), dotted(full), en, ru)


def validate(model: type[Model], root: Any, path: Path, problems: Problems,
             at: tuple[Any, ...] = (), first_line: int = 1, context: dict | None = None) -> Model | None:
    """Validate the value at `at` inside a parsed YAML tree into a record; None (and problems) if invalid."""
    value = root
    for key in at:
        value = value[key]
    try:
        return model.model_validate(value, context=context)
    except ValidationError as err:
        report_validation_error(err, root, path, problems, at, first_line)
        return None


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` YAML front matter from a Markdown text.

    Returns (front matter text or None, body, line number of the body's first line). The front matter's
    first line is line 2 of the file, which is what error messages must count from.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return "".join(lines[1:]), "", len(lines) + 1


def read_front_matter(file: Path, problems: Problems, keys: str) -> tuple[Mapping, str, str, int] | None:
    """Read a Markdown file with YAML front matter: (front matter, whole text, body, line of the body's start).

    `keys` names the expected front-matter keys in the message shown when the front matter is missing.
    Returns None after reporting the problem when the file cannot be read or has no usable front matter.
    """
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.add(file, 1, "", f"cannot read the file as UTF-8 text: {err}",
                     f"не удалось прочитать файл как текст UTF-8: {err}")
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.add(file, 1, "", f"the file must start with front matter between two '---' lines ({keys})",
                     f"файл должен начинаться с блока front matter между двумя строками '---' ({keys})")
        return None
    tree = parse_yaml(front, file, problems, first_line=2)
    if tree is None:
        return None
    if not isinstance(tree, Mapping):
        problems.add(file, 2, "", "front matter must be a set of 'key: value' lines",
                     "front matter должен состоять из строк 'ключ: значение'")
        return None
    return tree, text, body, body_line


def load_data_file(path: Path, model: type[Model], problems: Problems) -> tuple[Any, Model] | None:
    """Read a data file and validate it as a whole into `model`: (parsed tree, record), or None after
    reporting its problems. The tree is returned for cross-checks that need line numbers."""
    tree = load_yaml_file(path, problems)
    if tree is None:
        return None
    data = validate(model, tree, path, problems)
    return None if data is None else (tree, data)
