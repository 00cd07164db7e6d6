"""Interface strings (data/ui.yml): every label the templates show, in both languages."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import RootModel

from ..generated import Generated
from ..paths import DATA
from ..problems import Problems
from ..records import Text
from ..yamlsource import load_yaml_file, validate

SOURCE = DATA / "ui.yml"


class UiStrings(RootModel[dict[str, Text]]):
    def get(self, key: str, lang: str) -> str:
        try:
            return self.root[key](lang)
        except KeyError:
            raise KeyError(f"UI string '{key}' is missing from {SOURCE.name}") from None

    def for_lang(self, lang: str) -> dict[str, str]:
        return {key: text(lang) for key, text in self.root.items()}


def load(guide, problems: Problems) -> None:
    tree = load_yaml_file(SOURCE, problems)
    if tree is not None:
        guide.ui = validate(UiStrings, tree, SOURCE, problems)


def generate(guide, lang: str) -> Iterator[Generated]:
    return iter(())
