"""Notification of a hazardous activity (data/notification.yml): the template's fields, the Annex III
procedure and the Annex V items, generated three ways per language:

    notification/index.md    the procedure step by step and the field list with the legal basis of each field
    notification/blank.md    a printable blank form
    notification/form.md     a fillable form (overrides/assets/javascripts/notification-form.js), reading
    notification/fields.json the field definitions generated next to it

The same records validate filled notifications in `teia-guide notify` (teiaguide/notify.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from markupsafe import Markup
from pydantic import Field as PydanticField, RootModel, StringConstraints, field_validator, model_validator

from ..browser_data import data_files
from ..generated import Generated
from ..languages import LANGUAGES, NAMES
from ..paths import DATA
from ..problems import Problems
from ..records import NonEmpty, Record, Text
from ..render import render
from ..urls import to_file
from ..yamlsource import BilingualError, dotted, line_of, load_data_file

SOURCE = DATA / "notification.yml"
# The output languages of the form, `teia-guide notify` and `assess`: one language, or every language side
# by side ("both", the value in the files they read and write). Side by side, Russian and English come
# first, the languages the region exchanges notifications in, then the others in the configured order.
BOTH = "both"
SIDE_BY_SIDE_FIRST = ("ru", "en")
AUTOSAVE_KEY = "teia.notification.v1"       # localStorage key of the form's entries (+ ".<lang>")

FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
FieldType = Literal["text", "textarea", "date", "number", "list", "choice"]
# Only facts checked in at least one source may be stated as the procedure (AUTHORING.md, "Facts").
Verification = Literal["verified", "single_source"]


class Choice(Record):
    id: FieldId
    label: Text


class NotificationField(Record):
    id: FieldId
    type: FieldType
    required: bool
    label: Text
    help: Text
    basis: Text
    options: list[Choice] = []
    pattern: str | None = None          # regular expression a text value must match (e.g. CAS number)
    formerly: list[FieldId] = []        # ids this field had in earlier versions of the field set

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as err:
                raise BilingualError(f"not a valid regular expression: {err}",
                                     f"недопустимое регулярное выражение: {err}") from None
        return value

    @model_validator(mode="after")
    def _options_for_choice_only(self) -> "NotificationField":
        if self.type == "choice" and len(self.options) < 2:
            raise BilingualError("a field of type 'choice' needs at least two options",
                                 "полю типа 'choice' нужны как минимум два варианта (options)")
        if self.type != "choice" and self.options:
            raise BilingualError("options are allowed only for type 'choice'",
                                 "варианты (options) допустимы только для типа 'choice'")
        if self.pattern is not None and self.type != "text":
            raise BilingualError("pattern is allowed only for type 'text'", "pattern допустим только для типа 'text'")
        return self


class Section(Record):
    id: FieldId
    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    title: Text
    repeatable: bool = False
    item: Text | None = None            # name of one item of a repeatable section ("Substance")
    fields: Annotated[list[NotificationField], PydanticField(min_length=1)]

    @model_validator(mode="after")
    def _item_for_repeatable(self) -> "Section":
        if self.repeatable and self.item is None:
            raise BilingualError("a repeatable section needs 'item' (the name of one entry, in both languages)",
                                 "повторяющемуся разделу нужно поле 'item' (название одной записи на обоих языках)")
        return self


class Step(Record):
    para: Annotated[int, PydanticField(gt=0)]
    verification: Verification
    step: Text


class AnnexVItem(Record):
    no: Annotated[int, PydanticField(gt=0)]
    verification: Verification
    text: Text


class Purpose(Record):
    text: Text
    items: Text


class AnnexV(Record):
    items: list[AnnexVItem]
    purposes: list[Purpose]


class ReplyField(Record):
    id: FieldId
    required: bool
    label: Text
    basis: Text


class Meta(Record):
    version: NonEmpty
    status: Literal["reconstructed", "aligned"]
    official_template_found: bool
    aligned_with: str | None = None
    reviewed: dt.date
    based_on: list[NonEmpty]
    reconstructed_note: Text
    alignment_note: Text

    @model_validator(mode="after")
    def _status_consistent(self) -> "Meta":
        if self.status == "aligned" and not (self.official_template_found and self.aligned_with):
            raise BilingualError(
                "status 'aligned' needs official_template_found: true and aligned_with (the template's symbol)",
                "статусу 'aligned' нужны official_template_found: true и aligned_with (обозначение шаблона)")
        if self.status == "reconstructed" and self.official_template_found:
            raise BilingualError("the official template was found: set status to 'aligned' once the fields follow it",
                                 "официальный шаблон найден: укажите status 'aligned', когда поля будут ему соответствовать")
        return self


class Limits(Record):
    """What the online form accepts from a file or from this browser's storage, so that a file of
    thousands of substances or megabyte fields is refused with a message instead of freezing the tab."""

    file_bytes: Annotated[int, PydanticField(gt=0)] = 1_000_000
    items: Annotated[int, PydanticField(gt=0)] = 200           # entries of a repeatable section
    field_chars: Annotated[int, PydanticField(gt=0)] = 20_000  # characters of one value
    keys: Annotated[int, PydanticField(gt=0)] = 500            # keys of one notification
    max_number: Annotated[float, PydanticField(gt=0)] = 1e9    # largest number a number field takes


class PageTexts(RootModel[dict[str, Text]]):
    """Sentences of the generated pages (content, not interface labels)."""

    def for_lang(self, lang: str) -> dict[str, str]:
        return {key: text(lang) for key, text in self.root.items()}


class NotificationData(Record):
    meta: Meta
    text: PageTexts
    procedure: list[Step]
    annex_v: AnnexV
    sections: list[Section]
    reply: list[ReplyField]
    limits: Limits = Limits()

    @property
    def reconstructed(self) -> bool:
        return self.meta.status == "reconstructed"

    def fields(self) -> Iterator[tuple[Section, NotificationField]]:
        for section in self.sections:
            for field in section.fields:
                yield section, field


# --- loading ---------------------------------------------------------------------------------------------

def load(guide, problems: Problems) -> None:
    guide.notification = load_file(SOURCE, problems)


def load_file(path, problems: Problems) -> NotificationData | None:
    loaded = load_data_file(path, NotificationData, problems)
    if loaded is None:
        return None
    tree, data = loaded
    count = len(problems)
    _check_unique_keys(data, tree, path, problems)
    _check_numbering(data, tree, path, problems)
    return data if len(problems) == count else None


def _check_unique_keys(data: NotificationData, tree: Any, path, problems: Problems) -> None:
    """Field ids (and the ids of repeatable sections) are the keys of a filled notification: unique."""
    seen: dict[str, str] = {}

    def claim(key: str, loc: tuple, what: str) -> None:
        if key in seen:
            problems.add(path, line_of(tree, loc), dotted(loc),
                         f"the key '{key}' is used twice (fields {seen[key]} and {what}); keys of a notification must be unique",
                         f"ключ '{key}' использован дважды (поля {seen[key]} и {what}); ключи уведомления должны быть уникальны")
        else:
            seen[key] = what

    letters: dict[str, int] = {}
    for s_index, section in enumerate(data.sections):
        if section.letter in letters:
            loc = ("sections", s_index, "letter")
            problems.add(path, line_of(tree, loc), dotted(loc), f"section letter '{section.letter}' is used twice",
                         f"буква раздела '{section.letter}' использована дважды")
        letters[section.letter] = s_index
        if section.repeatable:
            claim(section.id, ("sections", s_index, "id"), section.letter)
        row_keys: dict[str, str] = {}
        for f_index, field in enumerate(section.fields):
            for key in [field.id, *field.formerly]:
                loc = ("sections", s_index, "fields", f_index, "id")
                if section.repeatable:
                    if key in row_keys:
                        problems.add(path, line_of(tree, loc), dotted(loc), f"the key '{key}' is used twice in section {section.letter}",
                                     f"ключ '{key}' использован дважды в разделе {section.letter}")
                    row_keys[key] = field.id
                else:
                    claim(key, loc, f"{section.letter}.{f_index + 1}")


def _check_numbering(data: NotificationData, tree: Any, path, problems: Problems) -> None:
    for key, numbers in (("procedure", [s.para for s in data.procedure]), ("annex_v", [i.no for i in data.annex_v.items])):
        for index, number in enumerate(numbers):
            if index and number <= numbers[index - 1]:
                loc = (key, index) if key == "procedure" else ("annex_v", "items", index)
                problems.add(path, line_of(tree, loc), dotted(loc),
                             f"numbers must increase in order ({number} follows {numbers[index - 1]})",
                             f"номера должны идти по возрастанию ({number} после {numbers[index - 1]})")


FIELDS_FILE = "notification/fields.json"      # what notification-form.js loads (and its .data.js twin)

# --- generated pages -------------------------------------------------------------------------------------

def generate(guide, lang: str) -> Iterator[Generated]:
    data: NotificationData | None = guide.notification
    if data is None:
        return
    context = page_context(guide, data, lang)
    yield Generated("notification/index.md", render("notification/index.md.j2", **context), records=data)
    yield Generated("notification/blank.md", render("notification/blank.md.j2", **context), records=data)
    yield Generated("notification/form.md", render("notification/form.md.j2", **context,
                                                   fields_src=to_file(lang, "notification/form.md", FIELDS_FILE)),
                    records=data)
    yield from data_files(FIELDS_FILE, browser_data(guide, data, lang), indent=1)   # JSON + .data.js


def page_context(guide, data: NotificationData, lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "data": data,
        "ui": guide.ui.for_lang(lang),
        "text": data.text.for_lang(lang),
        "calculator_page": guide.annex1 is not None,     # link the calculator only once it exists
        "cell": table_cell,
        "anchor": heading_id,
        "yaml_string": yaml_string,
    }


def yaml_string(value: str) -> Markup:
    """A front-matter value as a double-quoted YAML string, Cyrillic kept readable."""
    return Markup(json.dumps(value, ensure_ascii=False))


def output_languages(choice: str) -> tuple[str, ...]:
    """The languages of a notification (or a self-assessment report) made in `choice`, in column order."""
    if choice == BOTH:
        return tuple(code for code in SIDE_BY_SIDE_FIRST if code in LANGUAGES) + \
            tuple(code for code in LANGUAGES if code not in SIDE_BY_SIDE_FIRST)
    return (choice,)


def heading_id(key: str) -> str:
    """attr_list id of a heading, the same in both languages ('{#' cannot be written in a Jinja template)."""
    return "{#" + key.replace("_", "-") + "}"


def table_cell(value: str) -> str:
    """A value inside a Markdown table cell: no pipes, no line breaks."""
    return " ".join(value.replace("|", "/").split())


UI_PREFIX = "notification_"


def ui_strings(guide, lang: str) -> dict[str, str]:
    return {key[len(UI_PREFIX):]: value for key, value in guide.ui.for_lang(lang).items() if key.startswith(UI_PREFIX)}


def browser_data(guide, data: NotificationData, lang: str) -> dict[str, Any]:
    """What notification-form.js needs: field definitions and labels in every language (for the output
    in another language or side by side), the languages in column order, and their interface strings."""
    from .calculator import RESULT_KEY   # the calculator's feature owns the key it writes

    return {
        "lang": lang,
        "version": data.meta.version,
        "status": data.meta.status,
        "calculator_key": RESULT_KEY,
        "storage": {"autosave": f"{AUTOSAVE_KEY}.{lang}"},
        "limits": data.limits.model_dump(),
        "languages": [{"code": code, "name": NAMES[code]} for code in output_languages(BOTH)],
        "ui": {code: ui_strings(guide, code) for code in LANGUAGES},
        "tools": {key: value for key, value in guide.ui.for_lang(lang).items() if key.startswith("tools_")},
        # wording of the calculator's verification tags, for the substances imported from its result
        "verification": {key[len("verification_"):]: value for key, value in guide.ui.for_lang(lang).items()
                         if key.startswith("verification_")},
        "sections": [section.model_dump(exclude={"fields": {"__all__": {"formerly"}}}) for section in data.sections],
        "aliases": {old: field.id for _, field in data.fields() for old in field.formerly},
    }
