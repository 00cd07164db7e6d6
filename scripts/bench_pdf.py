#!/usr/bin/env python3
"""Benchmark the PDF export (not a test): our exporter (teiaguide/pdf/) against mkdocs-to-pdf, on the same
content in the same run, for the real guide and for a synthetic guide of about 300 pages per language.

    .venv/bin/python scripts/bench_pdf.py [--only real|synthetic] [--langs en,ru] [--chapters 30]

For each guide and language it measures, each in its own child process:
  html     mkdocs build of that language without any PDF plugin (reference; ours starts from its output)
  to-pdf   the same mkdocs build with the mkdocs-to-pdf plugin (HTML + PDF in one process)
  ours     teiaguide.pdf.export_guide on the built HTML (parts on 2 worker processes + merge), with an
           empty cache of rendered parts (a cold export)
Time is wall-clock; memory is the peak of the summed resident memory (RSS) and of the summed PSS (shared
pages divided among the processes that share them) of the whole process tree, polled from /proc.
mkdocs-to-pdf's PDF cost is reported as to-pdf minus html, ours as is.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))


# --- measuring a process tree ----------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in kids:
                found.append(int(kid))
                todo.append(int(kid))
    return found


_TICK = os.sysconf("SC_CLK_TCK")


def _sample(pid: int, cpu: dict[int, float]) -> tuple[int, int]:
    """Summed RSS and PSS (bytes) of the tree now; updates cpu[pid] = CPU seconds used so far per process."""
    rss = pss = 0
    for each in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[each] = max(cpu.get(each, 0.0), (int(fields[11]) + int(fields[12])) / _TICK)
        except (OSError, IndexError, ValueError):
            continue
    return rss * 1024, pss * 1024


def measure(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Wall time, peak memory and CPU time (user + system, every process of the tree) of a command.
    CPU time does not depend on what else runs on the machine; wall time does."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_rss = peak_pss = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        rss, pss = _sample(process.pid, cpu)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.2)            # reading smaps costs CPU: poll 5 times a second
    output = process.stdout.read()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-4000:]}")
    return {"seconds": seconds, "rss": peak_rss, "pss": peak_pss, "cpu": sum(cpu.values()), "output": output}


# --- configurations ----------------------------------------------------------------------------------

def _excluded() -> str:
    """The pages our exporter leaves out (interactive tools, downloads), left out of mkdocs-to-pdf too."""
    from teiaguide.pdf.pages import EXCLUDED

    return "[" + ", ".join(f'"^{url}$"' for url in EXCLUDED) + "]"


TO_PDF_PLUGIN = """  - to-pdf:
      output_path: {output}
      cover_title: "Benchmark"
      toc_level: 2
      exclude_pages: {excluded}
"""


def real_config(work: Path, with_pdf: bool, output: Path) -> Path:
    """The project's mkdocs.yml, made absolute, with mkdocs-to-pdf added to the plugins if wanted."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - teiaguide/hooks.py", f"  - {ROOT / 'teiaguide' / 'hooks.py'}")
    text = re.sub(r"^strict: true", "strict: false", text, flags=re.M)
    text = re.sub(r"^watch: .*$", "", text, flags=re.M)
    if with_pdf:
        # last in the list: the plugin must run after i18n has chosen the language
        text = _append_plugin(text, TO_PDF_PLUGIN.format(output=output, excluded=_excluded()))
    config = work / ("mkdocs-to-pdf.yml" if with_pdf else "mkdocs-html.yml")
    config.write_text(text, encoding="utf-8")
    return config


def _append_plugin(text: str, plugin: str) -> str:
    """Insert `plugin` as the last item of the top-level plugins list."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("plugins:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i].startswith(" "))
    while not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end] + [plugin] + lines[end:])


SYNTHETIC_CONFIG = """site_name: "Synthetic guide"
site_url: "http://127.0.0.1:8000/"
docs_dir: {docs}
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes]
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      reconfigure_search: false
      build_only_locale: {locale}
      languages:
        - {{locale: en, name: English, default: true, build: true}}
        - {{locale: ru, name: Русский, build: true, site_name: "Синтетическое руководство"}}
{pdf}
markdown_extensions:
  - toc: {{permalink: true}}
  - admonition
  - attr_list
  - def_list
  - footnotes
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist: {{custom_checkbox: true}}
nav:
{nav}
"""

WORDS = {
    "en": ("the party of origin shall notify affected parties about hazardous activities competent authority "
           "operator safety report emergency plan mutual assistance public information participation "
           "threshold quantity substance industrial accident transboundary effects prevention measures").split(),
    "ru": ("сторона происхождения уведомляет затрагиваемые стороны об опасной деятельности компетентный орган "
           "оператор доклад о безопасности план действий в чрезвычайных ситуациях взаимная помощь информация "
           "для общественности участие предельное количество вещество промышленная авария трансграничное "
           "воздействие меры по предотвращению").split(),
}


def _sentence(rng: random.Random, lang: str) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(9, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, lang: str) -> str:
    return " ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 6)))


def synthetic_chapter(rng: random.Random, lang: str, number: int) -> str:
    parts = [f"# {'Chapter' if lang == 'en' else 'Глава'} {number}\n"]
    for section in range(1, 7):
        parts.append(f"## {'Section' if lang == 'en' else 'Раздел'} {number}.{section} {{#s{section}}}\n")
        for _ in range(3):
            parts.append(_paragraph(rng, lang) + "\n")
        if section % 2:
            parts.append("| No. | " + " | ".join(rng.choice(WORDS[lang]) for _ in range(3)) + " |\n|---|---|---|---|")
            for row in range(8):
                parts.append(f"| {row + 1} | " + " | ".join(_sentence(rng, lang) for _ in range(3)) + " |")
            parts.append("")
        parts.append("!!! note\n\n    " + _paragraph(rng, lang) + "\n")
        parts.append("\n".join(f"- [ ] {_sentence(rng, lang)}" for _ in range(4)) + "\n")
        other = (number % CHAPTERS) + 1
        parts.append(f"[{'See also' if lang == 'en' else 'См. также'}](chapter-{other:03d}.md#s2)\n")
    return "\n".join(parts)


CHAPTERS = 30


def make_synthetic(work: Path, chapters: int) -> Path:
    docs = work / "docs"
    rng = random.Random(1992)
    for lang in ("en", "ru"):
        (docs / lang).mkdir(parents=True, exist_ok=True)
        (docs / lang / "index.md").write_text(f"# {'Synthetic guide' if lang == 'en' else 'Синтетическое руководство'}\n\n"
                                             + _paragraph(rng, lang) + "\n", encoding="utf-8")
        for number in range(1, chapters + 1):
            (docs / lang / f"chapter-{number:03d}.md").write_text(synthetic_chapter(rng, lang, number), encoding="utf-8")
    return docs


def synthetic_config(work: Path, docs: Path, chapters: int, locale: str, with_pdf: bool, output: Path) -> Path:
    nav = "  - index.md\n" + "".join(f"  - chapter-{n:03d}.md\n" for n in range(1, chapters + 1))
    pdf = TO_PDF_PLUGIN.format(output=output, excluded=_excluded()) if with_pdf else ""
    config = work / f"mkdocs-{locale}-{'pdf' if with_pdf else 'html'}.yml"
    config.write_text(SYNTHETIC_CONFIG.format(docs=docs, locale=locale, pdf=pdf.rstrip("\n"), nav=nav.rstrip("\n")),
                      encoding="utf-8")
    return config


# --- runs ----------------------------------------------------------------------------------------------

def mkdocs(config: Path, site: Path, env: dict) -> dict:
    return measure([PY, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)], env)


def ours(site: Path, records: Path, lang: str, target: Path, workers: int) -> dict:
    """Our export in a child process, from the site records in `records` and an empty cache."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from teiaguide.pdf import export_guide
        from teiaguide.pdf.cache import DocumentCache
        from teiaguide.site_records import SiteRecords
        if __name__ == "__main__":
            records = SiteRecords.load(Path({str(records)!r}), {lang!r})
            cache = DocumentCache(Path({str(target.with_suffix(".cache"))!r}))
            print(export_guide(Path({str(site)!r}), records, Path({str(target)!r}), workers={workers}, cache=cache).pages)
    """)
    script = target.with_suffix(".py")
    script.write_text(code, encoding="utf-8")
    result = measure([PY, str(script)])
    result["pages"] = int(result["output"].strip().splitlines()[-1])
    return result


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def report(name: str, lang: str, html: dict, to_pdf: dict, mine: dict, to_pdf_pages: int) -> None:
    mb = 1024 * 1024
    theirs_wall = to_pdf["seconds"] - html["seconds"]
    theirs_cpu = to_pdf["cpu"] - html["cpu"]
    print(f"\n== {name}, {lang}: ours {mine['pages']} pages, mkdocs-to-pdf {to_pdf_pages} pages")
    print(f"{'':28}{'wall s':>8}{'CPU s':>8}{'peak RSS MB':>13}{'peak PSS MB':>13}")
    for label, row in (("mkdocs build (HTML only)", html), ("mkdocs build + to-pdf", to_pdf), ("ours (built HTML -> PDF)", mine)):
        print(f"{label:28}{row['seconds']:8.1f}{row['cpu']:8.1f}{row['rss'] / mb:13.0f}{row['pss'] / mb:13.0f}")
    print(f"{'  to-pdf: PDF part only':28}{theirs_wall:8.1f}{theirs_cpu:8.1f}")
    print(f"PDF time, to-pdf / ours: wall {theirs_wall / mine['seconds']:.2f}x, CPU {theirs_cpu / mine['cpu']:.2f}x, "
          f"CPU per page {theirs_cpu / max(to_pdf_pages, 1):.3f} s vs {mine['cpu'] / max(mine['pages'], 1):.3f} s; "
          f"whole to-pdf build / ours: wall {to_pdf['seconds'] / mine['seconds']:.2f}x")
    print(f"peak memory, ours / to-pdf build: RSS {mine['rss'] / to_pdf['rss']:.2f}, PSS {mine['pss'] / to_pdf['pss']:.2f}",
          flush=True)


def bench_real(work: Path, langs: list[str], workers: int) -> None:
    from teiaguide.build import mkdocs_command
    from teiaguide.pipeline import build_site
    from teiaguide.site_records import records_dir

    # our exporter reads the whole site as `teia-guide build` writes it (languages under their prefix);
    # mkdocs-to-pdf gets each language's plain `mkdocs build` of the same staged docs
    whole = build_site(work / "whole" / "site", work_root=work / "whole", steps=()).site
    stage_dir = work / "whole" / "stage" / "docs"
    for lang in langs:
        _, env = mkdocs_command(lang, work / f"site-{lang}", stage_dir)
        html = mkdocs(real_config(work, False, work / "unused.pdf"), work / f"site-{lang}", env)
        output = work / f"to-pdf-{lang}.pdf"
        to_pdf = mkdocs(real_config(work, True, output), work / f"site-to-pdf-{lang}", env)
        mine = ours(whole, records_dir(stage_dir), lang, work / f"ours-{lang}.pdf", workers)
        report("real guide", lang, html, to_pdf, mine, pdf_pages(_to_pdf_output(work / f"site-to-pdf-{lang}", output)))


def bench_synthetic(work: Path, langs: list[str], workers: int, chapters: int) -> None:
    global CHAPTERS
    CHAPTERS = chapters
    docs = make_synthetic(work, chapters)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for lang in langs:
        site = work / f"site-{lang}"
        html = mkdocs(synthetic_config(work, docs, chapters, lang, False, work / "unused.pdf"), site, env)
        _install_fonts(site)
        output = work / f"to-pdf-{lang}.pdf"
        to_pdf = mkdocs(synthetic_config(work, docs, chapters, lang, True, output), work / f"site-to-pdf-{lang}", env)
        whole = work / f"whole-{lang}"
        _as_whole_site(site, whole, lang)
        mine = ours(whole, synthetic_records(work, lang, chapters), lang, work / f"ours-{lang}.pdf", workers)
        report(f"synthetic guide ({chapters} chapters)", lang, html, to_pdf, mine,
               pdf_pages(_to_pdf_output(work / f"site-to-pdf-{lang}", output)))


def synthetic_records(work: Path, lang: str, chapters: int) -> Path:
    """The site records of the synthetic guide (what the stage writes for the real one): its navigation,
    the guide's interface strings, no stylesheet of a feature."""
    from teiaguide.guide import load_guide
    from teiaguide.site_records import NavPage, SiteFacts, SiteRecords

    folder = work / "records"
    folder.mkdir(exist_ok=True)
    pages = [NavPage("index.md", "", "Synthetic guide", False)]
    pages += [NavPage(f"chapter-{n:03d}.md", f"chapter-{n:03d}/", f"Chapter {n}", False) for n in range(1, chapters + 1)]
    facts = SiteFacts("Synthetic guide", None, "Benchmark", "", "0", "2026-01-01")
    records = SiteRecords(lang, facts, tuple(pages), load_guide().ui.for_lang(lang), (), ())
    (folder / f"{lang}.json").write_bytes(records.to_json())
    return folder


def _to_pdf_output(site: Path, output: Path) -> Path:
    """mkdocs-to-pdf writes output_path relative to the site dir when it is not absolute."""
    return output if output.is_file() else site / str(output).lstrip("/")


def _install_fonts(site: Path) -> None:
    from teiaguide import fonts

    if not (site / "assets" / "fonts" / "files").is_dir():
        fonts.install(site)


def _as_whole_site(site: Path, whole: Path, lang: str) -> None:
    from teiaguide.languages import DEFAULT

    shutil.rmtree(whole, ignore_errors=True)
    if lang == DEFAULT:
        shutil.copytree(site, whole)
    else:
        whole.mkdir()
        shutil.copytree(site, whole / lang)
        shutil.copytree(site / "assets", whole / "assets")
        shutil.copy(site / "index.html", whole / "index.html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("real", "synthetic"))
    parser.add_argument("--langs", default="en,ru")
    parser.add_argument("--chapters", type=int, default=40, help="chapters of the synthetic guide (~7-8 pages each)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    langs = args.langs.split(",")
    print(f"CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f} (other processes slow every run alike)")
    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        if args.only in (None, "real"):
            (work / "real").mkdir()
            bench_real(work / "real", langs, args.workers)
        if args.only in (None, "synthetic"):
            (work / "synthetic").mkdir()
            bench_synthetic(work / "synthetic", langs, args.workers, args.chapters)
    finally:
        if args.keep:
            print(f"scratch: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
