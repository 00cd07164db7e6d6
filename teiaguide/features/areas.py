"""The six working areas (data/working_areas.yml): chapter ids, titles and self-assessment indicators."""
from __future__ import annotations

from collections.abc import Iterator

from ..generated import Generated
from ..paths import DATA
from ..problems import Problems
from ..records import WorkingAreas
from ..yamlsource import item_line, load_data_file

SOURCE = DATA / "working_areas.yml"


def load(guide, problems: Problems) -> None:
    loaded = load_data_file(SOURCE, WorkingAreas, problems)
    if loaded is None:
        return
    tree, data = loaded
    ids = [area.id for area in data.working_areas]
    for index, area_id in enumerate(ids):
        if ids.index(area_id) != index:
            problems.add(SOURCE, item_line(tree["working_areas"], index), f"working_areas[{index}].id",
                         f"duplicate working-area id '{area_id}'", f"повторяющийся идентификатор области '{area_id}'")
    guide.areas = {area.id: area for area in data.working_areas}


def generate(guide, lang: str) -> Iterator[Generated]:
    return iter(())
