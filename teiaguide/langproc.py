"""The language builder: one process, started before the sources are validated (`teia-guide build`).

    builder: import MkDocs, theme, hooks; load the config once ─► fork ─┬─ en: wait ─ stage en ─ build
                                                                        └─ ru: wait ─ stage ru ─ build
    parent:  import the guide's code, validate, hand over the guide ──────────► "go"

The parent forks the builder after importing the guide's modules, so that both share them (fork());
a parent that runs other threads starts it as a program instead (main()), which imports them itself.
Either way the builder gets a plan: the MkDocs config file, the environment, the working folder, the
staged docs folder and, per language, its site folder, log file and environment. On it the builder loads
the MkDocs configuration and forks one child per language, which waits. Then it waits for one line of orders: "go" once the
parent has handed over the validated guide, and each child builds its language (the hook stages the
language's pages from the guide, see hooks.on_config); anything else (an empty line, closed orders:
the sources were invalid) ends the children without writing anything.

Forking after the imports and the configuration means they are done once and shared by both languages
(copy-on-write); on two cores they overlap with the parent's validation, and the two language builds
with each other. Each child logs into its own file; the builder prints the logs of failed builds and
exits non-zero.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import sys
import tempfile


def _prepare() -> None:
    import mkdocs.commands.build  # noqa: F401  the expensive imports, done while the parent validates
    import mkdocs.config  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401
    import pymdownx.details, pymdownx.slugs, pymdownx.superfences, pymdownx.tasklist  # noqa: E401,F401

    import teiaguide.hooks  # noqa: F401  the guide's features and records (MkDocs runs the hook file itself)
    from teiaguide import gitdates, render

    gitdates.last_commit_times(gitdates.ROOT)   # "last updated" dates (same cache key as the hook's calls)
    render.load_all()                           # the generated pages' templates, for both languages' staging


def _load_config(plan: dict):
    """The MkDocs configuration, as `mkdocs build --strict` loads it, loaded once for every language while
    the parent validates (each child sets its own site folder). The staged docs folder is created only
    once the sources are valid, so an existing empty folder stands in for it (MkDocs checks that docs_dir
    exists); each child sets the real one after "go", before MkDocs reads any page."""
    from mkdocs.config import load_config

    # MkDocs' log format without colours (the children log into files); warnings shown, and counted by --strict
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    return load_config(config_file=plan["config_file"], docs_dir=plan["placeholder_docs"], strict=True)


def _list_theme_files_once(config) -> None:
    """MkDocs lists the theme's static files in every build: it walks each theme folder, Material's 14,000
    icons included (about 0.15 s), then its filter drops every hidden path, the icons among them. Here the
    theme is listed once for all languages, before forking, by MkDocs' own method over a walk that does not
    enter hidden folders; the children's builds reuse the list (a patch of this process only)."""
    from mkdocs.structure.files import File, Files

    listed = Files([])
    listed.add_files_from_theme(_ThemeFolders(config.theme.dirs), config)
    found = [(file.src_uri, file.src_dir) for file in listed]

    def add_files_from_theme(files: Files, env, config) -> None:
        for src_uri, src_dir in found:
            if files.get_file_from_path(src_uri) is None:     # as MkDocs: the docs' own files come first
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme


class _ThemeFolders:
    """Answers what MkDocs asks the theme's Jinja environment when it lists the theme's files
    (`list_templates`, as jinja2.FileSystemLoader walks its folders), without entering hidden folders:
    MkDocs' filter ('.*', '*/.*') drops every path in them anyway."""

    def __init__(self, dirs: list[str]):
        self.dirs = dirs

    def list_templates(self, filter_func) -> list[str]:
        names = set()
        for root in self.dirs:
            for folder, subfolders, files in os.walk(root):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, root).replace(os.sep, "/")
                names.update(name if relative == "." else f"{relative}/{name}" for name in files)
        return sorted(filter(filter_func, names))


def _build(config) -> None:
    from mkdocs.commands.build import build

    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _fork_language(plan: dict, lang: str, config, pipes_to_close: list[int]) -> tuple[int, int]:
    """Fork the child that builds `lang`; returns its pid and the pipe that tells it to go."""
    go_read, go_write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(go_read)
        return pid, go_write
    code = 1
    try:
        os.close(go_write)
        for fd in pipes_to_close:        # the other children's pipes: they must see EOF when the builder closes them
            os.close(fd)
        log = os.open(plan["languages"][lang]["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.environ.update(plan["languages"][lang]["env"])
        import click

        try:
            if os.read(go_read, 2) != b"go":
                code = 0                 # no order: the sources were invalid, nothing to build
                return
            config["site_dir"] = plan["languages"][lang]["site"]
            config["docs_dir"] = plan["docs_dir"]          # exists now (see _load_config)
            _build(config)
            code = 0
        except click.ClickException as err:    # MkDocs' errors: plugin, strict-mode abort
            err.show()
            code = err.exit_code or 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)                   # never run the builder's clean-up in the child


def main() -> None:
    """The builder started as a program (`python -m teiaguide.langproc`): the plan and "go" come on stdin."""
    _prepare()
    line = sys.stdin.readline()
    if not line.strip():
        return
    _run(json.loads(line), sys.stdin)


def fork(plan: dict) -> tuple[int, int, int]:
    """Start the builder as a fork of the calling process, which must run no other thread: it starts with
    the modules imported so far (the guide's records) instead of a new interpreter. Returns its pid, the
    pipe to write "go" into and the pipe of its output."""
    orders_read, orders_write = os.pipe()
    output_read, output_write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(orders_read)
        os.close(output_write)
        return pid, orders_write, output_read
    try:
        os.close(orders_write)
        os.close(output_read)
        os.dup2(output_write, 1)
        os.dup2(output_write, 2)
        os.close(output_write)
        # the caller's sys.stdout and sys.stderr may not write to fds 1 and 2 (pytest captures them)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        _prepare()
        _run(plan, open(orders_read, encoding="utf-8"))
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)                      # _run() ends the process itself; here something failed before


def _run(plan: dict, orders) -> None:
    """Build the languages of `plan` once `orders` says "go"; ends the process with the exit code."""
    with tempfile.TemporaryDirectory(prefix="teia-docs-placeholder-") as placeholder:
        code = _build_languages(dict(plan, placeholder_docs=placeholder), orders)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)                       # skip tearing down MkDocs' modules: the parent is waiting


def _build_languages(plan: dict, orders) -> int:
    """Load the configuration, fork the children, pass on "go" (or not), wait for them; the exit code."""
    import click

    os.environ.update(plan["env"])
    os.chdir(plan["cwd"])
    try:
        config = _load_config(plan)
    except click.ClickException as err:    # an invalid mkdocs.yml: no language can be built
        err.show()
        return err.exit_code or 1
    _list_theme_files_once(config)
    # Everything loaded so far lives as long as the builds: keep the cyclic garbage collector off it, so
    # that the children neither spend time walking it nor copy its memory pages by touching them.
    gc.freeze()
    children: dict[int, str] = {}
    pipes: list[int] = []
    for lang in plan["languages"]:
        pid, pipe = _fork_language(plan, lang, config, pipes)
        children[pid] = lang
        pipes.append(pipe)
    go = orders.readline().strip() == "go"
    for pipe in pipes:
        try:
            if go:
                os.write(pipe, b"go")
        except BrokenPipeError:
            pass                         # that child already failed: its log says why
        os.close(pipe)
    failed = []
    while children:
        pid, status = os.wait()
        lang = children.pop(pid, None)
        if lang and os.waitstatus_to_exitcode(status) != 0:
            failed.append(lang)
    for lang in failed:
        with open(plan["languages"][lang]["log"], encoding="utf-8", errors="replace") as stream:
            print(f"--- mkdocs build ({lang}) failed ---\n{stream.read().strip()}")
    return 1 if failed else 0


if __name__ == "__main__":
    main()
