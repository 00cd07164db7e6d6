"""`teia-guide assess`: a self-assessment and action plan (YAML, or the JSON saved by the online tool) in,
the report as HTML and PDF out, in one language or all side by side.

The input is checked exactly as a submission to self_assessments/ is (teiaguide/assessments.py), except
that any two-letter country code is accepted: a country outside the guide can use the tool too. Every
problem is reported with file, line, field and a message in English and Russian, and then nothing is
written. Outputs are rendered in memory and moved into place, as `teia-guide notify` does (whose PDF
renderer and fonts this reuses).
"""
from __future__ import annotations

from pathlib import Path

from . import assessments
from .features import areas, countries, pages, ui
from .features import self_assessment as feature
from .features.notification import output_languages
from .guide import Guide
from .notify import render_pdf, suffix, write_report
from .problems import Problems, SourceError
from .render import render

def load_definitions() -> tuple[Guide, feature.IndicatorSet]:
    """Only what the report needs (labels, working areas, chapters for the section titles, countries, the
    indicator set): a problem elsewhere in the guide must not stop an official from printing a report."""
    guide = Guide()
    problems = Problems()
    for part in (ui, areas, pages, countries):
        part.load(guide, problems)
    indicator_set = feature.load_indicator_set(guide, problems)
    if problems or indicator_set is None:
        raise SourceError(problems)
    return guide, indicator_set


def render_html(guide: Guide, indicator_set: feature.IndicatorSet, assessment: assessments.Assessment,
                language: str) -> str:
    shown = output_languages(language)
    reports = {code: feature.report_context(guide, indicator_set, assessment, code, feature.PAGE) for code in shown}
    return render("self_assessment/report.html.j2", codes=shown, reports=reports, bilingual=len(shown) > 1)


def report_pdf(guide: Guide, indicator_set: feature.IndicatorSet, assessment: assessments.Assessment,
               language: str) -> bytes:
    return render_pdf(render_html(guide, indicator_set, assessment, language))


def generate(input_path: Path, language: str, out_dir: Path) -> list[Path]:
    """Check the input, then write <stem>.<languages>.html and .pdf into out_dir. Raises SourceError."""
    guide, indicator_set = load_definitions()
    problems = Problems()
    assessment = assessments.read(input_path, indicator_set, problems)
    if problems or assessment is None:
        raise SourceError(problems)
    html = render_html(guide, indicator_set, assessment, language)
    pdf = render_pdf(html)
    return write_report(out_dir, input_path, suffix(language), html, pdf)


def country_pdfs(lang: str, folder: Path | None = None) -> list[tuple[str, str, bytes]]:
    """The workshop pack's part (teiaguide/pack.py): per country with a submission, the report of its latest
    edition in `lang` as (file name, label, PDF bytes). None when no country has submitted one."""
    guide, indicator_set = load_definitions()
    problems = Problems()
    known = [country.iso2 for country in guide.countries]
    found = assessments.read_folder(folder or assessments.SOURCE, indicator_set, problems, known)
    if problems:                      # the build validated them already; `teia-guide pack` alone reports
        raise SourceError(problems)
    latest: dict[str, assessments.Assessment] = {}
    for item in sorted(found, key=lambda a: a.edition):
        latest[item.country] = item
    label = guide.t("sa_downloads_country", lang)
    return [(feature.pdf_name(code, lang), label.format(country=guide.countries[code].name(lang)),
             report_pdf(guide, indicator_set, item, lang))
            for code, item in sorted(latest.items(), key=lambda pair: known.index(pair[0]))]
