"""Read YAML (data files and front matter) into typed records, keeping line numbers for error messages.

PyYAML's C parser (libyaml) reads the files; our constructor records the line of every key and list item
(ruamel's round-trip loader did the same but took 95 % of the build's validation time); pydantic
validates the records. A pydantic
error carries the path of the faulty value (`loc`), which we walk back through the YAML tree to find its
line. Messages are given in English and Russian because contributors read them.

Every file is untrusted: it must be an ordinary file within its size limit (read_source), may contain no
invisible characters, aliases, explicit tags, list keys or nesting deeper than MAX_DEPTH
(_check_structure), and whatever it holds ends in a problem, never in an exception.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
import yaml
from yaml.constructor import ConstructorError

from .invisible import INVISIBLE, invisible_message
from .paths import DATA
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
        try:
            duplicate = key in mapping
        except TypeError:                    # the last guard: list and mapping keys are refused by _check_structure
            raise ConstructorError("while reading a mapping", node.start_mark, "a key must be a text", key_node.start_mark) from None
        if duplicate:
            raise ConstructorError("while reading a mapping", node.start_mark, f"duplicate key '{key}'", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line, sequence.item_lines = node.start_mark.line, [child.start_mark.line for child in node.value]
    return sequence


class _InvalidValue(yaml.MarkedYAMLError):
    """A scalar that has the form of a date or a number but is not one (2026-13-40, 5,000 digits)."""

    def __init__(self, node: yaml.Node, tag: str, err: Exception):
        super().__init__(problem=str(err), problem_mark=node.start_mark)
        shown = str(node.value)[:40]
        if tag == "timestamp":
            self.en = f"invalid value '{shown}': {err}. Dates are written YYYY-MM-DD."
            self.ru = f"недопустимое значение '{shown}': {err}. Даты записываются в виде ГГГГ-ММ-ДД."
        else:
            self.en = f"invalid number '{shown}…': {err}"
            self.ru = f"недопустимое число '{shown}…': {err}"


def _marked(construct, tag: str):
    """A scalar constructor whose failure is reported on the value's line instead of escaping as a bare
    ValueError."""
    def wrapper(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as err:
            raise _InvalidValue(node, tag, err) from None
    return wrapper


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
for _tag, _construct in (("int", yaml.SafeLoader.construct_yaml_int), ("float", yaml.SafeLoader.construct_yaml_float),
                         ("timestamp", yaml.SafeLoader.construct_yaml_timestamp)):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _marked(_construct, _tag))


class _DatesAsTextLoader(_Loader):
    """Dates stay text, so that a caller checking them reports an impossible date ('2026-13-40') on its
    field's line instead of failing inside the parser."""


_DatesAsTextLoader.add_constructor("tag:yaml.org,2002:timestamp", _DatesAsTextLoader.construct_yaml_str)


# --- limits on what our YAML may be (teiaguide never needs more; anything beyond is a mistake or an attack) ---

MAX_DEPTH = 20            # levels of nesting: our deepest file (data/countries.yml) uses 6
# The tags a plain YAML file gets implicitly; explicit ones (!!binary, !!set, !!python/..., !local) are refused.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge"))


def _check_structure(root: yaml.Node) -> tuple[yaml.Mark, str, str] | None:
    """What our files may not contain, found on the composed node tree without recursion: nesting deeper
    than MAX_DEPTH, aliases (a node reached twice: "billion laughs"), explicit tags, keys that are lists or
    mappings. Returns (where, English, Russian) of the first one."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return (node.start_mark, "anchors and aliases (&name, *name, <<: *name) are not allowed: write the values out",
                    "якоря и ссылки (&имя, *имя, <<: *имя) запрещены: запишите значения полностью")
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            return (node.start_mark, f"YAML tags ({node.tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed: write plain values",
                    f"теги YAML ({node.tag.replace('tag:yaml.org,2002:', '!!')}) запрещены: записывайте простые значения")
        if depth > MAX_DEPTH:
            return (node.start_mark, f"nested deeper than {MAX_DEPTH} levels, the most this guide's files may have",
                    f"вложенность глубже {MAX_DEPTH} уровней — больше, чем допустимо в файлах руководства")
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return (key.start_mark, "a key must be a word or text, not a list or a set of fields ('? [a, b]')",
                            "ключ должен быть словом или текстом, а не списком или набором полей («? [a, b]»)")
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return None


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
    """Parse YAML text; on any problem record it (with its line) and return None. No exception but
    SourceError leaves our loaders: whatever the text, the contributor gets a file:line message."""
    invisible = INVISIBLE.search(text)
    if invisible:
        problems.add(path, text.count("\n", 0, invisible.start()) + first_line, "", *invisible_message(invisible.group()))
        return None
    loader = (_DatesAsTextLoader if dates_as_text else _Loader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        found = _check_structure(node)
        if found:
            mark, en, ru = found
            if "*name" in en:             # the node is the anchored one: name the line of the first alias instead
                mark = next(event.start_mark for event in yaml.parse(text, Loader=yaml.CSafeLoader)
                            if isinstance(event, yaml.AliasEvent))
            problems.add(path, mark.line + first_line, "", en, ru)
            return None
        return loader.construct_document(node)
    except _InvalidValue as err:
        problems.add(path, err.problem_mark.line + first_line, "", err.en, err.ru)
        return None
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
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as err:   # no position known
        problems.add(path, first_line, "", f"YAML cannot be read: {err}", f"не удалось прочитать YAML: {err}")
        return None
    finally:
        loader.dispose()


MAX_DATA_FILE = 2_000_000          # bytes of a data file (the largest, data/annex1.yml, has 60 KB)


def file_problem(path: Path, root: Path | None = None) -> tuple[str, str] | None:
    """Why `path` is not an ordinary file of the tree under `root` (None if it is one): a symbolic link,
    a device or pipe, a hidden file, or something that resolves outside `root`. Named as it appears in
    the tree, never as what it points to. Without `root` (a file named by the user), only a device or
    pipe is refused: reading /dev/zero or a FIFO would never end."""
    try:
        info = path.lstat() if root is not None else path.stat()    # a file named on the command line may be a link
    except OSError as err:
        return f"cannot read the file: {err.strerror}", f"не удалось прочитать файл: {err.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return ("is a symbolic link: the guide reads ordinary files only; put the file itself here",
                "является символической ссылкой: руководство читает только обычные файлы; поместите сюда сам файл")
    if not stat.S_ISREG(info.st_mode):
        return ("is not an ordinary file (a device, a pipe or a socket)",
                "не является обычным файлом (устройство, канал или сокет)")
    if root is not None:
        absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
        inside = absolute.relative_to(root).parts if absolute.is_relative_to(root) else None
        if inside is None or absolute.resolve() != root.resolve().joinpath(*inside):    # a link on the way
            return ("resolves to a place outside its folder (through a symbolic link): the guide reads ordinary files only",
                    "указывает за пределы своей папки (через символическую ссылку): руководство читает только обычные файлы")
        if any(part.startswith(".") for part in inside):
            return ("hidden files (names starting with '.') are not read: rename or remove it",
                    "скрытые файлы (имя начинается с «.») не читаются: переименуйте или удалите его")
    return None


def read_source(path: Path, problems: Problems, limit: int, root: Path | None = None) -> str | None:
    """The text of a source file, or None after reporting why it cannot be one: not an ordinary file
    (see file_problem), larger than `limit` bytes (checked before reading), or not UTF-8 (reported on the
    line of the first bad byte). A UTF-8 byte-order mark at the start is accepted and removed."""
    why = file_problem(path, root)
    if why:
        problems.add(path, None, "", *why)
        return None
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        problems.add(path, None, "", f"cannot read the file: {err.strerror}", f"не удалось прочитать файл: {err.strerror}")
        return None
    if len(data) > limit:
        problems.add(path, None, "", f"the file is larger than {limit:,} bytes, the most this kind of file may have",
                     f"файл больше {limit:,} байт — больше, чем допустимо для такого файла".replace(f"{limit:,}", f"{limit:,}".replace(",", "\u00a0")))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.add(path, line, "", f"not UTF-8 text: byte 0x{data[err.start]:02x} cannot be read; save the file as UTF-8",
                     f"текст не в кодировке UTF-8: байт 0x{data[err.start]:02x} не читается; сохраните файл в UTF-8")
        return None


# path -> (modification stamp, tree): a file is parsed once per process while it does not change (its
# owner's loader and the translation status both read the data files). Callers treat trees as read-only.
_parsed: dict[tuple[str, bool], tuple[tuple[int, int], Any]] = {}


def load_yaml_file(path: Path, problems: Problems, dates_as_text: bool = False, limit: int = MAX_DATA_FILE) -> Any | None:
    """A YAML file's tree, or None after reporting its problems. A file under data/ must be an ordinary
    file of that folder (file_problem)."""
    root = DATA if Path(os.path.abspath(path)).is_relative_to(DATA) else None
    try:
        info = path.stat()
        key, stamp = (os.path.abspath(path), dates_as_text), (info.st_mtime_ns, info.st_size, info.st_ino)
        if key in _parsed and _parsed[key][0] == stamp and not path.is_symlink():
            return _parsed[key][1]
    except OSError:
        key = stamp = None
    text = read_source(path, problems, limit, root)
    if text is None:
        return None
    tree = parse_yaml(text, path, problems, dates_as_text=dates_as_text)
    if tree is not None and key is not None:
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


def read_front_matter(file: Path, problems: Problems, keys: str, limit: int = MAX_DATA_FILE,
                      root: Path | None = None) -> tuple[Mapping, str, str, int] | None:
    """Read a Markdown file with YAML front matter: (front matter, whole text, body, line of the body's start).

    `keys` names the expected front-matter keys in the message shown when the front matter is missing;
    `limit` is the largest size accepted, `root` the folder the file must be an ordinary file of.
    Returns None after reporting the problem when the file cannot be read or has no usable front matter.
    """
    text = read_source(file, problems, limit, root)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.add(file, 1, "", f"the file must start with front matter between two '---' lines ({keys})",
                     f"файл должен начинаться с блока front matter между двумя строками '---' ({keys})")
        return None
    count = len(problems)
    tree = parse_yaml(front, file, problems, first_line=2)
    if tree is None:
        if len(problems) == count:
            problems.add(file, 2, "", f"the front matter is empty ({keys})", f"front matter пуст ({keys})")
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
