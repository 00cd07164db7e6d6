"""Jinja rendering of generated pages. HTML and Markdown come from templates, never from Python strings."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .paths import TEMPLATES


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
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
