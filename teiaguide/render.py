"""Jinja rendering of generated pages. HTML and Markdown come from templates, never from Python strings."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from .paths import BUILD, TEMPLATES


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        # Data values are escaped everywhere, also in generated Markdown: a "<" in a data file must stay text.
        autoescape=select_autoescape(enabled_extensions=("html", "md", "j2"), default_for_string=True),
        undefined=StrictUndefined,     # a missing variable is a bug in the generator, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiling the templates was half of the generation time; Jinja checks each template's source
        # before using its cached code, so an edited template is compiled again.
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["text_content"] = text_content
    return env


def text_content(value) -> str:
    """A value for a place the theme prints as HTML text without escaping (a page title in front matter):
    '&', '<' and '>' become entities, so it is shown as written and can never be markup. Quotes stay as
    they are: where the theme puts the title in an attribute it escapes it itself, and escaping them
    twice showed '&#39;' to readers and screen readers."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    folder = BUILD / "cache" / "jinja-guide"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None                     # read-only checkout: compile every time
    return FileSystemBytecodeCache(str(folder))


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def load_all() -> None:
    """Load every template now (compiled, or read from the bytecode cache), e.g. in a process that is
    about to fork workers which all render pages."""
    env = environment()
    for name in env.list_templates():
        env.get_template(name)
