"""`teia-guide notify`: a filled notification (YAML, or the JSON saved by the fillable form) in, the
notification as HTML and PDF out, in one of the guide's languages or all of them side by side (`--lang both`).

The input is checked against the field definitions of data/notification.yml, the same ones the pages and
the browser form use. Every problem is reported with file, line, field and a message in English and
Russian; if there is any, nothing is written. Outputs are rendered in memory first and then moved into
place, so a failure never leaves half a file behind.
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from . import fonts
from .features import notification as feature
from .features import ui as ui_feature
from .features.notification import NotificationData, NotificationField, Section
from .guide import Guide
from .languages import LANGUAGES, NAMES
from .problems import Problems, SourceError
from .render import render
from .yamlsource import Mapping, Sequence, dotted, line_of, load_yaml_file

FORMAT = "teia-notification"
MAX_NOTIFICATION_FILE = 1_000_000       # bytes: the fictitious example has 5 KB
MAX_TEXT = {"text": 1_000, "textarea": 20_000}   # characters of one value (a list item counts as "text")
MAX_LIST_ITEMS = 200
MAX_QUANTITY_T = 1e9                    # tonnes: a billion, far above the largest storage site
META_KEYS = ("template", "version", "example")    # written by the form / marks a fictitious example
CHOICES = (*LANGUAGES, feature.BOTH)             # the output languages of `teia-guide notify` and `assess`


def suffix(language: str) -> str:
    """Of the output files' names: "en", "ru-en"."""
    return "-".join(feature.output_languages(language))


@dataclass
class FilledNotification:
    """A checked notification: field id -> value; repeatable section id -> list of {field id: value}."""

    source: Path
    values: dict[str, Any] = field(default_factory=dict)
    example: bool = False
    version: str | None = None


# --- definitions ---------------------------------------------------------------------------------------

def load_definitions() -> Guide:
    """Only what the generator needs (interface strings and field definitions), not the whole guide:
    a problem in another part of the guide must not stop an official from producing a notification."""
    guide = Guide()
    problems = Problems()
    ui_feature.load(guide, problems)
    feature.load(guide, problems)
    if problems:
        raise SourceError(problems)
    return guide


# --- checking the input --------------------------------------------------------------------------------

class _Checker:
    def __init__(self, path: Path, tree: Any, data: NotificationData, problems: Problems):
        self.path, self.tree, self.data, self.problems = path, tree, data, problems
        self.aliases = {old: f.id for _, f in data.fields() for old in f.formerly}

    def add(self, loc: tuple, field_name: str, en: str, ru: str) -> None:
        self.problems.add(self.path, line_of(self.tree, loc) or 1, field_name, en, ru)

    def keys(self, mapping: Mapping, allowed: dict[str, Any], loc: tuple, extra: tuple[str, ...] = ()) -> dict[str, str]:
        """Map every key of `mapping` to a known id (following renamed ids); report unknown keys."""
        found: dict[str, str] = {}
        for key in mapping:
            name = self.aliases.get(key, key) if isinstance(key, str) else key
            if name in allowed or name in extra:
                found[name] = key
                continue
            close = difflib.get_close_matches(str(key), [*allowed, *extra], n=1) if len(str(key)) < 100 else []
            hint_en = f"; did you mean '{close[0]}'?" if close else ""
            hint_ru = f"; возможно, имелось в виду '{close[0]}'?" if close else ""
            shown = str(key)[:60]
            self.add(loc + (key,), dotted(loc + (shown,)), f"unknown field '{shown}'{hint_en}",
                     f"неизвестное поле '{shown}'{hint_ru}")
        return found

    def check(self) -> FilledNotification | None:
        filled = FilledNotification(self.path)
        if not isinstance(self.tree, Mapping):
            self.add((), "", "the file must contain fields as 'key: value' pairs",
                     "файл должен содержать поля в виде пар «ключ: значение»")
            return None
        top: dict[str, Any] = {}
        for section in self.data.sections:
            if section.repeatable:
                top[section.id] = section
            else:
                top.update({f.id: (section, f) for f in section.fields})
        present = self.keys(self.tree, top, (), META_KEYS)
        self._meta(present, filled)
        for name, target in top.items():
            if isinstance(target, Section):
                self._section(target, present.get(name), filled)
            else:
                section, definition = target
                value = self._field(definition, self.tree, present.get(name), ())
                if value is not None:
                    filled.values[definition.id] = value
        self._dates(filled, present)
        return filled

    def _meta(self, present: dict[str, str], filled: FilledNotification) -> None:
        if "template" in present and self.tree[present["template"]] != FORMAT:
            self.add(("template",), "template", f"'template' must be '{FORMAT}'", f"значение 'template' должно быть '{FORMAT}'")
        if "example" in present:
            if not isinstance(self.tree["example"], bool):
                self.add(("example",), "example", "expected true or false", "ожидается true или false")
            else:
                filled.example = self.tree["example"]
        if "version" in present:
            filled.version = str(self.tree["version"])

    def _section(self, section: Section, key: str | None, filled: FilledNotification) -> None:
        entries = self.tree.get(key) if key else None
        needed = any(f.required for f in section.fields)
        if entries is None or entries == []:
            if needed:
                self.add((key,) if key else (), section.id,
                         f"section {section.letter} ({section.title('en')}) needs at least one entry",
                         f"в разделе {section.letter} ({section.title('ru')}) нужна хотя бы одна запись")
            return
        if not isinstance(entries, Sequence):
            self.add((key,), section.id, "expected a list of entries (each starting with '- ')",
                     "ожидается список записей (каждая начинается с «- »)")
            return
        rows = []
        for index, entry in enumerate(entries):
            loc = (key, index)
            if not isinstance(entry, Mapping):
                self.add(loc, dotted(loc), "each entry must be a set of 'key: value' pairs",
                         "каждая запись должна состоять из пар «ключ: значение»")
                continue
            fields = {f.id: f for f in section.fields}
            present = self.keys(entry, fields, loc)
            row = {}
            for definition in section.fields:
                value = self._field(definition, entry, present.get(definition.id), loc)
                if value is not None:
                    row[definition.id] = value
            rows.append(row)
        filled.values[section.id] = rows

    def _field(self, definition: NotificationField, mapping: Mapping, key: str | None, loc: tuple) -> Any:
        """The checked value of one field, or None if absent or invalid (problems reported)."""
        where = loc + ((key,) if key else ())
        name = dotted(loc + (definition.id,))
        value = mapping.get(key) if key else None
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            if definition.required:
                self.add(where if key else loc, name,
                         f"required field '{definition.id}' ({definition.label('en')}) is missing or empty",
                         f"обязательное поле '{definition.id}' ({definition.label('ru')}) отсутствует или пусто")
            return None
        checked = _convert(definition, value)
        if isinstance(checked, _Invalid):
            self.add(where, name, checked.en, checked.ru)
            return None
        return checked

    def _dates(self, filled: FilledNotification, present: dict[str, str]) -> None:
        sent, deadline = filled.values.get("notification_date"), filled.values.get("reply_deadline")
        if isinstance(sent, dt.date) and isinstance(deadline, dt.date) and deadline <= sent:
            self.add((present["reply_deadline"],), "reply_deadline",
                     f"the deadline for reply ({deadline}) must come after the date of notification ({sent})",
                     f"срок для ответа ({deadline}) должен быть позже даты уведомления ({sent})")


@dataclass
class _Invalid:
    en: str
    ru: str


def _convert(definition: NotificationField, value: Any) -> Any:
    kind = definition.type
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return _Invalid(f"expected a date as YYYY-MM-DD, got '{str(value)[:40]}'",
                            f"ожидается дата в формате ГГГГ-ММ-ДД, указано '{str(value)[:40]}'")
    if kind == "number":
        return _number(value)
    if kind == "list":
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) or item is None or not str(item).strip() for item in items):
            return _Invalid("expected a list of texts, one per line starting with '- '",
                            "ожидается список строк, каждая с новой строки и начинается с «- »")
        if len(items) > MAX_LIST_ITEMS:
            return _Invalid(f"{len(items)} items: at most {MAX_LIST_ITEMS} are allowed",
                            f"пунктов: {len(items)}; допустимо не более {MAX_LIST_ITEMS}")
        long = next((item for item in items if len(str(item)) > MAX_TEXT["text"]), None)
        if long is not None:
            return _too_long(len(str(long)), MAX_TEXT["text"])
        return [str(item).strip() for item in items]
    if isinstance(value, (dict, list)):
        return _Invalid("expected text, not a list or a set of fields", "ожидается текст, а не список или набор полей")
    text = str(value).strip()
    if len(text) > MAX_TEXT.get(kind, MAX_TEXT["text"]):
        return _too_long(len(text), MAX_TEXT.get(kind, MAX_TEXT["text"]))
    if kind == "choice":
        ids = [option.id for option in definition.options]
        if text not in ids:
            return _Invalid(f"'{text[:60]}' is not allowed; choose one of: {', '.join(ids)}",
                            f"значение '{text[:60]}' недопустимо; выберите одно из: {', '.join(ids)}")
    if definition.pattern and not re.fullmatch(definition.pattern, text):
        return _Invalid(f"'{text[:60]}' does not have the expected format",
                        f"значение '{text[:60]}' не соответствует ожидаемому формату")
    return text


def _too_long(length: int, limit: int) -> _Invalid:
    return _Invalid(f"too long: {length:,} characters, at most {limit:,} are allowed here",
                    f"слишком длинно: {_ru(length)} знаков, здесь допустимо не более {_ru(limit)}")


def _ru(number: float) -> str:
    """A whole number grouped the Russian way: 1 000 000."""
    return f"{number:,.0f}".replace(",", "\u00a0")


# A number as people write it: 1250, 1250.5, "1 250,5" (Russian), "1,250.5" (English). "1,250" alone could
# be either 1250 or 1.25, so it is refused with that question rather than read as one of them.
_GROUPED_EN = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_PLAIN = re.compile(r"^[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]{1,3})?$")
_AMBIGUOUS = re.compile(r"^[0-9]{1,3},[0-9]{3}$")


def _number(value: Any) -> Any:
    """A positive, finite quantity in tonnes, at most MAX_QUANTITY_T."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return _Invalid("expected a number", "ожидается число")
    if isinstance(value, str):
        text = re.sub(r"(?<=[0-9])[ \u00a0\u202f\u2009](?=[0-9]{3}\b)", "", value.strip()[:41])
        if _AMBIGUOUS.match(text):
            whole, fraction = text.split(",")
            small = f"{whole}.{fraction.rstrip('0') or '0'}"
            return _Invalid(f"'{text}' could mean {whole}{fraction} or {small}: write {whole}{fraction} or {small}",
                            f"'{text}' можно прочитать как {whole}{fraction} или как {small.replace('.', ',')}: "
                            f"напишите {whole}{fraction} или {small}")
        if _GROUPED_EN.match(text):
            text = text.replace(",", "")
        elif len(text) > 40 or not _PLAIN.match(text):
            return _Invalid(f"expected a number, got '{value[:40]}'", f"ожидается число, указано '{value[:40]}'")
        number = float(text.replace(",", "."))
    else:
        number = float(value) if isinstance(value, float) or abs(value) < 10 ** 20 else (1e20 if value > 0 else -1e20)
    if not math.isfinite(number):
        return _Invalid("expected a finite number (not infinity or 'not a number')",
                        "ожидается конечное число (не бесконечность и не «не число»)")
    if not number > 0:
        return _Invalid("the number must be greater than zero", "число должно быть больше нуля")
    if number > MAX_QUANTITY_T:
        return _Invalid(f"{number:g} t is more than any installation holds ({MAX_QUANTITY_T:,.0f} t at most): check the unit",
                        f"{number:g} т — больше, чем может храниться на объекте (не более {_ru(MAX_QUANTITY_T)} т): проверьте единицы")
    return int(number) if number.is_integer() else number


def _load(path: Path, problems: Problems) -> Any | None:
    # the JSON saved by the online form is YAML too; dates are checked field by field, as text
    return load_yaml_file(path, problems, dates_as_text=True, limit=MAX_NOTIFICATION_FILE)


def read_notification(path: Path, data: NotificationData, problems: Problems) -> FilledNotification | None:
    count = len(problems)
    tree = _load(path, problems)
    if tree is None:
        if len(problems) == count:
            problems.add(path, 1, "", "the file is empty", "файл пуст")
        return None
    filled = _Checker(path, tree, data, problems).check()
    return filled if len(problems) == count else None


# --- output --------------------------------------------------------------------------------------------

def display(definition: NotificationField, value: Any, codes: tuple[str, ...]) -> str:
    """A value as shown in the notification (choices by their label, in the output language(s))."""
    if definition.type == "choice":
        option = next(o for o in definition.options if o.id == value)
        return " / ".join(option.label(code) for code in codes)
    if isinstance(value, list):
        return "\n".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render_html(guide: Guide, filled: FilledNotification, language: str) -> str:
    shown = feature.output_languages(language)
    return render(
        "notification/document.html.j2",
        data=guide.notification, values=filled.values, example=filled.example, codes=shown,
        bilingual=len(shown) > 1, ui={code: feature.ui_strings(guide, code) for code in shown},
        display=display, lang_names=NAMES,
    )


def font_css() -> str:
    """@font-face rules for WeasyPrint: PT Sans (the site font, from node_modules), DejaVu Sans otherwise.

    One merged font per weight and style: declaring the subsets as separate faces of one family (as the
    site's CSS does with unicode-range) makes WeasyPrint embed them under one PDF font name, which garbles
    the PDF's text layer (copying, search, pypdf)."""
    faces = [{"url": face.path.resolve().as_uri(), "weight": face.weight, "style": face.style}
             for face in fonts.merged_faces()]
    return render("notification/fonts.css.j2", faces=faces)


def render_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=font_css(), font_config=font_config)],
                                       font_config=font_config)


def generate(input_path: Path, language: str, out_dir: Path) -> list[Path]:
    """Check the input, then write <stem>.<lang>.html and .pdf into out_dir. Raises SourceError."""
    guide = load_definitions()
    problems = Problems()
    filled = read_notification(input_path, guide.notification, problems)
    if problems or filled is None:
        raise SourceError(problems)
    html = render_html(guide, filled, language)
    pdf = render_pdf(html)
    return write_report(out_dir, input_path, suffix(language), html, pdf)


def write_report(out_dir: Path, input_path: Path, suffix: str, html: str, pdf: bytes) -> list[Path]:
    """Write a report as <input stem>.<suffix>.html and .pdf into out_dir, each file whole or not at all
    (also the self-assessment report of `teia-guide assess`); returns the paths."""
    stem = input_path.name.split(".")[0]
    targets = {out_dir / f"{stem}.{suffix}.html": html.encode("utf-8"), out_dir / f"{stem}.{suffix}.pdf": pdf}
    out_dir.mkdir(parents=True, exist_ok=True)
    for target, content in targets.items():
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        os.replace(temp, target)
    return list(targets)
