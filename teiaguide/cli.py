"""Command line of the guide: `teia-guide build | serve | check | ...` (also `python -m teiaguide`).

Built on click, which MkDocs brings along: it starts in a few hundredths of a second, and every command
a contributor or the build runs pays that start.
"""
from __future__ import annotations

from pathlib import Path

import click

from .paths import SITE
from .problems import SourceError

PATH = click.Path(path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def app() -> None:
    """Build and maintain the Implementation Guide site."""


@app.command()
@click.option("--site", type=PATH, default=SITE, show_default=True,
              help="Where to publish the site (replaced only if the build succeeds).")
@click.option("--sequential", is_flag=True, help="Build the languages one after the other (one process at a time).")
@click.option("--work", type=PATH, default=None, help="Scratch folder for staged docs (default: build/).")
@click.option("--html-only", is_flag=True, help="Skip the post-build steps (search index, PDFs).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs and the workshop pack (HTML and search only).")
@click.option("--timings-json", type=PATH, default=None, hidden=True,
              help="Write the phases' timings there (benchmark).")
def build(site: Path, sequential: bool, work: Path | None, html_only: bool, no_pdf: bool,
          timings_json: Path | None) -> None:
    """Validate the sources, generate pages, build every language, index search, export PDFs."""
    import json

    from .build import BuildError
    from .pipeline import ALL_STEPS, build_site
    from .paths import BUILD

    steps = () if html_only else tuple(step for step in ALL_STEPS if not (no_pdf and step == "pdf"))
    try:
        report = build_site(site, parallel=not sequential, work_root=work or BUILD, steps=steps)
    except (SourceError, BuildError) as err:
        click.echo(str(err), err=True)
        raise SystemExit(1) from None
    click.echo(report.line())
    if timings_json:
        timings_json.write_text(json.dumps(report.timings), encoding="utf-8")


@app.command()
def check() -> None:
    """Validate data/, good_practices/ and the pages' front matter; print every problem (EN and RU)."""
    from .stage import check_guide

    try:
        check_guide()
    except SourceError as err:
        click.echo(str(err), err=True)
        raise SystemExit(1) from None
    click.echo("All sources are valid. / Все исходные файлы корректны.")


@app.command()
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(port: int) -> None:
    """Serve the site with live reload; regenerates when docs/, data/ or good_practices/ change."""
    from .serve import serve as run

    run(port)


@app.command()
@click.option("--site", type=PATH, default=SITE, show_default=True, help="The built site to check.")
@click.option("--url", default=None, help="URL the site is published at (default: site_url of mkdocs.yml).")
def links(site: Path, url: str | None) -> None:
    """Check every internal link and #anchor of the built site (every language, PDFs); list external links."""
    from .linkcheck import check_site

    if not (site / "index.html").is_file():
        click.echo(f"{site} holds no built site: run `teia-guide build` first.", err=True)
        raise SystemExit(2)
    report = check_site(site, url)
    click.echo(report.format())
    if not report:
        raise SystemExit(1)


@app.command()
@click.option("--changed", metavar="BASE", default=None,
              help="Only the items whose files a change since BASE touches (e.g. origin/main).")
def status(changed: str | None) -> None:
    """Translation status: every language present? one older than the newest (git dates)?"""
    from .features import status as translation

    rows = translation.all_rows()
    if changed:
        rows = translation.touched(rows, translation.changed_files(changed))
    click.echo(translation.table(rows))


def _check_output_language(lang: str) -> None:
    """--lang of notify and assess: a language code or "both"."""
    from .notify import CHOICES

    if lang not in CHOICES:
        click.echo(f"--lang must be one of {', '.join(CHOICES)}, not '{lang}'.\n"
                   f"--lang: допустимо {', '.join(CHOICES)}, указано '{lang}'.", err=True)
        raise SystemExit(2)


@app.command()
@click.argument("input_file", metavar="INPUT.yml", type=PATH)
@click.option("--lang", default="both", show_default=True, help="A language code, or both (every language side by side, Russian and English first).")
@click.option("--out", type=PATH, default=Path("."), help="Folder for the HTML and PDF files.")
def notify(input_file: Path, lang: str, out: Path) -> None:
    """Check a filled notification against the template's fields; write it as HTML and PDF.

    INPUT.yml is a filled notification: YAML, or the JSON file saved by the online form."""
    from .notify import generate

    _write_report(generate, input_file, lang, out, ("{count} problem(s) in the notification; nothing was written.",
                                                    "Найдено проблем в уведомлении: {count}; файлы не созданы."))


@app.command()
@click.argument("input_file", metavar="FILE.yml", type=PATH)
@click.option("--lang", default="both", show_default=True, help="A language code, or both (every language side by side).")
@click.option("--out", type=PATH, default=Path("."), help="Folder for the HTML and PDF files.")
def assess(input_file: Path, lang: str, out: Path) -> None:
    """Check a self-assessment and action plan; write its report as HTML and PDF.

    FILE.yml is a submission (self_assessments/<ISO>/<year>.yml) or the YAML/JSON file saved by the
    online tool."""
    from .assess import generate

    _write_report(generate, input_file, lang, out, ("{count} problem(s) in the self-assessment; nothing was written.",
                                                    "Найдено проблем в самооценке: {count}; файлы не созданы."))


def _write_report(generate, input_file: Path, lang: str, out: Path, stopped: tuple[str, str]) -> None:
    """`notify` and `assess`: check the file, write its report as HTML and PDF, or name its problems (on
    their lines, in English and Russian) and write nothing."""
    _check_output_language(lang)
    if not input_file.is_file():
        click.echo(f"{input_file}: file not found.\n{input_file}: файл не найден.", err=True)
        raise SystemExit(1)
    try:
        written = generate(input_file, lang, out)
    except SourceError as err:
        click.echo(err.problems.report(stopped), err=True)
        raise SystemExit(1) from None
    for path in written:
        click.echo(f"Wrote / Создан файл: {path}")


@app.command("new-assessment")
@click.option("--country", default=None, help="Country code, e.g. KZ (asked if missing).")
@click.option("--year", type=int, default=None, help="Edition (year) of the assessment (asked if missing).")
@click.option("--lang", default=None, help="Language of the texts: a code of mkdocs.yml, e.g. en (asked if missing).")
def new_assessment(country: str | None, year: int | None, lang: str | None) -> None:
    """Write self_assessments/<ISO>/<year>.yml listing every indicator, to fill in (or to replace with the
    file saved by the online tool)."""
    import datetime as dt

    from . import assessments, scaffold
    from .languages import LANGUAGES

    guide = _valid_guide()
    codes = [c.iso2 for c in guide.countries]
    listing = ", ".join(f"{c.iso2} ({_in_every_language(c.name)})" for c in guide.countries)
    country = (country or click.prompt(f"Country code / Код страны: {listing}")).strip().upper()
    lang = (lang or click.prompt("Language of the texts / Язык текстов", type=click.Choice(LANGUAGES))).strip().lower()
    year = year or click.prompt("Edition (year) / Выпуск (год)", type=int, default=dt.date.today().year)
    if country not in codes or lang not in LANGUAGES:
        click.echo(f"Country must be one of / Страна — одна из: {', '.join(codes)}; language / язык: {', '.join(LANGUAGES)}", err=True)
        raise SystemExit(1)
    state = guide.extra["self_assessment"]
    path = _scaffolded(lambda: scaffold.write_assessment(assessments.SOURCE, country, year, lang, state.indicators,
                                                          guide, codes))
    click.echo(f"Wrote / Создан файл: {path}\n"
               "Fill in the levels, evidence and actions (or replace the file with the one saved by the online tool), "
               "then run `teia-guide check`.\n"
               "Заполните уровни, подтверждения и мероприятия (или замените файл сохранённым в онлайн-инструменте) "
               "и запустите `teia-guide check`.")


@app.command()
@click.option("--site", type=PATH, default=SITE, show_default=True,
              help="A built site (e.g. `teia-guide build --html-only`); files go to <site>/downloads/files/.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes that render parts of the guide PDF at the same time.")
@click.option("--timings-json", type=PATH, default=None, hidden=True,
              help="Write the timings of the PDFs and of the offline bundle there (benchmark).")
def pack(site: Path, workers: int, timings_json: Path | None) -> None:
    """Make the workshop pack from a built site: per language the guide PDF, quiz handout and answer key,
    blank notification form, and a ZIP of them, from the site records staged by the last `teia-guide build`
    (build/stage/records/); fill in their sizes on the Downloads pages."""
    import json

    from .pack import pack as make_pack
    from .site_records import MissingRecords

    if not (site / "index.html").is_file():
        click.echo(f"{site} is not a built site: run `teia-guide build` first.", err=True)
        raise SystemExit(1)
    try:
        timings: dict[str, float] = {}
        made = make_pack(site, workers=workers, timings=timings)
    except MissingRecords as err:
        click.echo(str(err), err=True)
        raise SystemExit(1) from None
    if timings_json:
        timings_json.write_text(json.dumps(timings), encoding="utf-8")
    for item in made:
        click.echo(f"{item.path}  ({item.path.stat().st_size // 1024} KB)")


@app.command("new-practice")
@click.option("--lang", default=None, help="Language of the file: a code of mkdocs.yml, e.g. en (asked if missing).")
@click.option("--translation-of", default=None,
              help="id of an existing practice: write its version in another language.")
def new_practice(lang: str | None, translation_of: str | None) -> None:
    """Ask a few questions and write a valid skeleton good_practices/<ISO>/<name>.<lang>.md to fill in."""
    from . import scaffold
    from .features.practices import SOURCE as PRACTICES

    guide = _valid_guide()
    countries = {c.iso2: _in_every_language(c.name) for c in guide.countries}
    areas = {a.id: _in_every_language(a.title) for a in guide.areas.values()}
    path = _scaffolded(lambda: scaffold.write(scaffold.ask(click.prompt, PRACTICES, countries, areas, lang, translation_of),
                                              PRACTICES, list(countries), list(areas)))
    click.echo(f"Wrote / Создан файл: {path}\n"
               "Now replace the text under the second '---' with your description, then run `teia-guide check`.\n"
               "Замените текст после второй строки '---' своим описанием и запустите `teia-guide check`.")


def _valid_guide():
    """The validated guide that the scaffolds list countries and areas from; its problems end the command."""
    from .guide import load_guide

    try:
        return load_guide()
    except SourceError as err:
        click.echo(str(err), err=True)
        click.echo("Fix the problems above first. / Сначала исправьте указанные выше ошибки.", err=True)
        raise SystemExit(1) from None


def _in_every_language(name) -> str:
    """A country's or an area's name in every language of the guide, for a prompt: "Kazakhstan / Казахстан"."""
    from .languages import LANGUAGES

    return " / ".join(dict.fromkeys(name(lang) for lang in LANGUAGES))


def _scaffolded(write) -> Path:
    """Run a scaffold writer (new-practice, new-assessment) and return the file it wrote; a refusal (the file
    exists, an answer is invalid) or problems in what it wrote end the command with code 1."""
    try:
        path, problems = write()
    except (ValueError, FileExistsError) as err:
        click.echo(str(err), err=True)
        raise SystemExit(1) from None
    if problems:
        click.echo(problems.report(), err=True)
        raise SystemExit(1)
    return path


def main() -> None:
    """The program (`teia-guide`, `python -m teiaguide`). (The tests call `app` through click's CliRunner.)"""
    app(prog_name="teia-guide")
