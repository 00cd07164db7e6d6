"""The stylesheet of the PDFs: the guide's print styles (templates/pdf/print.css), the site font as plain
TrueType (teiaguide/fonts.py), and the features' stylesheets that the site loads (mkdocs.yml `extra_css`,
through the site records), so that their elements print as they do from the browser."""
from __future__ import annotations

from pathlib import Path

from .. import fonts
from ..render import render
from ..site_records import SiteRecords

# The site's stylesheets that are about the page layout on screen (or the web font), not a feature's elements.
SCREEN_STYLESHEETS = ("fonts.css", "guide.css", "print.css", "search.css")


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_of(template: str) -> str:
    """'Page {page} of {pages}' -> the CSS content value "Page " counter(page) " of " counter(pages)."""
    parts = []
    for piece in template.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def feature_stylesheets(site: Path, records: SiteRecords) -> str:
    """The features' stylesheets of the built site (blank form lines, quiz and calculator tables...), in the
    order the pages load them, with their @media print rules: the PDF shows these elements as printed."""
    texts = []
    for href in records.stylesheets:
        if href.rsplit("/", 1)[-1] not in SCREEN_STYLESHEETS and (site / href).is_file():
            texts.append(f"/* {href} */\n" + (site / href).read_text(encoding="utf-8"))
    return "\n".join(texts)


def stylesheet(ui: dict[str, str], *, header: bool, footer: bool, features: str = "") -> str:
    """The CSS of one kind of document: parts (header), stamps (footer), single pages (footer, features)."""
    faces = [{"family": f"PT Sans {face.subset}", "weight": face.weight, "style": face.style,
              "url": face.path.resolve().as_uri()} for face in fonts.subset_faces()]
    families = ", ".join([css_string(f"PT Sans {subset}") for subset in fonts.SUBSETS] + ['"DejaVu Sans"', "sans-serif"])
    return render("pdf/print.css", fonts=faces, families=families, header=header, features=features,
                  footer=page_of(ui["pdf_page_of"]) if footer else "none",
                  appendix_label=ui["pdf_appendix"].replace('"', "'"),
                  contents_label=ui["pdf_contents"].replace('"', "'"))
