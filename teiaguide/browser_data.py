"""The data files the browser tools load, written for http(s) and for file://.

A tool's data (the calculator's annex1.json, the notification form's fields.json, the self-assessment's
indicators.json) is fetched by the page. Browsers block fetch() of local files, so a page opened from
file:// (the offline bundle, teiaguide/offline.py) could not start the tool. Next to each JSON file the
build therefore writes <name>.data.js: the same data, stored by a script in window.teiaData under the
JSON's path below the language's root. tools.js `loadData` fetches the JSON over http(s) and loads the
script from file://.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .generated import Generated


def script_path(path: str) -> str:
    """calculator/annex1.json -> calculator/annex1.data.js"""
    return path.removesuffix(".json") + ".data.js"


def data_files(path: str, data: Any, **dump_options: Any) -> Iterator[Generated]:
    """The JSON file at `path` (below docs/<lang>/) and its script twin. JSON is valid JavaScript, and the
    values come from json.dumps, so nothing in the data can end the statement early."""
    text = json.dumps(data, ensure_ascii=False, **dump_options)
    yield Generated(path, text)
    yield Generated(script_path(path), f"(window.teiaData = window.teiaData || {{}})[{json.dumps(path)}] = {text};\n")
