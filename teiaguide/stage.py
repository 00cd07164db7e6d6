"""Stage the docs that MkDocs reads: every page complete before the engine starts.

Each language's folder holds the hand-written pages of docs/ (as the pages feature validated them, so
staging reads no source file again), the pages the features generate, and on every page what the
features add to it: a chapter's good-practice and quiz sections, the glossary's hover definitions, and
the page's last-changed date (front matter `updated`, from git). Next to the docs, `context/<lang>.json`
holds what the theme's templates need besides the page (the interface strings): the hooks read it, so
a language's build never loads or validates the guide again; `records/<lang>.json` holds what the
post-build steps need (teiaguide/site_records.py), so that they read no fact out of the built HTML.

Everything is rendered in memory first; only then is the staged directory synchronised, writing only
files whose content changed and removing stale ones. A failure while generating therefore leaves the
previous staged directory untouched, and the preview does not see spurious changes.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import jinja2
import yaml

from . import gitdates, site_records
from .features import FEATURES, downloads, pages, ui
from .guide import Guide
from .languages import LANGUAGES
from .problems import Problems, SourceError
from .yamlsource import load_yaml_file, split_front_matter


def staged_files(guide: Guide, lang: str) -> dict[str, bytes]:
    """Relative path (under the language's staged folder) -> content, for every file of that folder.
    Raises SourceError, naming data/ui.yml, when an interface string the pages need is missing."""
    with missing_strings_reported(guide):
        return _staged_files(guide, lang)


@contextlib.contextmanager
def missing_strings_reported(guide: Guide):
    """An interface string asked for but missing from data/ui.yml (also one composed at run time, like
    "gp_status_" + status) becomes a problem of data/ui.yml instead of a KeyError or a Jinja error."""
    try:
        yield
    except (ui.MissingString, jinja2.UndefinedError) as err:
        key = err.key if isinstance(err, ui.MissingString) else _undefined_name(err)
        if key is None or (guide.ui is not None and key in guide.ui.root):
            raise
        problems = Problems()
        tree = load_yaml_file(ui.SOURCE, Problems())
        ui.missing_problem(problems, tree, key)
        raise SourceError(problems) from None


def _undefined_name(err: Exception) -> str | None:
    """The key a template asked the interface strings for (`ui.<key>`); None for any other undefined
    name, which is a bug of the generator, not of data/ui.yml."""
    match = re.search(rf"{ui._Strings.__name__} object' has no attribute '([A-Za-z0-9_]+)'", str(err))
    return match.group(1) if match else None


def _staged_files(guide: Guide, lang: str) -> dict[str, bytes]:
    texts: dict[str, str | bytes] = {}
    for feature in FEATURES:
        for item in feature.generate(guide, lang):
            if item.path in texts:
                raise RuntimeError(f"{feature.__name__} generates {lang}/{item.path}, which another feature "
                                   "(or docs/) already has")
            texts[item.path] = item.content
    files: dict[str, bytes] = {}
    for path, content in texts.items():
        if isinstance(content, str):
            content = (complete_page(guide, path, content, lang) if path.endswith(".md") else content).encode("utf-8")
        files[path] = content
    return files


def complete_page(guide: Guide, path: str, text: str, lang: str) -> str:
    """The page as MkDocs will render it: the features' additions appended, the date it last changed in
    its front matter."""
    front, body, _ = split_front_matter(text)
    meta = (yaml.load(front, Loader=yaml.CSafeLoader) if front else None) or {}
    additions = []
    for feature in FEATURES:
        if meta.get("area") and hasattr(feature, "chapter_sections"):
            additions.append(feature.chapter_sections(guide, meta["area"], lang))
        if hasattr(feature, "page_markdown"):
            additions.append(feature.page_markdown(guide, meta, lang))
    body = _drop_unused_abbreviations("\n\n".join([body, *filter(None, additions)]))
    updated = gitdates.last_changed(source_path(meta, path, lang))
    if updated:
        front = f"{front or ''}updated: {updated.isoformat()}\n"
    if meta.get("based_on"):            # the "Based on" box, resolved (JSON is YAML's flow style)
        cited = json.dumps(pages.cite_based_on(guide, meta["based_on"], lang), ensure_ascii=False)
        front = f"{front or ''}based_on_cited: {cited}\n"
    return f"---\n{front}---\n{body}" if front is not None else body


def source_path(meta: dict, path: str, lang: str) -> str:
    """Repository path of the file a page is made from: the data file of a generated page, the original
    of an untranslated one, else the hand-written page."""
    return meta.get("generated_from") or f"docs/{meta.get('translation_of') or lang}/{path}"


_ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]\n]+)\]:[^\n]*\n?", re.M)


def _drop_unused_abbreviations(text: str) -> str:
    """Keep only the abbreviation definitions (glossary hover texts) whose term occurs in the page.

    The abbr extension wraps a term only where its exact text occurs, so dropping the others changes
    nothing on the page; with ~500 definitions per page they were most of the Markdown time."""
    if "*[" not in text:
        return text
    body = _ABBREVIATION.sub("", text)
    return _ABBREVIATION.sub(lambda match: match[0] if match["term"] in body else "", text)


def page_context(guide: Guide, lang: str) -> bytes:
    """What the theme's templates need besides the page itself, for one language (read by the hooks)."""
    return json.dumps({"lang": lang, "ui": guide.ui.for_lang(lang)}, ensure_ascii=False, indent=1,
                      sort_keys=True).encode("utf-8")


def sync(files: dict[str, bytes], target: Path, keep_others: bool = False) -> int:
    """Make `target` hold `files` (and nothing else, unless `keep_others`); returns how many files were
    written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in files.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        os.replace(temp, path)          # atomic: a concurrent reader never sees half a file
        written += 1
    if keep_others:
        return written
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.name.startswith("."):
            continue                    # .keep holds the folder in git; MkDocs ignores dot files
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def records(guide: Guide, lang: str, files: dict[str, bytes]) -> bytes:
    """What the post-build steps need to know of the language (teiaguide/site_records.py)."""
    return site_records.collect(lang, files, guide.ui.for_lang(lang), downloads.files(guide, lang)).to_json()


def context_dir(docs_dir: Path) -> Path:
    """Where the page context of each language is staged: next to the staged docs, not inside them."""
    return docs_dir.parent / "context"


def stage(guide: Guide, target: Path, langs: tuple[str, ...] = LANGUAGES) -> dict[str, int]:
    """Stage every language's folder of `target`, its page context and its site records; returns how many
    files changed per language (the preview rebuilds only the languages that changed)."""
    rendered = {lang: staged_files(guide, lang) for lang in langs}      # all rendered before any is written
    written = {}
    for lang, files in rendered.items():
        written[lang] = sync(files, target / lang)
        written[lang] += sync({f"{lang}.json": page_context(guide, lang)}, context_dir(target), keep_others=True)
        sync({f"{lang}.json": records(guide, lang, files)}, site_records.records_dir(target), keep_others=True)
    return written
