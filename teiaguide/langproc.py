"""A language build process started before the sources are validated (`teia-guide build`, in parallel).

It imports MkDocs, the theme's plugins and the guide's code while the parent process validates and
stages the sources, then waits for its orders on stdin (one JSON line: the `mkdocs` arguments, the
environment and the working folder) and runs `mkdocs build` in the same process. Importing is about a
third of a language build's CPU time; this way it overlaps with the parent's work instead of following
it. An empty line or a closed stdin (the sources were invalid) ends the process without building.
"""
from __future__ import annotations

import json
import os
import sys


def main() -> None:
    import mkdocs.__main__  # noqa: F401  the expensive imports, done while the parent validates
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401
    import material.plugins  # noqa: F401
    import pymdownx.details, pymdownx.slugs, pymdownx.superfences, pymdownx.tasklist  # noqa: E401,F401

    import teiaguide.hooks  # noqa: F401  the guide's features and records (MkDocs runs the hook file itself)

    line = sys.stdin.readline()
    if not line.strip():
        return
    orders = json.loads(line)
    os.environ.clear()
    os.environ.update(orders["env"])
    os.chdir(orders["cwd"])
    sys.argv = ["mkdocs", *orders["args"]]
    mkdocs.__main__.cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
