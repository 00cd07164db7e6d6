"""Accessibility fixes applied to every page's HTML (called from the MkDocs hooks).

pymdownx.tasklist renders `- [ ] text` as a checkbox whose <label> holds no text, so screen readers
announce an unnamed checkbox (axe rule "label", critical). Each checkbox gets the item's text as its name
via aria-labelledby; the layout stays as Material draws it.
"""
from __future__ import annotations

import re

_TASK = re.compile(
    r'(<label class="task-list-control"><input type="checkbox"(?P<attrs>[^>]*?)/?>'
    r'(?P<indicator><span class="task-list-indicator"></span>)?</label>)'
    r'(?P<text>.*?)(?=</li>|</p>|<ul|<ol)', re.S)


def label_task_checkboxes(html: str, prefix: str = "teia-task") -> str:
    counter = 0

    def name(match: re.Match) -> str:
        nonlocal counter
        if not match["text"].strip() or "aria-label" in match["attrs"]:
            return match[0]
        counter += 1
        ident = f"{prefix}-{counter}"
        return (f'<label class="task-list-control"><input type="checkbox"{match["attrs"].rstrip()} '
                f'aria-labelledby="{ident}"/>{match["indicator"] or ""}</label>'
                f'<span id="{ident}">{match["text"]}</span>')

    return _TASK.sub(name, html)
