"""What the post-build steps (PDFs, workshop pack, Downloads page sizes) need to know about the guide,
written per language when the guide is staged and read back by them: `build/stage/records/<lang>.json`.

    stage (guide loaded and validated) ─► records/<lang>.json ─► SiteRecords.load ─► pdf, pack

The steps work on the built HTML (that is what prints), but the facts around it come from here, not
from Material's markup: the navigation order and titles of the pages, which ones are translation-pending,
the interface strings, the site's name, address, author, copyright, version and edition date, the
stylesheets, and the files of the Downloads page.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import tomllib
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from . import gitdates
from .languages import prefix
from .mkdocs_settings import i18n_languages, mkdocs_config
from .paths import ROOT
from .urls import page_url

LOCAL_HOSTS = ("127.0.0.1", "localhost")


class MissingRecords(FileNotFoundError):
    pass


@dataclass(frozen=True)
class NavPage:
    path: str            # staged Markdown file, relative to the language folder: "areas/notification.md"
    url: str             # relative to the language root: "" (home), "areas/notification/"
    title: str
    pending: bool        # shown in another language with a "translation pending" banner


@dataclass(frozen=True)
class SiteFacts:
    site_name: str
    site_url: str | None         # published address of the language root; None for a local address
    author: str
    copyright: str
    version: str
    edition: str                 # ISO date: SOURCE_DATE_EPOCH, else the last commit


@dataclass(frozen=True)
class DownloadFile:
    kind: str                    # "guide", "handout", ..., "self-assessment", "pack", "offline"
    name: str                    # file name in downloads/files/
    label: str
    page: str | None = None      # URL (language root) of the page it is printed from, for single pages


@dataclass(frozen=True)
class SiteRecords:
    lang: str
    facts: SiteFacts
    pages: tuple[NavPage, ...]           # navigation order
    ui: dict[str, str]
    stylesheets: tuple[str, ...]         # mkdocs.yml extra_css, paths relative to the site root
    downloads: tuple[DownloadFile, ...]

    @property
    def edition(self) -> dt.date:
        return dt.date.fromisoformat(self.facts.edition)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def load(cls, folder: Path, lang: str) -> SiteRecords:
        path = folder / f"{lang}.json"
        if not path.is_file():
            raise MissingRecords(f"{path} is missing: stage the guide first (`teia-guide build`)")
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(lang=data["lang"], facts=SiteFacts(**data["facts"]),
                   pages=tuple(NavPage(**page) for page in data["pages"]), ui=data["ui"],
                   stylesheets=tuple(data["stylesheets"]),
                   downloads=tuple(DownloadFile(**item) for item in data["downloads"]))


def records_dir(docs_dir: Path) -> Path:
    """Next to the staged docs (not inside them: MkDocs would copy them into the site)."""
    return docs_dir.parent / "records"


# --- collected when the guide is staged ---------------------------------------------------------------

def collect(lang: str, staged: dict[str, dict], ui: dict[str, str], downloads: list[DownloadFile]) -> SiteRecords:
    """`staged`: the front matter of every staged page of the language, by path."""
    config = mkdocs_config()
    return SiteRecords(lang=lang, facts=site_facts(config, lang, ui), pages=tuple(nav_pages(config, lang, staged)),
                       ui=ui, stylesheets=tuple(config.get("extra_css") or ()), downloads=tuple(downloads))


def _language_settings(config: dict, lang: str) -> dict:
    """static-i18n's settings of a language (its site_name, copyright...), if any."""
    return next((entry for entry in i18n_languages(config) if entry.get("locale") == lang), {})


def site_facts(config: dict, lang: str, ui: dict[str, str]) -> SiteFacts:
    own = _language_settings(config, lang)
    base = config.get("site_url") or ""
    local = not base or any(f"//{host}" in base for host in LOCAL_HOSTS)
    return SiteFacts(site_name=ui["site_name"], site_url=None if local else base.rstrip("/") + "/" + prefix(lang),
                     author=own.get("site_author", config.get("site_author", "")),
                     copyright=own.get("copyright", config.get("copyright", "")),
                     version=guide_version(), edition=edition_date().isoformat())


def guide_version() -> str:
    """The version of the checkout (pyproject.toml), else of the installed package (a partial copy of the
    sources, as some tests build)."""
    project = ROOT / "pyproject.toml"
    if project.is_file():
        with open(project, "rb") as file:
            return tomllib.load(file)["project"]["version"]
    return metadata.version("teia-guide")


def edition_date() -> dt.date:
    """The date of this edition of the guide: SOURCE_DATE_EPOCH, else the last commit, else today."""
    epoch = gitdates.source_date_epoch()
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date() if epoch else dt.date.today()


def nav_paths(nav) -> list[str]:
    """The Markdown files of mkdocs.yml's `nav`, in order ("Title: file.md", sections, plain entries)."""
    paths = []
    for entry in nav or ():
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            paths += nav_paths(value)
        elif isinstance(value, str) and value.endswith(".md"):
            paths.append(value)
    return paths


def nav_pages(config: dict, lang: str, staged: dict[str, dict]) -> list[NavPage]:
    pages = []
    for path in nav_paths(config.get("nav")):
        if path not in staged:
            continue
        meta = staged[path]
        pages.append(NavPage(path=path, url=page_url(lang, path).removeprefix(prefix(lang)),
                             title=html.unescape(str(meta.get("title") or path)), pending=bool(meta.get("translation_of"))))
    return pages
