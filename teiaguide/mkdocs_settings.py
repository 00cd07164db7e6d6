"""mkdocs.yml, read the way MkDocs reads it (its `!ENV` values resolved, its Python tags imported): the one
place the generator reads the file. The languages, the site records, the link check and the Markdown
settings all take it from here."""
from __future__ import annotations

import functools
import os
from pathlib import Path

from .paths import MKDOCS_YML


def mkdocs_config(config_file: Path = MKDOCS_YML) -> dict:
    """The configuration as plain data, parsed again only when the file or the environment changed: every
    language of every staging reads it, and the preview stages after each save. The environment is part
    of the key because `!ENV` values come from it (the offline bundle sets SITE_URL in the same process)."""
    return _parsed(Path(config_file), config_file.stat().st_mtime_ns, tuple(sorted(os.environ.items())))


@functools.lru_cache(maxsize=2)
def _parsed(config_file: Path, _mtime: int, _environment: tuple) -> dict:
    from mkdocs.utils.yaml import yaml_load       # mkdocs.yml's own tags (!ENV, !!python/name)

    with open(config_file, encoding="utf-8") as stream:
        return yaml_load(stream) or {}


def i18n_languages(config: dict) -> list[dict]:
    """static-i18n's list of languages (`plugins: i18n: languages`), each with its own settings."""
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "i18n" in plugin:
            return (plugin["i18n"] or {}).get("languages") or []
    return []
