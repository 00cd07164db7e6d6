"""Merge the rendered parts into the guide PDF: page numbers, in-document links, outline and metadata.

Parts are rendered separately (render.py), so two things only the whole document knows
are added here with pypdf:
- "Page x of y": a small WeasyPrint document of empty pages that only carry the footer is stamped onto
  every page after the cover;
- links between parts: WeasyPrint wrote them as `teia:<id>` URI links; each becomes a jump to the page
  and position where that id landed.
"""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NullObject, TextStringObject

from .pages import LINK_SCHEME


def merge(front: Path, parts: list[Path], footer: Path, anchors: dict[str, tuple[int, float, float]],
          metadata: dict[str, str], lang: str, target: Path) -> int:
    """Write the guide to `target`; `anchors` maps ids to (page of the whole PDF, x pt, y pt from top).
    Returns the number of pages."""
    writer = PdfWriter()
    for source in (front, *parts):
        writer.append(str(source), import_outline=True)
    stamps = PdfReader(str(footer)).pages
    stamped = len(stamps)                               # counted once: pypdf counts the page tree each time
    for number, page in enumerate(writer.pages):
        if 0 < number < stamped:          # the cover has no page number
            page.merge_page(stamps[number], over=True)
        _resolve_links(writer, page, anchors)
    writer.add_metadata({f"/{key}": value for key, value in metadata.items()})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    with open(target, "wb") as out:
        writer.write(out)
    return len(writer.pages)


def _resolve_links(writer: PdfWriter, page, anchors: dict[str, tuple[int, float, float]]) -> None:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    for reference in annotations.get_object():
        annotation = reference.get_object()
        action = annotation.get("/A")
        if action is None:
            continue
        action = action.get_object()
        uri = action.get("/URI")
        if uri is None or not str(uri).startswith(LINK_SCHEME):
            continue
        name = str(uri)[len(LINK_SCHEME):]
        target = anchors.get(name) or anchors.get(name.split("-")[0])   # unknown fragment: top of its page
        if target is None:
            del annotation["/A"]                                         # nothing to jump to: plain text
            continue
        number, x, y = target
        destination_page = writer.pages[number]
        height = float(destination_page.mediabox.height)
        annotation[NameObject("/A")] = DictionaryObject({
            NameObject("/S"): NameObject("/GoTo"),
            NameObject("/D"): ArrayObject([destination_page.indirect_reference, NameObject("/XYZ"),
                                           FloatObject(x), FloatObject(height - y + 2), NullObject()]),
        })
