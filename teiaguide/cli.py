"""Command line of the guide: `teia-guide build | serve | check | ...` (also `python -m teiaguide`)."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import typer

from .paths import SITE
from .problems import SourceError

app = typer.Typer(help="Build and maintain the Implementation Guide site.", no_args_is_help=True,
                  add_completion=False)


@app.command()
def build(
    site: Path = typer.Option(SITE, help="Where to publish the site (replaced only if the build succeeds)."),
    sequential: bool = typer.Option(False, help="Build the languages one after the other (stock static-i18n)."),
    work: Path = typer.Option(None, help="Scratch folder for staged docs (default: build/)."),
    html_only: bool = typer.Option(False, "--html-only", help="Skip the post-build steps (search index, PDFs)."),
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Skip the PDFs and the workshop pack (HTML and search only)."),
    timings_json: Path = typer.Option(None, hidden=True, help="Write the phases' timings there (benchmark)."),
) -> None:
    """Validate the sources, generate pages, build both languages, index search, export PDFs."""
    import json

    from .build import ALL_STEPS, BuildError, build_site
    from .paths import BUILD

    steps = () if html_only else tuple(step for step in ALL_STEPS if not (no_pdf and step == "pdf"))
    try:
        report = build_site(site, parallel=not sequential, work_root=work or BUILD, steps=steps)
    except SourceError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    except BuildError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    typer.echo(report.line())
    if timings_json:
        timings_json.write_text(json.dumps(report.timings), encoding="utf-8")


@app.command()
def check() -> None:
    """Validate data/, good_practices/ and the pages' front matter; print every problem (EN and RU)."""
    from .guide import load_guide

    try:
        load_guide()
    except SourceError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    typer.echo("All sources are valid. / Все исходные файлы корректны.")


@app.command()
def serve(
    port: int = typer.Option(8000, help="Port on 127.0.0.1."),
) -> None:
    """Serve the site with live reload; regenerates when docs/, data/ or good_practices/ change."""
    from .serve import serve as run

    run(port)


@app.command()
def links(
    site: Path = typer.Option(SITE, help="The built site to check."),
    url: str = typer.Option(None, help="URL the site is published at (default: site_url of mkdocs.yml)."),
) -> None:
    """Check every internal link and #anchor of the built site (both languages, PDFs); list external links."""
    from .linkcheck import check_site

    if not (site / "index.html").is_file():
        typer.echo(f"{site} holds no built site: run `teia-guide build` first.", err=True)
        raise typer.Exit(2)
    report = check_site(site, url)
    typer.echo(report.format())
    if not report:
        raise typer.Exit(1)


@app.command()
def status(
    changed: str = typer.Option(None, "--changed", metavar="BASE",
                                help="Only the items whose files a change since BASE touches (e.g. origin/main)."),
) -> None:
    """Translation status: both languages present? one older than the other (git dates)?"""
    from .features import status as translation

    rows = translation.all_rows()
    if changed:
        rows = translation.touched(rows, translation.changed_files(changed))
    typer.echo(translation.table(rows))


@app.command()
def notify(
    input_file: Path = typer.Argument(..., metavar="INPUT.yml",
                                      help="A filled notification: YAML, or the JSON file saved by the online form."),
    lang: str = typer.Option("both", "--lang", help="en, ru, or both (Russian and English side by side)."),
    out: Path = typer.Option(Path("."), "--out", help="Folder for the HTML and PDF files."),
) -> None:
    """Check a filled notification against the template's fields; write it as HTML and PDF."""
    from .notify import OutputLanguage, generate

    try:
        language = OutputLanguage(lang)
    except ValueError:
        typer.echo(f"--lang must be en, ru or both, not '{lang}'.\n"
                   f"--lang: допустимо en, ru или both, указано '{lang}'.", err=True)
        raise typer.Exit(2) from None
    if not input_file.is_file():
        typer.echo(f"{input_file}: file not found.\n{input_file}: файл не найден.", err=True)
        raise typer.Exit(1)
    try:
        written = generate(input_file, language, out)
    except SourceError as err:
        typer.echo(err.problems.report().replace("in the sources; nothing was built", "in the notification; nothing was written")
                   .replace("в исходных файлах: {0}; сборка не выполнена".format(len(err.problems)),
                            "в уведомлении: {0}; файлы не созданы".format(len(err.problems))), err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(f"Wrote / Создан файл: {path}")


@app.command()
def pack(
    site: Path = typer.Option(SITE, help="A built site (e.g. `teia-guide build --html-only`); files go to <site>/downloads/files/."),
    workers: int = typer.Option(2, min=1, help="Processes that render parts of the guide PDF at the same time."),
) -> None:
    """Make the workshop pack from a built site: per language the guide PDF, quiz handout and answer key,
    blank notification form, and a ZIP of them; list them on the Downloads pages."""
    from .pack import pack as make_pack

    if not (site / "index.html").is_file():
        typer.echo(f"{site} is not a built site: run `teia-guide build` first.", err=True)
        raise typer.Exit(1)
    for item in make_pack(site, workers=workers):
        typer.echo(f"{item.path}  ({item.path.stat().st_size // 1024} KB)")


@app.command("new-practice")
def new_practice(
    lang: str = typer.Option(None, help="Language of the file: en or ru (asked if missing)."),
    translation_of: str = typer.Option(None, "--translation-of",
                                       help="id of an existing practice: write its version in the other language."),
) -> None:
    """Ask a few questions and write a valid skeleton good_practices/<ISO>/<name>.<lang>.md to fill in."""
    from . import scaffold
    from .features.practices import SOURCE as PRACTICES
    from .guide import load_guide

    try:
        guide = load_guide()
    except SourceError as err:
        typer.echo(str(err), err=True)
        typer.echo("Fix the problems above first. / Сначала исправьте указанные выше ошибки.", err=True)
        raise typer.Exit(1) from None
    countries = {c.iso2: c.name("en") + " / " + c.name("ru") for c in guide.countries}
    areas = {a.id: a.title("en") + " / " + a.title("ru") for a in guide.areas.values()}
    try:
        answers = scaffold.ask(typer.prompt, PRACTICES, countries, areas, lang, translation_of)
        path, problems = scaffold.write(answers, PRACTICES, list(countries), list(areas))
    except (ValueError, FileExistsError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if problems:
        typer.echo(problems.report(), err=True)
        raise typer.Exit(1)
    typer.echo(f"Wrote / Создан файл: {path}\n"
               "Now replace the text under the second '---' with your description, then run `teia-guide check`.\n"
               "Замените текст после второй строки '---' своим описанием и запустите `teia-guide check`.")


def main() -> None:
    """The program (`teia-guide`, `python -m teiaguide`): run the command, then end the process without
    tearing down the interpreter. After a build, the validated guide, MkDocs and the PDF tool chain fill
    the memory with objects that Python would free one by one, 0.1 to 0.3 s after the work is done.
    (The tests call `app` in their own process, through typer's CliRunner.)"""
    try:
        app(prog_name="teia-guide")
        code = 0
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
