"""The site's Markdown settings (mkdocs.yml `markdown_extensions`), for code that reads pages as the build
does without running MkDocs: the EN/RU parity test, the word count, the anchor test."""
from __future__ import annotations

import markdown

from .mkdocs_settings import mkdocs_config


def site_extensions() -> tuple[list[str], dict]:
    config = mkdocs_config()
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


def site_markdown() -> markdown.Markdown:
    names, settings = site_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings)
