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
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from . import gitdates, site_records
from .features import FEATURES, downloads, pages, ui
from .guide import Guide, load_guide
from .generated import translation_pending
from .languages import LANGUAGES, fallback
from .problems import Problems, SourceError
from .records import falls_back
from .yamlsource import load_yaml_file, split_front_matter


@dataclass
class StagedLanguage:
    files: dict[str, bytes]             # relative path under the language's folder -> content
    meta: dict[str, dict]               # page path -> its front matter as the features wrote it

    @property
    def titles(self) -> dict[str, str]:
        return {path: meta["title"] for path, meta in self.meta.items() if meta.get("title")}


def check_guide() -> Guide:
    """`teia-guide check`: load and validate the guide, then generate every page of every language in
    memory (staging without writing), so that what the build needs from data/ (an interface string
    composed at run time, say) is reported now, as a problem of its file, and not as a failed build."""
    guide = load_guide()
    for lang in LANGUAGES:
        staged_files(guide, lang)           # chapters included, with the sections the features add
    return guide


def staged_files(guide: Guide, lang: str) -> StagedLanguage:
    """Every file of a language's staged folder, and the front matter of its pages. Raises SourceError, naming
    data/ui.yml, when an interface string the pages need is missing."""
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


def _staged_files(guide: Guide, lang: str) -> StagedLanguage:
    texts: dict[str, str | bytes] = {}
    interface_pending = falls_back(guide.ui, lang)
    for feature in FEATURES:
        for item in feature.generate(guide, lang):
            if item.path in texts:
                raise RuntimeError(f"{feature.__name__} generates {lang}/{item.path}, which another feature "
                                   "(or docs/) already has")
            pending = item.records is not None and (interface_pending or falls_back(item.records, lang))
            texts[item.path] = translation_pending(item.content, fallback(lang)) if pending else item.content
    staged = StagedLanguage({}, {})
    for path, content in texts.items():
        if path.endswith(".md"):
            content, staged.meta[path] = complete_page(guide, path, content, lang)
        staged.files[path] = content.encode("utf-8") if isinstance(content, str) else content
    return staged


def complete_page(guide: Guide, path: str, text: str, lang: str) -> tuple[str, dict]:
    """The page as MkDocs will render it: the features' additions appended, the date it last changed in
    its front matter; and its front matter as written."""
    front, body, _ = split_front_matter(text)
    meta = (yaml.load(front, Loader=yaml.CSafeLoader) if front else None) or {}
    if meta.get("area"):
        sections = [feature.chapter_sections(guide, meta["area"], lang) for feature in FEATURES
                    if hasattr(feature, "chapter_sections")]
        body = "\n\n".join([body, *filter(None, sections)])
    # what is added to every page sees the page's whole text (the glossary: the terms it uses)
    endings = [feature.page_markdown(guide, meta, body, lang) for feature in FEATURES if hasattr(feature, "page_markdown")]
    body = "\n\n".join([body, *filter(None, endings)])
    updated = gitdates.last_changed(source_path(meta, path, lang))
    if updated:
        front = f"{front or ''}updated: {updated.isoformat()}\n"
    if meta.get("based_on"):            # the "Based on" box, resolved (JSON is YAML's flow style)
        cited = json.dumps(pages.cite_based_on(guide, meta["based_on"], lang), ensure_ascii=False)
        front = f"{front or ''}based_on_cited: {cited}\n"
    return (f"---\n{front}---\n{body}" if front is not None else body), meta


def source_path(meta: dict, path: str, lang: str) -> str:
    """Repository path of the file a page is made from: the data file of a generated page, the original
    of an untranslated one, else the hand-written page."""
    return meta.get("generated_from") or f"docs/{meta.get('translation_of') or lang}/{path}"


def page_context(guide: Guide, lang: str, titles: dict[str, str]) -> bytes:
    """What the theme's templates need besides the page itself, for one language (read by the hooks): the
    interface strings, and every page's title, so that the navigation of a page rebuilt alone (the
    preview's dirty builds) names the pages MkDocs did not read again."""
    return json.dumps({"lang": lang, "ui": guide.ui.for_lang(lang), "titles": titles}, ensure_ascii=False,
                      indent=1, sort_keys=True).encode("utf-8")


@dataclass
class Changes:
    """What staging changed in one language's folder: the preview rebuilds from it."""

    written: list[str] = field(default_factory=list)    # new or changed files
    added: list[str] = field(default_factory=list)      # of those, the new ones
    removed: list[str] = field(default_factory=list)
    context: bool = False                               # the page context (interface strings, titles)

    def __bool__(self) -> bool:
        return bool(self.written or self.removed or self.context)

    @property
    def pages_only(self) -> bool:
        """Existing pages changed, and nothing the other pages show of them (their titles, the list of
        files, the interface strings): the changed pages can be rendered again on their own."""
        return not (self.added or self.removed or self.context)


def sync(files: dict[str, bytes], target: Path, keep_others: bool = False) -> Changes:
    """Make `target` hold `files` (and nothing else, unless `keep_others`); returns what changed."""
    target.mkdir(parents=True, exist_ok=True)
    changes = Changes()
    for rel, content in files.items():
        path = target / rel
        exists = path.is_file()
        if exists and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(content)
        os.replace(temp, path)          # atomic: a concurrent reader never sees half a file
        changes.written.append(rel)
        if not exists:
            changes.added.append(rel)
    if keep_others:
        return changes
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.name.startswith("."):
            continue                    # .keep holds the folder in git; MkDocs ignores dot files
        if path.is_file() and path not in wanted:
            path.unlink()
            changes.removed.append(path.relative_to(target).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changes


def records(guide: Guide, lang: str, staged: StagedLanguage) -> bytes:
    """What the post-build steps need to know of the language (teiaguide/site_records.py)."""
    return site_records.collect(lang, staged.meta, guide.ui.for_lang(lang), downloads.files(guide, lang)).to_json()


def context_dir(docs_dir: Path) -> Path:
    """Where the page context of each language is staged: next to the staged docs, not inside them."""
    return docs_dir.parent / "context"


def stage(guide: Guide, target: Path, langs: tuple[str, ...] = LANGUAGES) -> dict[str, Changes]:
    """Stage every language's folder of `target`, its page context and its site records (for the steps
    after MkDocs); returns what changed per language (the preview rebuilds only what changed)."""
    rendered = {lang: staged_files(guide, lang) for lang in langs}      # all rendered before any is written
    context_dir(target).mkdir(parents=True, exist_ok=True)
    changes = {}
    for lang, staged in rendered.items():
        changes[lang] = sync(staged.files, target / lang)
        context = sync({f"{lang}.json": page_context(guide, lang, staged.titles)}, context_dir(target),
                       keep_others=True)
        changes[lang].context = bool(context)
        sync({f"{lang}.json": records(guide, lang, staged)}, site_records.records_dir(target), keep_others=True)
    return changes
